package io.tomassure.assessment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.tomassure.assessment.domain.RowChange.Carry;
import io.tomassure.assessment.domain.RowChange.Change;
import io.tomassure.assessment.domain.Wording.Op;
import io.tomassure.assessment.domain.Wording.Segment;

/** The rules of a template uplift: pairing rows, what changed, what becomes of an answer, and a revision's delta. */
class UpliftRulesTest {

    private static TemplateRow api(String id, String title, Level level) {
        return new TemplateRow(Rows.req(id, level, Phase.P1B), title, "What " + title + " asks", null, false);
    }

    private static TemplateRow control(String id, String title) {
        return new TemplateRow(Rows.ig(id, "6"), title, null, null, true);
    }

    private static RowChange only(List<RowChange> delta, String id) {
        return delta.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void rowsWithTheWorkbooksIdsPairByIdAndSayWhatChanged() {
        List<RowChange> delta = TemplateDelta.compare(
                List.of(api("A-01", "Create a session", Level.SHOULD), api("A-02", "Select a role", Level.MUST),
                        api("A-03", "Retired call", Level.MUST)),
                List.of(api("A-01", "Create a  SESSION.", Level.MUST), api("A-02", "Select the business role", Level.MUST),
                        api("A-04", "New call", Level.MUST)));

        assertThat(only(delta, "A-01").changes()).as("case, spacing and punctuation are no rewording")
                .containsExactly(Change.RELEVELLED);
        assertThat(only(delta, "A-02").changes()).containsExactly(Change.REWORDED);
        assertThat(only(delta, "A-04").changes()).containsExactly(Change.ADDED);
        assertThat(only(delta, "A-03").changes()).containsExactly(Change.REMOVED);
        assertThat(delta).extracting(RowChange::id).containsExactly("A-01", "A-02", "A-04", "A-03");
    }

    @Test
    void rowsWithDerivedIdsPairByTheirWordingWhereverTheyMoved() {
        List<RowChange> delta = TemplateDelta.compare(
                List.of(control("6-Q01", "Demographic Query"), control("6-Q02", "Clinical Query"),
                        control("6-Q03", "Role Based Access")),
                List.of(control("6-Q01", "Demographic Query"), control("6-Q02", "Information Asset Transfer"),
                        control("6-Q03", "Clinical query"), control("6-Q04", "Role Based Access")));

        assertThat(only(delta, "6-Q01").unchanged()).isTrue();
        assertThat(only(delta, "6-Q02").changes()).containsExactly(Change.ADDED);
        assertThat(only(delta, "6-Q03").from().id()).isEqualTo("6-Q02");
        assertThat(only(delta, "6-Q03").changes()).containsExactly(Change.MOVED);
        assertThat(only(delta, "6-Q04").from().id()).isEqualTo("6-Q03");
    }

    @Test
    void twoIdsTheWorkbooksGaveAreTwoRequirementsHoweverAlikeTheyRead() {
        List<RowChange> delta = TemplateDelta.compare(List.of(api("A-01", "Failure cases", Level.MUST)),
                List.of(api("B-01", "Failure cases", Level.MUST)));

        assertThat(delta).extracting(RowChange::changes).containsExactly(Set.of(Change.ADDED), Set.of(Change.REMOVED));
    }

    @Test
    void anAnswerIsCarriedConfirmedKeptAsideOrFlaggedAsNoLongerAllowed() {
        TemplateRow before = api("A-01", "Create a session", Level.SHOULD);
        RowChange same = RowChange.between(before, before);
        RowChange relevelled = RowChange.between(before, api("A-01", "Create a session", Level.MUST));
        Requirement yesNo = new Requirement("A-01", "9", SectionKind.API_REQUIREMENTS, Level.SHOULD, RowType.REQ,
                Party.SUPPLIER, Set.of(Phase.P1B), List.of("Yes", "No"));
        RowChange newAnswers = RowChange.between(before, new TemplateRow(yesNo, before.title(), before.description(), null, false));
        Requirement euo = new Requirement("A-01", "9", SectionKind.API_REQUIREMENTS, Level.SHOULD, RowType.REQ, Party.EUO,
                Set.of(Phase.P1B), Rows.ERS_ANSWERS);
        RowChange otherParty = RowChange.between(before, new TemplateRow(euo, before.title(), before.description(), null, false));

        assertThat(same.carry("compliant")).isEqualTo(Carry.CARRIED);
        assertThat(relevelled.carry("Compliant")).isEqualTo(Carry.REATTEST);
        assertThat(newAnswers.changes()).containsExactly(Change.ANSWERS_CHANGED);
        assertThat(newAnswers.carry("Compliant")).isEqualTo(Carry.NOT_ALLOWED);
        assertThat(newAnswers.carry("yes")).isEqualTo(Carry.CARRIED);
        assertThat(otherParty.carry("Compliant")).as("one party's answer is never shown as another's").isEqualTo(Carry.RETIRED);
        assertThat(RowChange.removed(before).carry("Compliant")).isEqualTo(Carry.RETIRED);
    }

    @Test
    void guidanceAlonePromptsNoReattestation() {
        TemplateRow before = new TemplateRow(Rows.req("A-01", Level.MUST, Phase.P1B), "Create", null, "See v1 spec", false);
        TemplateRow after = new TemplateRow(Rows.req("A-01", Level.MUST, Phase.P1B), "Create", null, "See v2 spec", false);

        RowChange change = RowChange.between(before, after);
        assertThat(change.changes()).containsExactly(Change.GUIDANCE_CHANGED);
        assertThat(change.carry("Compliant")).isEqualTo(Carry.CARRIED);
    }

    @Test
    void aWordingDiffKeepsTheWordsInCommonAndShowsWhatWentAndCame() {
        assertThat(Wording.diff("An API call MUST be made to create a session",
                "An API call MUST be made to create a professional session"))
                .containsExactly(new Segment(Op.SAME, "An API call MUST be made to create a"),
                        new Segment(Op.ADDED, "professional"), new Segment(Op.SAME, "session"));
        assertThat(Wording.diff("Select role", "Choose the role")).containsExactly(new Segment(Op.REMOVED, "Select"),
                new Segment(Op.ADDED, "Choose the"), new Segment(Op.SAME, "role"));
        assertThat(Wording.diff(null, "New")).containsExactly(new Segment(Op.ADDED, "New"));
    }

    @Test
    void versionLabelsCompareAsProgrammesWriteThem() {
        assertThat(VersionLabels.compare("1.4", "1.2")).isPositive();
        assertThat(VersionLabels.compare("1.10", "1.9")).isPositive();
        assertThat(VersionLabels.compare("0.10", "0.9")).isPositive();
        assertThat(VersionLabels.compare("v12", "v11")).isPositive();
        assertThat(VersionLabels.compare("2.0", "2.0.0")).isZero();
        assertThat(VersionLabels.compare("2.0-draft", "2.0")).isNegative();
        assertThat(VersionLabels.compare("1.2", "1.4")).isNegative();
    }

    @Test
    void aRevisionDeltaFollowsTheApprovedRowsThroughTheUpliftsSince() {
        Map<String, String> approved = Map.of("6-Q12", "Yes", "6-Q13", "No", "A-01", "Compliant", "A-09", "N/A");
        Map<String, String> current = Map.of("6-Q13", "Yes", "6-Q14", "Yes", "A-01", "Compliant", "A-02", "Compliant",
                "6-Q12", "Yes");
        // v1 -> v2: a control inserted at 6-Q12 moved two down; A-09 removed; A-01 reworded. v2 -> v3: 6-Q14 kept.
        var first = new RevisionDelta.Step(Map.of("6-Q12", "6-Q13", "6-Q13", "6-Q14"), Set.of("6-Q12", "A-01"));
        Map<String, String> removal = new HashMap<>();
        removal.put("A-09", null);
        var second = new RevisionDelta.Step(removal, Set.of("A-02"));

        RevisionDelta delta = RevisionDelta.between(approved, current, List.of(first, second));

        assertThat(delta.added()).containsExactlyInAnyOrder("6-Q12", "A-02");
        assertThat(delta.changed()).containsExactly("6-Q14"); // was 6-Q13: No, now Yes
        assertThat(delta.removed()).containsExactly("A-09");
        assertThat(delta.requirementChanged()).containsExactly("A-01");
        assertThat(delta.unchanged()).isEqualTo(1); // 6-Q13, once 6-Q12
    }
}
