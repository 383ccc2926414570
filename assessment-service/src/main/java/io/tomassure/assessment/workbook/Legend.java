package io.tomassure.assessment.workbook;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;

import io.tomassure.assessment.domain.Party;

/**
 * What a workbook says about itself: its colour key ("Supplier to complete" on a red fill, and so on), when it
 * has one, and its own list of compliance answers on its lists tab. Read from the workbook, not assumed: a
 * workbook without a key (SMSP colours each tab its own way) says nothing about parties through colour.
 */
record Legend(Map<String, Party> colours, List<String> complianceAnswers) {

    private static final int SCAN_ROWS = 200;
    private static final int SCAN_COLUMNS = 30;

    static Legend of(Workbook workbook) {
        Map<String, Party> colours = new HashMap<>();
        List<String> compliance = List.of();
        for (Sheet sheet : workbook) {
            boolean listsTab = sheet.getSheetName().strip().toLowerCase().matches("lists?");
            for (int r = 0; r <= Math.min(sheet.getLastRowNum(), SCAN_ROWS); r++) {
                Row row = sheet.getRow(r);
                if (row == null) {
                    continue;
                }
                for (int c = 0; c < Math.min(row.getLastCellNum(), SCAN_COLUMNS); c++) {
                    Cell cell = row.getCell(c);
                    String text = Cells.text(cell).strip();
                    if (text.toLowerCase().endsWith("to complete") && Cells.fillKey(cell) != null) {
                        keyEntry(text).ifPresent(party -> colours.putIfAbsent(Cells.fillKey(cell), party));
                    }
                    if (listsTab && compliance.isEmpty() && Column.normalise(text).matches("compliance( level| status)?")) {
                        compliance = listBelow(sheet, r, c);
                    }
                }
            }
        }
        return new Legend(Map.copyOf(colours), compliance);
    }

    /** A key entry names exactly one party ("Supplier/End User collaborate to complete" names two: no colour). */
    private static Optional<Party> keyEntry(String text) {
        var mentioned = CellWords.mentions(text);
        return mentioned.size() == 1 ? Optional.of(mentioned.keySet().iterator().next()) : Optional.empty();
    }

    private static List<String> listBelow(Sheet sheet, int headerRow, int column) {
        List<String> entries = new ArrayList<>();
        for (int r = headerRow + 1; r <= sheet.getLastRowNum(); r++) {
            String value = Cells.text(Cells.cell(sheet, r, column));
            if (value.isBlank()) {
                break;
            }
            entries.add(value);
        }
        return CellWords.answers(entries);
    }

    /** The party a cell's fill stands for, if the workbook's key names it. */
    Optional<Party> partyOf(Cell cell) {
        String key = Cells.fillKey(cell);
        return key == null ? Optional.empty() : Optional.ofNullable(colours.get(key));
    }
}
