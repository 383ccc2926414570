package io.tomassure.assessment.workbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.junit.jupiter.api.Test;

import io.tomassure.assessment.domain.AnswerKind;
import io.tomassure.assessment.domain.Level;
import io.tomassure.assessment.domain.Phase;
import io.tomassure.assessment.domain.SectionKind;
import io.tomassure.assessment.service.TemplateDtos.RequirementDefinition;
import io.tomassure.assessment.service.TemplateDtos.SectionDefinition;

/**
 * The real SCAL v2.0 imports as a template of its service tabs, with the rows an independent reading of the file
 * counts: under each tab's header rows, the rows with a requirement id or requirement text, and, counted another way,
 * the answer cells that still hold the SCAL's "Please select" prompt. Neither count uses the importer's code.
 */
class ScalImportTest {

    @Test
    void everyServiceTabIsASectionWithTheRowsAnIndependentReadingCounts() {
        TemplateImport.Result result = TemplateImportTest.imported(RealWorkbooks.SCAL);
        Map<String, Integer> imported = new LinkedHashMap<>();
        result.definition().sections().forEach(s -> imported.put(s.title(), s.requirements().size()));

        Map<String, int[]> independent = independentCounts(RealWorkbooks.bytes(RealWorkbooks.SCAL));

        assertThat(imported.keySet()).containsExactlyElementsOf(independent.keySet());
        independent.forEach((tab, counts) -> {
            assertThat(imported.get(tab)).as("rows of %s: with an id or requirement text", tab).isEqualTo(counts[0]);
            assertThat(imported.get(tab)).as("rows of %s: prompts in answer cells", tab).isEqualTo(counts[1]);
        });
        assertThat(imported).hasSize(15).containsEntry("NRL in Dev", 71).containsEntry("e-RS Overarching Reqs", 43);
        assertThat(imported.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(324);
        assertThat(result.report().skippedSheets()).containsOnlyKeys("NHS Digital Document Management", "Reqs Template",
                "Guidance & Process", "Supplier & Product information");
    }

    @Test
    void itKeepsTheScalsIdsQualifiesSharedOnesAndDerivesTheRest() {
        TemplateImport.Result result = TemplateImportTest.imported(RealWorkbooks.SCAL);
        Map<String, RequirementDefinition> rows = TemplateImportTest.rows(result);
        Map<String, SectionDefinition> sections = new LinkedHashMap<>();
        result.definition().sections().forEach(s -> sections.put(s.code(), s));

        assertThat(sections).containsKeys("IG-SECURITY-CLINICAL-SAFETY", "ARCHITECTURE", "NHS-LOGIN", "E-RS-OVERARCHING-REQS",
                "SMSP-PDS", "GPC-FOUNDATIONS", "GPC-AR-STRUCTURED", "NRL-IN-DEV", "EPS-PRESCRIPTION-TRACKER-IN-DEV");
        assertThat(sections.get("IG-SECURITY-CLINICAL-SAFETY").kind()).isEqualTo(SectionKind.IG_SECURITY);
        assertThat(sections.get("ARCHITECTURE").kind()).isEqualTo(SectionKind.ARCHITECTURE);
        assertThat(sections.get("GPC-FOUNDATIONS").kind()).isEqualTo(SectionKind.API_REQUIREMENTS);
        assertThat(rows).containsKeys("GR-002", "A001-01", "MSCA-PDS-03a", "MSCA-IG-005", "S2", "4.4.4.6", "NRLS-REQ-F030",
                "GPC-FPA-01", "GPC-ARHTML-03");
        // The same id in two tabs names two requirements ("Register a Patient", "Retrieve a Patient's Appointments").
        assertThat(rows).doesNotContainKey("GPC-RPA-01").containsKeys("GPC-RPA-01@GPC-FOUNDATIONS",
                "GPC-RPA-01@GPC-APPOINTMENT-MGMT");
        assertThat(rows.get("GPC-RPA-01@GPC-FOUNDATIONS").title()).isEqualTo("Register a Patient");
        // Declarations have no id: each tab's are numbered in it.
        assertThat(rows.get("GPC-FOUNDATIONS-Q01").title()).isEqualTo("Declaration of Usage");
        assertThat(rows.get("NHS-LOGIN-Q07").title()).isEqualTo("Data Set");

        assertThat(rows.get("GR-002").allowedAnswers()).containsExactly("Yes", "No", "Out of Scope");
        assertThat(rows.get("GR-002").answerKind()).isEqualTo(AnswerKind.COMPLIANCE);
        assertThat(rows.get("GPC-FOUNDATIONS-Q01").allowedAnswers()).containsExactly("Yes", "No");
        assertThat(rows.get("MSCA-PDS-01").level()).isEqualTo(Level.SHOULD);
        assertThat(rows.get("MSCA-PDS-03").level()).isEqualTo(Level.MUST);
        assertThat(rows.get("ARCHITECTURE-Q01").answerKind()).isEqualTo(AnswerKind.FREE_TEXT); // notes only
        assertThat(rows.get("ARCHITECTURE-Q01").title()).isEqualTo("Data Centre Resilience and Manageability");
        assertThat(rows.values()).allSatisfy(r -> assertThat(r.phases()).containsExactly(Phase.P1B.label()));
    }

    /** Per service tab: [rows with a requirement id or requirement text, answer cells holding the prompt]. */
    static Map<String, int[]> independentCounts(byte[] bytes) {
        DataFormatter format = new DataFormatter();
        Pattern id = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]*\\d[A-Za-z0-9._/-]*");
        Map<String, int[]> counts = new LinkedHashMap<>();
        try (Workbook workbook = org.apache.poi.ss.usermodel.WorkbookFactory.create(new java.io.ByteArrayInputStream(bytes))) {
            for (Sheet sheet : workbook) {
                String tab = sheet.getSheetName().strip();
                String lower = tab.toLowerCase(Locale.ROOT);
                if (lower.contains("template") || lower.contains("guidance") || lower.contains("document management")
                        || lower.contains("supplier & product")) {
                    continue; // the SCAL's own furniture, which its Guidance tab describes
                }
                List<Integer> headers = new ArrayList<>();
                for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                    String first = text(format, sheet.getRow(r), 0).toLowerCase(Locale.ROOT);
                    if (first.startsWith("item") || first.startsWith("requirement id") || first.startsWith("category / requirement")) {
                        headers.add(r);
                    }
                }
                if (headers.isEmpty()) {
                    continue;
                }
                int withText = 0;
                int prompts = 0;
                for (int h = 0; h < headers.size(); h++) {
                    Row header = sheet.getRow(headers.get(h));
                    List<Integer> textColumns = new ArrayList<>();
                    List<Integer> answerColumns = new ArrayList<>();
                    Integer typeColumn = null;
                    for (int c = 1; c < header.getLastCellNum(); c++) {
                        String name = text(format, header, c).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
                        if (name.matches("(item|requirement|detail|details|guidance).*") && !name.startsWith("requirement test")) {
                            textColumns.add(c);
                        }
                        if (name.contains("yes/no") || name.contains("yes / no")) {
                            answerColumns.add(c);
                        }
                        if (name.equals("type")) {
                            typeColumn = c;
                        }
                    }
                    int end = h + 1 < headers.size() ? headers.get(h + 1) : sheet.getLastRowNum() + 1;
                    int blank = 0;
                    for (int r = headers.get(h) + 1; r < end && blank < 3; r++) {
                        Row row = sheet.getRow(r);
                        String first = text(format, row, 0);
                        boolean text = textColumns.stream().anyMatch(c -> !text(format, row, c).isEmpty());
                        boolean rowEmpty = first.isEmpty() && !text && (row == null || row.getPhysicalNumberOfCells() == 0
                                || java.util.stream.IntStream.range(0, 12).allMatch(c -> text(format, row, c).isEmpty()));
                        blank = rowEmpty ? blank + 1 : 0;
                        String firstWord = first.split("\\s+")[0];
                        boolean requirementId = id.matcher(firstWord).matches() && !firstWord.endsWith(".")
                                && java.util.stream.IntStream.range(1, 12).anyMatch(c -> !text(format, row, c).isEmpty());
                        if (requirementId || text) {
                            withText++;
                        }
                        Integer typed = typeColumn;
                        boolean prompt = answerColumns.isEmpty() ? typed != null && !text(format, row, typed).isEmpty()
                                : answerColumns.stream().anyMatch(c -> text(format, row, c).toLowerCase(Locale.ROOT)
                                        .startsWith("please select"));
                        prompts += prompt ? 1 : 0;
                    }
                }
                counts.put(tab, new int[] { withText, prompts });
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counts;
    }

    private static String text(DataFormatter format, Row row, int column) {
        Cell cell = row == null ? null : row.getCell(column);
        return cell == null ? "" : format.formatCellValue(cell).strip();
    }
}
