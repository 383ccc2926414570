package io.tomassure.assessment.workbook;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint.ValidationType;
import org.apache.poi.ss.usermodel.Name;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.AreaReference;
import org.apache.poi.ss.util.CellRangeAddress;

/**
 * The drop-down lists of a sheet, resolved inside the workbook: explicit lists ("Yes, No"), ranges on a lists tab,
 * and names that point at one. Names that point at other workbooks or at #REF! resolve to nothing: the family's
 * validations are a hint, and many are broken.
 */
final class ListValidations {

    private static final int MAX_LIST_CELLS = 500;

    /** One list, the cells it applies to, and (for an in-sheet source range) where its entries come from. */
    private record Entry(List<CellRangeAddress> regions, List<String> answers, CellRangeAddress sameSheetSource) {
    }

    private final List<Entry> entries;

    private ListValidations(List<Entry> entries) {
        this.entries = entries;
    }

    static ListValidations of(Sheet sheet) {
        List<Entry> entries = new ArrayList<>();
        for (DataValidation validation : sheet.getDataValidations()) {
            var constraint = validation.getValidationConstraint();
            if (constraint.getValidationType() != ValidationType.LIST) {
                continue;
            }
            List<CellRangeAddress> regions = Arrays.asList(validation.getRegions().getCellRangeAddresses());
            if (constraint.getExplicitListValues() != null) {
                entries.add(new Entry(regions, CellWords.answers(Arrays.asList(constraint.getExplicitListValues())), null));
            } else if (constraint.getFormula1() != null) {
                resolve(sheet, regions, constraint.getFormula1()).ifPresent(entries::add);
            }
        }
        return new ListValidations(entries);
    }

    private static Optional<Entry> resolve(Sheet sheet, List<CellRangeAddress> regions, String formula) {
        Workbook workbook = sheet.getWorkbook();
        String reference = formula.strip().replaceFirst("^=", "");
        if (reference.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
            reference = name(workbook, reference, workbook.getSheetIndex(sheet)).map(Name::getRefersToFormula).orElse(null);
        }
        if (reference == null || reference.contains("[") || reference.contains("#REF")) {
            return Optional.empty();
        }
        try {
            AreaReference area = new AreaReference(reference, workbook.getSpreadsheetVersion());
            String sourceName = area.getFirstCell().getSheetName();
            Sheet source = sourceName == null ? sheet : workbook.getSheet(sourceName);
            if (source == null) {
                return Optional.empty();
            }
            List<String> values = new ArrayList<>();
            for (var cell : area.getAllReferencedCells()) {
                if (values.size() >= MAX_LIST_CELLS) {
                    break;
                }
                values.add(Cells.text(Cells.cell(source, cell.getRow(), cell.getCol())));
            }
            CellRangeAddress sourceRange = source == sheet ? new CellRangeAddress(area.getFirstCell().getRow(),
                    area.getLastCell().getRow(), area.getFirstCell().getCol(), area.getLastCell().getCol()) : null;
            return Optional.of(new Entry(regions, CellWords.answers(values), sourceRange));
        } catch (RuntimeException e) {
            return Optional.empty(); // not a reference POI understands: no list
        }
    }

    /** A defined name, preferring the one scoped to the sheet over the workbook's. */
    private static Optional<Name> name(Workbook workbook, String name, int sheetIndex) {
        List<Name> names = List.copyOf(workbook.getNames(name));
        return names.stream().filter(n -> n.getSheetIndex() == sheetIndex).findFirst()
                .or(() -> names.stream().filter(n -> n.getSheetIndex() == -1).findFirst());
    }

    /**
     * The list offered in a cell, if any. A list drawn from the table's own rows (a broken validation pointing at
     * the sheet's labels) is ignored.
     */
    Optional<List<String>> at(int row, int column, int firstTableRow, int lastTableRow) {
        for (Entry entry : entries) {
            if (entry.regions().stream().anyMatch(r -> r.isInRange(row, column))) {
                CellRangeAddress source = entry.sameSheetSource();
                boolean fromOwnRows = source != null && source.getFirstRow() <= lastTableRow && source.getLastRow() >= firstTableRow;
                return fromOwnRows || entry.answers().isEmpty() ? Optional.empty() : Optional.of(entry.answers());
            }
        }
        return Optional.empty();
    }
}
