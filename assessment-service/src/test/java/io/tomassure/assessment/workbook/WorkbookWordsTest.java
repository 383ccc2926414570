package io.tomassure.assessment.workbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.tomassure.assessment.domain.Level;
import io.tomassure.assessment.domain.Party;
import io.tomassure.assessment.domain.Phase;
import io.tomassure.assessment.domain.RowType;
import io.tomassure.assessment.domain.SectionKind;

/** The small rules that read the family's conventions, one by one. */
class WorkbookWordsTest {

    @Test
    void idsAreTheFamilysAndNeverLookLikeTheOnesGivenToQuestions() {
        assertThat(List.of("IO-01", "CS-031", "GR-001", "A001-01", "MSCA-IG-005", " SR-13 ", "6-Q07", "9a-Q12", "9.1-Q01"))
                .allMatch(RowIds::isId);
        assertThat(List.of("", "Category", "Business Scenario(s)", "1. General Requirements", "GUIDANCE:", "io-01", "IO-"))
                .noneMatch(RowIds::isId);
        assertThat(RowIds.question("6", 7)).isEqualTo("6-Q07");
        assertThat(RowIds.question("9a", 112)).isEqualTo("9a-Q112");
    }

    @Test
    void numberedTabsAreSectionsWithTheirKindAndPhases() {
        assertThat(SectionName.parse("9.1 - NHS e-RS Session APIs ")).hasValueSatisfying(s -> {
            assertThat(s.code()).isEqualTo("9.1");
            assertThat(s.title()).isEqualTo("NHS e-RS Session APIs");
            assertThat(s.kind()).isEqualTo(SectionKind.API_REQUIREMENTS);
            assertThat(s.phases()).containsExactly(Phase.P1B);
        });
        assertThat(SectionName.parse("9a - SMS Generic Client Reqs").orElseThrow().kind()).isEqualTo(SectionKind.API_REQUIREMENTS);
        assertThat(SectionName.parse("3 - End User Organisation ").orElseThrow().kind()).isEqualTo(SectionKind.USAGE_AND_SETTINGS);
        assertThat(SectionName.parse("7 - IG").orElseThrow().kind()).isEqualTo(SectionKind.IG_SECURITY);
        assertThat(SectionName.parse("2 - Supplier Information ").orElseThrow().phases()).containsExactly(Phase.P1A, Phase.P1B);
        assertThat(SectionName.parse("4 - Contracts-Agreements").orElseThrow().phases()).containsExactly(Phase.P1A);
        assertThat(SectionName.parse("5 - Accountability").orElseThrow().phases()).containsExactly(Phase.P2);
        assertThat(SectionName.parse("Approval Gateways")).isEmpty();
        assertThat(SectionName.parse("NHS Digital Assessement")).isEmpty();
        assertThat(SectionName.parse("99999999999 - Overflow")).isEmpty();
    }

    @Test
    void thePartyIsTheFirstOneAPhraseNames() {
        assertThat(CellWords.party("…...on behalf of the Client Supplier \n")).contains(Party.SUPPLIER);
        assertThat(CellWords.party("Deploying Health or Social Care Organisation")).contains(Party.EUO);
        assertThat(CellWords.party("To be completed by the Supplier to provide best-practice guidance to the End User Organisation "))
                .contains(Party.SUPPLIER);
        assertThat(CellWords.party("NHS Digital to complete")).contains(Party.NHS_DIGITAL);
        assertThat(CellWords.party("No Action required")).isEmpty();
        assertThat(CellWords.mentions("Supplier/End User collaborate to complete")).hasSize(2);
    }

    @Test
    void typesLevelsAndPlaceholders() {
        assertThat(CellWords.rowType(" Action ")).contains(RowType.ACTION);
        assertThat(CellWords.rowType("Req")).contains(RowType.REQ);
        assertThat(CellWords.rowType("")).isEmpty();
        assertThat(CellWords.level("Should")).contains(Level.SHOULD);
        assertThat(CellWords.levelInWording("The client SHOULD cache it; it MUST not")).contains(Level.SHOULD);
        assertThat(CellWords.levelInWording("must in lower case is not a keyword")).isEmpty();
        assertThat(List.of("Please select …", "Please select...", "Select", "NYK", " NYA ", "")).allMatch(CellWords::isPlaceholder);
        assertThat(CellWords.isPlaceholder("Compliant")).isFalse();
        assertThat(CellWords.answers(List.of("Select", "Yes", " No", " N/A", "Not Satisfactory\n", "yes")))
                .containsExactly("Yes", "No", "N/A", "Not Satisfactory");
    }

    @Test
    void headersAreRecognisedByTheirWordsWhereverTheyAre() {
        // e-RS 9.x: B..J
        var ers = Column.layout(List.of("", "Category / Requirement", "Requirement", "Requirement Description / Help Text",
                "Guidance", "Compliance Level", "Supplier Implementation Reference", "Additional Notes / References",
                "Test Reference - Matrix", "Type"));
        assertThat(ers.columns()).containsEntry(Column.ID, 1).containsEntry(Column.TITLE, 2).containsEntry(Column.DESCRIPTION, 3)
                .containsEntry(Column.GUIDANCE, 4).containsEntry(Column.ANSWER, 5).containsEntry(Column.IMPLEMENTATION_REF, 6)
                .containsEntry(Column.NOTES, 7).containsEntry(Column.TEST_REF, 8).containsEntry(Column.TYPE, 9);
        assertThat(ers.isTable()).isTrue();
        // SMSP 9a: two "Type" columns; the first goes to TYPE until its content says it is the level.
        var smsp = Column.layout(List.of("", "Category / Requirement", "Item", "Detail", "Guidance", "Type", "Actioned By",
                "Compliance Status", "Additional Notes / References", "Type"));
        assertThat(smsp.columns()).containsEntry(Column.TYPE, 5).containsEntry(Column.LEVEL, 9);
        assertThat(smsp.withTypeAndLevelSwapped().columns()).containsEntry(Column.TYPE, 9).containsEntry(Column.LEVEL, 5);
        // A contact log: Name is the answer, Job Title / Email / Telno are kept as extras.
        var contacts = Column.layout(List.of("", "Category", "Item", "Guidance", "Name", "Job Title", "Email", "Telno", "Type"));
        assertThat(contacts.columns()).containsEntry(Column.ANSWER, 4);
        assertThat(contacts.extras()).containsExactly(5, 6, 7);
        assertThat(Column.layout(List.of("Document history", "Version", "Date")).isTable()).isFalse();
    }
}
