package io.tomassure.assessment.workbook;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;

/**
 * Finds the TOM tables of a workbook by their header text, wherever the header row and columns sit, and reads
 * their rows:
 * <ul>
 * <li>a row whose id column holds an id is a requirement; its merged cells (a title shared by CS-031 to CS-034)
 * are read from the top of the merge;</li>
 * <li>in a tab without ids (IG controls, forms), a row with its own title is a question, numbered in order;</li>
 * <li>a row with text in the id column and no title is a sub-section heading ("Client Supplier", "GUIDANCE: ...").</li>
 * </ul>
 * Formula cells are read by their cached value and a computed title (a sign-off level) is never a question.
 */
public final class TableReader {

    private static final int HEADER_SEARCH_ROWS = 60;
    private static final int MAX_TABLE_ROWS = 2000;
    private static final int MAX_COLUMNS = 60;

    /** The tables found, the tabs left out (and why), and what the workbook says about itself. */
    public record Tables(List<Table> tables, Map<String, String> skipped, Legend legend) {
    }

    private TableReader() {
    }

    public static Tables read(Workbook workbook) {
        Legend legend = Legend.of(workbook);
        List<Table> tables = new ArrayList<>();
        Map<String, String> skipped = new java.util.LinkedHashMap<>();
        for (Sheet sheet : workbook) {
            String name = sheet.getSheetName();
            Optional<SectionName> section = SectionName.parse(name);
            if (section.isEmpty()) {
                skipped.put(name.strip(), "not a numbered TOM tab (cover, guide, approval form or lists)");
                continue;
            }
            Optional<Table> table = table(sheet, section.get(), legend);
            if (table.isEmpty()) {
                skipped.put(name.strip(), "no table headed with Item/Requirement and Compliance/Response/Type columns");
            } else if (table.get().rows().isEmpty()) {
                skipped.put(name.strip(), "its table has no rows");
            } else {
                tables.add(table.get());
            }
        }
        return new Tables(tables, skipped, legend);
    }

    static Optional<Table> table(Sheet sheet, SectionName section, Legend legend) {
        for (int r = 0; r <= Math.min(sheet.getLastRowNum(), HEADER_SEARCH_ROWS); r++) {
            List<String> headers = texts(sheet.getRow(r));
            Column.Layout layout = Column.layout(headers);
            if (layout.isTable()) {
                layout = typeOrLevel(sheet, layout, r);
                String answerHeader = layout.has(Column.ANSWER) ? headers.get(layout.columns().get(Column.ANSWER)) : "";
                return Optional.of(new Table(sheet.getSheetName(), section, layout, answerHeader.strip(),
                        rows(sheet, section, layout, headers, r, legend)));
            }
        }
        return Optional.empty();
    }

    private static List<String> texts(Row row) {
        List<String> texts = new ArrayList<>();
        if (row != null) {
            for (int c = 0; c < Math.min(row.getLastCellNum(), MAX_COLUMNS); c++) {
                texts.add(Cells.text(row.getCell(c)));
            }
        }
        return texts;
    }

    /** A "Type" column holding Must/Should is the level (SMSP has two "Type" columns: level first, row type last). */
    private static Column.Layout typeOrLevel(Sheet sheet, Column.Layout layout, int headerRow) {
        if (!layout.has(Column.TYPE)) {
            return layout;
        }
        int levels = 0;
        int types = 0;
        for (int r = headerRow + 1; r <= Math.min(sheet.getLastRowNum(), headerRow + 200); r++) {
            String value = Cells.text(Cells.cell(sheet, r, layout.columns().get(Column.TYPE)));
            levels += CellWords.level(value).isPresent() ? 1 : 0;
            types += CellWords.rowType(value).isPresent() ? 1 : 0;
        }
        if (levels <= types) {
            return layout;
        }
        if (layout.has(Column.LEVEL)) {
            return layout.withTypeAndLevelSwapped();
        }
        Map<Column, Integer> columns = new EnumMap<>(layout.columns());
        columns.put(Column.LEVEL, columns.remove(Column.TYPE));
        return new Column.Layout(columns, layout.extras());
    }

    private static List<Table.Row> rows(Sheet sheet, SectionName section, Column.Layout layout, List<String> headers,
            int headerRow, Legend legend) {
        int lastRow = Math.min(sheet.getLastRowNum(), headerRow + MAX_TABLE_ROWS);
        Map<Long, CellRangeAddress> verticalMerges = verticalMerges(sheet, layout, headerRow, lastRow);
        ListValidations lists = ListValidations.of(sheet);
        List<Table.Row> withIds = new ArrayList<>();
        List<Table.Row> questions = new ArrayList<>();
        String heading = null;
        for (int r = headerRow + 1; r <= lastRow; r++) {
            if (sheet.getRow(r) == null) {
                continue;
            }
            String idText = CellWords.clean(Cells.text(cell(sheet, r, layout, Column.ID)));
            String ownTitle = ownText(sheet, r, layout, Column.TITLE, verticalMerges);
            boolean titleFromMerge = ownTitle.isEmpty() && continues(r, layout, Column.TITLE, verticalMerges);
            boolean question = !ownTitle.isEmpty() && !Column.candidates(ownTitle).contains(Column.TITLE)
                    || titleFromMerge && !ownText(sheet, r, layout, Column.DESCRIPTION, verticalMerges).isEmpty();
            if (RowIds.isId(idText)) {
                withIds.add(row(sheet, r, idText, layout, headers, verticalMerges, legend, heading));
            } else if (question) {
                questions.add(row(sheet, r, null, layout, headers, verticalMerges, legend, heading));
            } else if (!idText.isEmpty() && !Cells.isFormula(cell(sheet, r, layout, Column.ID))) {
                heading = idText;
            }
        }
        List<Table.Row> found = withIds.isEmpty() ? questions : withIds;
        if (found.isEmpty()) {
            return found;
        }
        // Drop-down lists, now that the data rows are known: a list drawn from those rows is a broken validation.
        int firstDataRow = found.get(0).excelRow() - 1;
        int lastDataRow = found.get(found.size() - 1).excelRow() - 1;
        Integer answerColumn = layout.columns().get(Column.ANSWER);
        List<Table.Row> rows = new ArrayList<>();
        for (Table.Row row : found) {
            String id = row.id() != null ? row.id() : RowIds.question(section.code(), rows.size() + 1);
            Optional<List<String>> list = answerColumn == null ? Optional.empty()
                    : lists.at(row.excelRow() - 1, answerColumn, firstDataRow, lastDataRow);
            rows.add(new Table.Row(row.excelRow(), id, row.values(), row.extras(), row.colourParty(), list, row.heading()));
        }
        return rows;
    }

    private static Table.Row row(Sheet sheet, int r, String id, Column.Layout layout, List<String> headers,
            Map<Long, CellRangeAddress> verticalMerges, Legend legend, String heading) {
        Map<Column, String> values = new EnumMap<>(Column.class);
        layout.columns().forEach((column, c) -> {
            String value = Cells.text(Cells.cell(sheet, r, c));
            CellRangeAddress merge = verticalMerges.get(key(r, c));
            if (value.isBlank() && merge != null) {
                value = Cells.text(Cells.cell(sheet, merge.getFirstRow(), c)); // a title shared down a merge
            }
            values.put(column, CellWords.clean(value));
        });
        StringBuilder extras = new StringBuilder();
        for (int c : layout.extras()) {
            String value = CellWords.clean(Cells.text(Cells.cell(sheet, r, c)));
            if (!value.isEmpty()) {
                extras.append(extras.isEmpty() ? "" : "; ").append(headers.get(c).strip()).append(": ").append(value);
            }
        }
        var colour = legend.partyOf(cell(sheet, r, layout, Column.ANSWER)).or(() -> legend.partyOf(cell(sheet, r, layout, Column.TITLE)));
        return new Table.Row(r + 1, id, values, extras.toString(), colour, Optional.empty(), heading);
    }

    /** A cell's own text: not a formula's result and not the continuation of a merge above it. */
    private static String ownText(Sheet sheet, int row, Column.Layout layout, Column column, Map<Long, CellRangeAddress> merges) {
        Cell cell = cell(sheet, row, layout, column);
        if (cell == null || Cells.isFormula(cell) || continues(row, layout, column, merges)) {
            return "";
        }
        return CellWords.clean(Cells.text(cell));
    }

    private static boolean continues(int row, Column.Layout layout, Column column, Map<Long, CellRangeAddress> merges) {
        Integer c = layout.columns().get(column);
        return c != null && merges.containsKey(key(row, c));
    }

    private static Cell cell(Sheet sheet, int row, Column.Layout layout, Column column) {
        Integer c = layout.columns().get(column);
        return c == null ? null : Cells.cell(sheet, row, c);
    }

    /**
     * The continuation cells of single-column merges spanning rows, each mapped to its merge: only in the table's
     * columns and rows, so that a sheet of huge merges costs no more than its table.
     */
    private static Map<Long, CellRangeAddress> verticalMerges(Sheet sheet, Column.Layout layout, int headerRow, int lastRow) {
        Map<Long, CellRangeAddress> continuations = new HashMap<>();
        for (CellRangeAddress merge : sheet.getMergedRegions()) {
            boolean vertical = merge.getFirstColumn() == merge.getLastColumn() && merge.getFirstRow() < merge.getLastRow();
            if (vertical && layout.columns().containsValue(merge.getFirstColumn()) && merge.getLastRow() > headerRow
                    && merge.getFirstRow() <= lastRow) {
                for (int r = Math.max(merge.getFirstRow() + 1, headerRow + 1); r <= Math.min(merge.getLastRow(), lastRow); r++) {
                    continuations.put(key(r, merge.getFirstColumn()), merge);
                }
            }
        }
        return continuations;
    }

    private static long key(int row, int column) {
        return ((long) row << 16) | column;
    }
}
