package io.tomassure.assessment.workbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import io.tomassure.assessment.domain.AnswerKind;
import io.tomassure.assessment.domain.Party;

/**
 * Writes an assessment as a TOM workbook (.xlsx): a summary with the derived results and the colour key, the
 * non-conformance register, and one tab per section with the family's columns and each row's answer. The tabs
 * read back through {@link TableReader}, so an exported workbook, filled in offline, imports back.
 *
 * <p>Every text is written as text: a value starting with =, +, -, @ or a control character is also marked
 * quote-prefixed, so a spreadsheet program shows it and keeps it as text, never as a formula (formula injection).
 */
public final class WorkbookExport {

    /** What is exported: the facts for the summary, the register, the sections and their rows with answers. */
    public record Content(String title, List<String[]> facts, List<String[]> register, List<Section> sections) {
    }

    public record Section(String code, String title, List<Line> rows) {
    }

    /** A requirement row and its answer as exported; {@code rowVersion} lets a re-import detect later edits. */
    public record Line(String id, String title, String description, String guidance, Party party, String level,
            String type, AnswerKind answerKind, List<String> allowedAnswers, String answer, String implementationRef,
            String notes, String testRef, String ncDetail, String ncMitigation, String ncRisk, String score,
            String scoreComment, Long rowVersion) {
    }

    static final String[] HEADERS = { "ID", "Requirement", "Description", "Guidance", "Actioned By", "Level", "Type",
            "Compliance Level", "Supplier Implementation Reference", "Additional Notes / References",
            "Test Reference - Matrix", "Non-conformance Detail", "Mitigation", "Risk (RAG)", "Assess", "Assessment Text",
            "Row Version" };
    private static final int[] WIDTHS = { 14, 36, 60, 40, 22, 8, 8, 22, 30, 40, 20, 40, 40, 10, 12, 30, 10 };
    private static final int HEADER_ROW = 3;
    private static final int MAX_CELL_TEXT = 32_767;
    private static final int MAX_LIST_FORMULA = 250;

    /** The family's party colours (light red, green and blue), as its colour key shows them. */
    private static final Map<Party, byte[]> PARTY_FILLS = Map.of(
            Party.SUPPLIER, new byte[] { (byte) 0xE5, (byte) 0xB8, (byte) 0xB7 },
            Party.EUO, new byte[] { (byte) 0xD6, (byte) 0xE3, (byte) 0xBC },
            Party.NHS_DIGITAL, new byte[] { (byte) 0xD2, (byte) 0xDA, (byte) 0xE4 });

    private final XSSFWorkbook workbook = new XSSFWorkbook();
    private final Map<String, CellStyle> styles = new HashMap<>();

    private WorkbookExport() {
    }

    public static byte[] write(Content content) {
        WorkbookExport export = new WorkbookExport();
        try (XSSFWorkbook workbook = export.workbook) {
            export.summary(content);
            export.register(content.register());
            for (Section section : content.sections()) {
                export.section(section);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void summary(Content content) {
        Sheet sheet = workbook.createSheet("Summary");
        sheet.setColumnWidth(0, 40 * 256);
        sheet.setColumnWidth(1, 80 * 256);
        text(sheet.createRow(0), 0, content.title(), style("title", null));
        int r = 2;
        for (String[] fact : content.facts()) {
            Row row = sheet.createRow(r++);
            text(row, 0, fact[0], style("bold", null));
            text(row, 1, fact.length > 1 ? fact[1] : "", style("text", null));
        }
        r++;
        text(sheet.createRow(r++), 0, "Colour key", style("bold", null));
        text(sheet.createRow(r++), 0, "Supplier to complete", style("text", Party.SUPPLIER));
        text(sheet.createRow(r++), 0, "End User Organisation to complete", style("text", Party.EUO));
        text(sheet.createRow(r), 0, "NHS Digital to complete", style("text", Party.NHS_DIGITAL));
    }

    private void register(List<String[]> register) {
        Sheet sheet = workbook.createSheet("Non-conformances");
        String[] headers = { "ID", "Level", "Type", "Answer", "Detail", "Mitigation", "Risk (RAG)", "Phases", "Still missing" };
        Row header = sheet.createRow(0);
        for (int c = 0; c < headers.length; c++) {
            text(header, c, headers[c], style("header", null));
            sheet.setColumnWidth(c, (c >= 4 && c <= 5 ? 50 : 16) * 256);
        }
        for (int i = 0; i < register.size(); i++) {
            Row row = sheet.createRow(i + 1);
            String[] entry = register.get(i);
            for (int c = 0; c < entry.length; c++) {
                text(row, c, entry[c], style("text", null));
            }
        }
    }

    private void section(Section section) {
        // A TOM's tabs are numbered ("5 - Architecture"), a SCAL's named for their service: each reads back as its family.
        String numbered = section.code() + " - " + section.title();
        String name = SectionName.parse(numbered).isPresent() ? numbered : section.title();
        Sheet sheet = workbook.createSheet(WorkbookUtil.createSafeSheetName(name));
        text(sheet.createRow(0), 0, name, style("title", null));
        text(sheet.createRow(1), 0, "Exported by TOM Assure. Answer in the Compliance Level column; keep the ID and "
                + "Row Version columns as they are so that the workbook imports back.", style("text", null));
        Row header = sheet.createRow(HEADER_ROW);
        for (int c = 0; c < HEADERS.length; c++) {
            text(header, c, HEADERS[c], style("header", null));
            sheet.setColumnWidth(c, WIDTHS[c] * 256);
        }
        sheet.createFreezePane(2, HEADER_ROW + 1);
        DataValidationHelper validations = sheet.getDataValidationHelper();
        for (int i = 0; i < section.rows().size(); i++) {
            Line line = section.rows().get(i);
            int r = HEADER_ROW + 1 + i;
            Row row = sheet.createRow(r);
            CellStyle party = style("text", line.party());
            String[] values = { line.id(), line.title(), line.description(), line.guidance(), actionedBy(line.party()),
                    line.level(), line.type(), line.answer(), line.implementationRef(), line.notes(), line.testRef(),
                    line.ncDetail(), line.ncMitigation(), line.ncRisk(), line.score(), line.scoreComment(),
                    line.rowVersion() == null ? null : line.rowVersion().toString() };
            for (int c = 0; c < values.length; c++) {
                text(row, c, values[c], c <= 7 ? party : style("text", null));
            }
            String list = String.join(",", line.allowedAnswers());
            if (line.answerKind().hasList() && !list.isEmpty() && list.length() <= MAX_LIST_FORMULA && !list.contains("\"")
                    && line.allowedAnswers().stream().noneMatch(a -> a.contains(","))) {
                var constraint = validations.createExplicitListConstraint(line.allowedAnswers().toArray(String[]::new));
                var validation = validations.createValidation(constraint, new CellRangeAddressList(r, r, 7, 7));
                validation.setShowErrorBox(true);
                validation.setSuppressDropDownArrow(true);
                sheet.addValidationData(validation);
            }
        }
    }

    private static String actionedBy(Party party) {
        return switch (party) {
            case SUPPLIER -> "Supplier";
            case EUO -> "End User Organisation";
            case NHS_DIGITAL -> "NHS Digital";
        };
    }

    private void text(Row row, int column, String value, CellStyle style) {
        Cell cell = row.createCell(column);
        String text = value == null ? "" : value.length() > MAX_CELL_TEXT ? value.substring(0, MAX_CELL_TEXT) : value;
        cell.setCellValue(text);
        cell.setCellStyle(looksLikeFormula(text) ? quoted(style) : style);
    }

    /** What a spreadsheet program would take for a formula (or a DDE call) if typed in. */
    static boolean looksLikeFormula(String text) {
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0;
    }

    private CellStyle quoted(CellStyle base) {
        return styles.computeIfAbsent("quoted:" + base.getIndex(), k -> {
            XSSFCellStyle style = workbook.createCellStyle();
            style.cloneStyleFrom(base);
            style.setQuotePrefixed(true);
            return style;
        });
    }

    private CellStyle style(String kind, Party party) {
        return styles.computeIfAbsent(kind + ":" + party, k -> {
            XSSFCellStyle style = workbook.createCellStyle();
            style.setVerticalAlignment(VerticalAlignment.TOP);
            style.setWrapText(!kind.equals("title"));
            if (kind.equals("header") || kind.equals("title") || kind.equals("bold")) {
                Font font = workbook.createFont();
                font.setBold(true);
                if (kind.equals("header")) {
                    font.setColor((short) 9); // white, on the family's black header fill
                    style.setFillForegroundColor(new XSSFColor(new byte[] { 0, 0, 0 }));
                    style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
                }
                if (kind.equals("title")) {
                    font.setFontHeightInPoints((short) 14);
                }
                style.setFont(font);
            }
            if (party != null) {
                style.setFillForegroundColor(new XSSFColor(PARTY_FILLS.get(party)));
                style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            }
            if (!kind.equals("title")) {
                style.setBorderBottom(BorderStyle.THIN);
                style.setBorderRight(BorderStyle.THIN);
            }
            return style;
        });
    }
}
