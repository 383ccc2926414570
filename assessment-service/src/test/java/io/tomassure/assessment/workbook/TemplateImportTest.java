package io.tomassure.assessment.workbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.poi.ss.usermodel.Workbook;
import org.junit.jupiter.api.Test;

import io.tomassure.assessment.domain.AnswerKind;
import io.tomassure.assessment.domain.Level;
import io.tomassure.assessment.domain.Party;
import io.tomassure.assessment.domain.RowType;
import io.tomassure.assessment.domain.SectionKind;
import io.tomassure.assessment.service.TemplateDtos.RequirementDefinition;
import io.tomassure.assessment.service.TemplateDtos.SectionDefinition;

/** Both real workbooks of the family import into templates with the rows the research counted (docs/workbook-layout.md). */
class TemplateImportTest {

    static final WorkbookFiles.Limits LIMITS = new WorkbookFiles.Limits(10_485_760, 16_777_216, 5000);

    static TemplateImport.Result imported(String name) {
        try (Workbook workbook = WorkbookFiles.parse(RealWorkbooks.bytes(name), LIMITS)) {
            return TemplateImport.of("1", TableReader.read(workbook));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Integer> counts(TemplateImport.Result result) {
        return result.definition().sections().stream()
                .collect(Collectors.toMap(SectionDefinition::code, s -> s.requirements().size(), (a, b) -> a, java.util.LinkedHashMap::new));
    }

    static Map<String, RequirementDefinition> rows(TemplateImport.Result result) {
        return result.definition().sections().stream().flatMap(s -> s.requirements().stream())
                .collect(Collectors.toMap(RequirementDefinition::id, Function.identity()));
    }

    @Test
    void eRsV14ImportsEverySectionWith99RequirementIdsAnd47IgControls() {
        TemplateImport.Result result = imported(RealWorkbooks.ERS);
        assertThat(counts(result)).containsExactly(Map.entry("1", 26), Map.entry("2", 18), Map.entry("3", 65),
                Map.entry("4", 4), Map.entry("5", 18), Map.entry("6", 47), Map.entry("7", 12), Map.entry("8", 16),
                Map.entry("9", 29), Map.entry("9.1", 8), Map.entry("9.2", 3), Map.entry("9.3", 13));
        assertThat(result.definition().sections()).extracting(SectionDefinition::kind).containsExactly(
                SectionKind.CONTACTS, SectionKind.SUPPLIER_INFORMATION, SectionKind.USAGE_AND_SETTINGS, SectionKind.TOPOLOGY,
                SectionKind.ARCHITECTURE, SectionKind.IG_SECURITY, SectionKind.CLINICAL_SAFETY, SectionKind.SERVICE,
                SectionKind.API_REQUIREMENTS, SectionKind.API_REQUIREMENTS, SectionKind.API_REQUIREMENTS, SectionKind.API_REQUIREMENTS);
        long workbookIds = rows(result).keySet().stream().filter(id -> !id.contains("-Q")).count();
        assertThat(workbookIds).isEqualTo(99);
        assertThat(result.report().skippedSheets()).containsOnlyKeys("Cover", "Introduction", "User Guide",
                "Approval Gateways", "NHS Digital Assessement", "Lists");

        Map<String, RequirementDefinition> rows = rows(result);
        assertThat(rows).containsKeys("IO-01", "AC-07", "CS-01", "CS-031", "CS-055", "SR-01", "SR-16", "GR-001",
                "ERR-012", "LAL-001", "A001-01", "A002-01", "A003-03", "A004-03", "A005-01", "A008-03", "6-Q01", "6-Q47");
        // Who answers: the colour key (red supplier, green EUO), and the tab's default where 9.x rows have no fill.
        assertThat(rows.get("IO-01").answeredBy()).isEqualTo(Party.SUPPLIER);
        assertThat(rows.get("SR-12").answeredBy()).isEqualTo(Party.SUPPLIER);
        assertThat(rows.get("SR-13").answeredBy()).isEqualTo(Party.EUO);
        assertThat(rows.get("CS-01").answeredBy()).isEqualTo(Party.EUO);
        assertThat(rows.get("A001-01").answeredBy()).isEqualTo(Party.SUPPLIER);
        assertThat(rows.get("1-Q22").answeredBy()).isEqualTo(Party.NHS_DIGITAL);
        // Answers: the workbook's own Compliance Level list (with its spelling "N/a"), Yes/No on IG and clinical safety.
        assertThat(rows.get("IO-01").allowedAnswers()).containsExactly("Compliant", "Semi-compliant", "Non-compliant", "N/a");
        assertThat(rows.get("IO-01").answerKind()).isEqualTo(AnswerKind.COMPLIANCE);
        assertThat(rows.get("6-Q01").allowedAnswers()).containsExactly("Yes", "No");
        assertThat(rows.get("CS-031").answerKind()).isEqualTo(AnswerKind.QUESTION);
        assertThat(rows.get("CS-031").title()).startsWith("System Function?"); // shared down a merge
        assertThat(rows.get("2-Q01").answerKind()).isEqualTo(AnswerKind.FREE_TEXT);
        // Type and level: a blank Type is an Action; the level comes from the wording, or MUST.
        assertThat(rows.get("CS-052").type()).isEqualTo(RowType.ACTION);
        assertThat(rows.get("AUT-003").level()).isEqualTo(Level.SHOULD);
        assertThat(rows.get("GR-001").level()).isEqualTo(Level.MUST);
        assertThat(rows.get("1-Q01").type()).isEqualTo(RowType.INFO);
        // Phases by tab: 9.x is Phase 1B, 5-8 Phase 2, supplier information 1A and 1B.
        assertThat(rows.get("A001-01").phases()).containsExactly("1B");
        assertThat(rows.get("SR-01").phases()).containsExactly("2");
        assertThat(rows.get("2-Q01").phases()).containsExactly("1A", "1B");
    }

    @Test
    void smspV010LegacyXlsImports56RequirementIdsWithMustShouldFromItsSecondTypeColumn() {
        TemplateImport.Result result = imported(RealWorkbooks.SMSP);
        Map<String, Integer> counts = counts(result);
        assertThat(counts).containsEntry("5", 18).containsEntry("6", 9).containsEntry("7", 21).containsEntry("8", 11)
                .containsEntry("9a", 16).containsEntry("9b", 13);
        Map<String, RequirementDefinition> rows = rows(result);
        assertThat(rows.keySet().stream().filter(id -> !id.contains("-Q")).count()).isEqualTo(56);
        assertThat(result.report().skippedSheets()).containsKey("2 - Topology");

        assertThat(rows).containsKeys("OR-01", "CS-03", "IO-01", "CL-01", "MSCA-ORG-01", "MSCA-AUD-07", "MSCA-PDS-01", "MSCA-DQ-06");
        assertThat(rows.get("MSCA-IG-04").level()).isEqualTo(Level.SHOULD);
        assertThat(rows.get("MSCA-IG-01").level()).isEqualTo(Level.MUST);
        assertThat(rows.get("MSCA-IG-01").type()).isEqualTo(RowType.REQ);
        assertThat(rows.get("MSCA-ORG-01").answeredBy()).isEqualTo(Party.EUO); // "The Deploying Organisation MUST ..."
        assertThat(rows.get("MSCA-AUD-01").answeredBy()).isEqualTo(Party.SUPPLIER);
        assertThat(rows.get("MSCA-AUD-01").allowedAnswers()).containsExactly("Yes", "No", "N/A"); // " No" trimmed
        assertThat(rows.get("IO-01").type()).isEqualTo(RowType.INFO); // SMSP architecture: information only
        assertThat(rows.get("8-Q01").answerKind()).isEqualTo(AnswerKind.QUESTION);
        assertThat(rows.get("7-Q10").allowedAnswers()).contains("Spine Smartcard", "None");
        assertThat(rows.get("3-Q01").answeredBy()).isEqualTo(Party.EUO); // under "Health or Social Care Organisation's Stakeholders"
        assertThat(rows.get("1-Q09").allowedAnswers()).contains("3 - Satisfactory"); // an in-sheet list below the table
    }

    @Test
    void theImportedDefinitionsPassTheCataloguesOwnValidation() {
        for (String name : List.of(RealWorkbooks.ERS, RealWorkbooks.SMSP)) {
            io.tomassure.assessment.service.Catalogue.validate(imported(name).definition());
        }
    }
}
