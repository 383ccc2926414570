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
 * Finds the tables of a workbook by their header text, wherever the header row and columns sit, and reads their rows.
 * Two families are read (docs/workbook-layout.md). A workbook with numbered tabs is a TOM: one table a tab, and
 * <ul>
 * <li>a row whose id column holds an id is a requirement; its merged cells (a title shared by CS-031 to CS-034)
 * are read from the top of the merge;</li>
 * <li>in a tab without ids (IG controls, forms), a row with its own title is a question, numbered in order;</li>
 * <li>a row with text in the id column and no title is a sub-section heading ("Client Supplier", "GUIDANCE: ...").</li>
 * </ul>
 * Formula cells are read by their cached value and a computed title (a sign-off level) is never a question.
 * <p>
 * Any other workbook is read as a SCAL: a tab per programme or API, each with several tables (the declarations,
 * then the requirements), one after the other. A requirement is a row whose answer cell holds the SCAL's prompt or an
 * answer, or whose first column and another hold text; a row with text in its first column only is a heading, and one
 * with neither (the lists of answers below a table) is nothing. Ids are the SCAL's where it gives one, qualified with
 * the section where several tabs share it.
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
        for (Sheet sheet : workbook) {
            if (SectionName.parse(sheet.getSheetName()).isPresent()) {
                return tom(workbook);
            }
        }
        return scal(workbook);
    }

    private static Tables tom(Workbook workbook) {
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

    /** The tabs of a SCAL that are not requirements, and why. */
    private static Optional<String> scalSkip(String sheetName) {
        String name = sheetName.toLowerCase(java.util.Locale.ROOT);
        if (name.contains("document management") || name.contains("guidance")) {
            return Optional.of("about the SCAL itself: its history and how to complete it");
        }
        if (name.contains("template")) {
            return Optional.of("a blank tab for a new service's requirements");
        }
        if (name.strip().equals("summary") || name.strip().equals("non-conformances")) {
            return Optional.of("TOM Assure's own summary of an exported assessment");
        }
        if (name.contains("supplier") && name.contains("product")) {
            return Optional.of("the supplier and product form: TOM Assure keeps these facts as the product, its "
                    + "organisation and the assessment's scope");
        }
        return Optional.empty();
    }

    private static Tables scal(Workbook workbook) {
        Legend legend = Legend.of(workbook);
        List<Table> tables = new ArrayList<>();
        Map<String, String> skipped = new java.util.LinkedHashMap<>();
        java.util.Set<String> codes = new java.util.HashSet<>();
        for (Sheet sheet : workbook) {
            String name = sheet.getSheetName();
            Optional<String> skip = scalSkip(name);
            if (skip.isPresent()) {
                skipped.put(name.strip(), skip.get());
                continue;
            }
            SectionName section = SectionName.scal(name);
            for (int n = 2; !codes.add(section.code()); n++) {
                section = new SectionName(SectionName.scal(name).code() + "-" + n, section.title(), section.kind(),
                        section.phases());
            }
            List<Table> own = scalTables(sheet, section, legend);
            if (own.isEmpty() && sheet.getPhysicalNumberOfRows() > 0) {
                throw WorkbookFiles.unsafe("The tab '" + name.strip() + "' has no header row: a SCAL tab's tables are "
                        + "headed with Item or Requirement ID and a Declaration, Compliant or Type column");
            }
            tables.addAll(own);
        }
        return new Tables(qualifyShared(tables), skipped, legend);
    }

    /** The tables of one SCAL tab, each from its header row to the next; derived ids run on across them. */
    private static List<Table> scalTables(Sheet sheet, SectionName section, Legend legend) {
        int lastRow = Math.min(sheet.getLastRowNum(), MAX_TABLE_ROWS);
        List<Integer> headerRows = new ArrayList<>();
        for (int r = 0; r <= lastRow; r++) {
            if (Column.layout(texts(sheet.getRow(r))).isTable()) {
                headerRows.add(r);
            }
        }
        List<Table> tables = new ArrayList<>();
        int[] derived = { 0 };
        for (int i = 0; i < headerRows.size(); i++) {
            int headerRow = headerRows.get(i);
            int end = i + 1 < headerRows.size() ? headerRows.get(i + 1) - 1 : lastRow;
            List<String> headers = texts(sheet.getRow(headerRow));
            Column.Layout layout = typeOrLevel(sheet, Column.layout(headers), headerRow);
            List<Table.Row> rows = scalRows(sheet, section, layout, headers, headerRow, end, legend, derived);
            if (!rows.isEmpty()) {
                String answerHeader = layout.has(Column.ANSWER) ? headers.get(layout.columns().get(Column.ANSWER)) : "";
                tables.add(new Table(sheet.getSheetName(), section, layout, answerHeader.strip(), rows));
            }
        }
        return tables;
    }

    private static List<Table.Row> scalRows(Sheet sheet, SectionName section, Column.Layout layout, List<String> headers,
            int headerRow, int lastRow, Legend legend, int[] derived) {
        Map<Long, CellRangeAddress> verticalMerges = verticalMerges(sheet, layout, headerRow, lastRow);
        ListValidations lists = ListValidations.of(sheet);
        Integer answerColumn = layout.columns().get(Column.ANSWER);
        List<Table.Row> rows = new ArrayList<>();
        String heading = null;
        for (int r = headerRow + 1; r <= lastRow; r++) {
            if (sheet.getRow(r) == null) {
                continue;
            }
            Column firstColumn = layout.has(Column.ID) ? Column.ID : Column.TITLE;
            String first = CellWords.clean(Cells.text(cell(sheet, r, layout, firstColumn)));
            boolean more = textBeyond(sheet, r, layout, firstColumn);
            Optional<String> id = layout.has(Column.ID) ? RowIds.scal(first) : Optional.empty();
            if (!layout.has(Column.ID) && more && RowIds.isId(first)) {
                throw WorkbookFiles.unsafe("The tab '" + sheet.getSheetName().strip() + "' has requirement " + first + " at row "
                        + (r + 1) + " under a table without an id column: its requirements' header row (Requirement ID "
                        + "or Category / Requirement) is missing");
            }
            boolean answered = answerColumn != null && !CellWords.clean(Cells.text(Cells.cell(sheet, r, answerColumn))).isEmpty();
            boolean requirement = answered || !first.isEmpty() && more;
            if (!requirement) {
                if (!first.isEmpty() && !more) {
                    heading = first;
                }
                continue;
            }
            Table.Row row = row(sheet, r, id.orElseGet(() -> RowIds.question(section.code(), ++derived[0])), layout,
                    headers, verticalMerges, legend, heading);
            Optional<List<String>> list = answerColumn == null ? Optional.empty() : lists.at(r, answerColumn, r, r);
            rows.add(new Table.Row(row.excelRow(), row.id(), row.values(), row.extras(), row.colourParty(), list, heading));
        }
        return rows;
    }

    /** Whether a row has text in any of the table's columns but its first one and its answer. */
    private static boolean textBeyond(Sheet sheet, int row, Column.Layout layout, Column firstColumn) {
        for (Map.Entry<Column, Integer> column : layout.columns().entrySet()) {
            if (column.getKey() != firstColumn && column.getKey() != Column.ANSWER
                    && !CellWords.clean(Cells.text(Cells.cell(sheet, row, column.getValue()))).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Ids that several SCAL tabs give, each made its own section's ("GPC-RPA-01@GPC-FOUNDATIONS"). */
    private static List<Table> qualifyShared(List<Table> tables) {
        Map<String, Integer> uses = new HashMap<>();
        tables.forEach(t -> t.rows().stream().filter(row -> !RowIds.isDerived(row.id()))
                .forEach(row -> uses.merge(row.id(), 1, Integer::sum)));
        List<Table> qualified = new ArrayList<>();
        for (Table table : tables) {
            List<Table.Row> rows = table.rows().stream().map(row -> uses.getOrDefault(row.id(), 0) < 2 ? row
                    : new Table.Row(row.excelRow(), RowIds.qualified(row.id(), table.section().code()), row.values(),
                            row.extras(), row.colourParty(), row.answerList(), row.heading())).toList();
            qualified.add(new Table(table.sheet(), table.section(), table.layout(), table.answerHeader(), rows));
        }
        return qualified;
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
        return new Column.Layout(columns, layout.extras(), layout.context());
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
        String extras = labelled(sheet, r, layout.extras(), headers, "; ");
        String context = labelled(sheet, r, layout.context(), headers, "\n");
        if (!context.isEmpty()) {
            values.merge(Column.GUIDANCE, context, (guidance, more) -> guidance.isEmpty() ? more : guidance + "\n" + more);
        }
        var colour = legend.partyOf(cell(sheet, r, layout, Column.ANSWER)).or(() -> legend.partyOf(cell(sheet, r, layout, Column.TITLE)));
        return new Table.Row(r + 1, id, values, extras, colour, Optional.empty(), heading);
    }

    /** The non-blank cells of {@code columns} in row {@code r}, each as "Header: value". */
    private static String labelled(Sheet sheet, int r, List<Integer> columns, List<String> headers, String separator) {
        StringBuilder text = new StringBuilder();
        for (int c : columns) {
            String value = CellWords.clean(Cells.text(Cells.cell(sheet, r, c)));
            if (!value.isEmpty()) {
                text.append(text.isEmpty() ? "" : separator).append(headers.get(c).strip().replaceAll("\\s+", " "))
                        .append(": ").append(value);
            }
        }
        return text.toString();
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
