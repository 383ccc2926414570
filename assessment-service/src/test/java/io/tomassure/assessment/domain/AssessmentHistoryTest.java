package io.tomassure.assessment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.tomassure.events.approval.ApprovalEvents;
import io.tomassure.events.assessment.AssessmentEvents;
import io.tomassure.events.assessment.AssessmentEvents.AnswerCarried;
import io.tomassure.events.assessment.AssessmentEvents.ResponseStated;

/** Folding an assessment's logged events into the state a replay derives its view from. */
class AssessmentHistoryTest {

    private static final UUID ASSESSMENT = UUID.randomUUID();
    private static final UUID DEPLOYMENT = UUID.randomUUID();
    private static final UUID V1 = UUID.randomUUID();
    private static final UUID V2 = UUID.randomUUID();

    private static AssessmentEvents.AssessmentCreated created() {
        return new AssessmentEvents.AssessmentCreated(ASSESSMENT, UUID.randomUUID(), "Product", "1.0", "S1", "demo", V1,
                "1.0", "sam");
    }

    private static AssessmentEvents.AssessmentUpdated answered(UUID deployment, String row, String answer, String risk) {
        return new AssessmentEvents.AssessmentUpdated(ASSESSMENT, deployment, "S1", null, "response", row, "sam",
                new ResponseStated(answer, null, null, null, risk == null ? null : "detail", risk == null ? null : "plan",
                        risk, false), null, null, null, null);
    }

    private static AssessmentEvents.PhaseSubmitted submitted(String phase, int revision) {
        return new AssessmentEvents.PhaseSubmitted(UUID.randomUUID(), ASSESSMENT, null, "S1", null, UUID.randomUUID(),
                "Product", "1.0", phase, revision, "hash", null, null, 1, List.of(), false, null, null, "sam", null);
    }

    private static ApprovalEvents.PhaseDecided decided(String phase, int revision, String outcome, String reason) {
        return new ApprovalEvents.PhaseDecided(UUID.randomUUID(), UUID.randomUUID(), ASSESSMENT, null, "S1", null, phase,
                revision, "hash", outcome, reason, "nadia");
    }

    @Test
    void nothingExistsBeforeTheAssessmentIsCreated() {
        assertThat(new AssessmentHistory().exists()).isFalse();
        AssessmentHistory history = new AssessmentHistory();
        history.created(created());
        assertThat(history.exists()).isTrue();
        assertThat(history.templateId()).isEqualTo(V1);
        assertThat(history.scope()).isNull();
        assertThat(history.facts().medicalDevice()).isFalse();
        assertThat(history.phase("1A")).isEqualTo(new AssessmentHistory.PhaseState("DRAFT", 0, null));
    }

    @Test
    void theLatestStatementOfEachPartWinsAndDeploymentsAreNotTheProduct() {
        AssessmentHistory history = new AssessmentHistory();
        history.created(created());
        history.updated(answered(null, "API-01", "Compliant", null));
        history.updated(answered(null, "API-01", "Non-compliant", "AMBER"));
        history.updated(answered(DEPLOYMENT, "USE-01", "Yes", null));
        history.updated(new AssessmentEvents.AssessmentUpdated(ASSESSMENT, null, "S1", null, "impact", null, "sam", null,
                new AssessmentEvents.ProductFacts(true, false, true, false), null, null, null));
        history.updated(new AssessmentEvents.AssessmentUpdated(ASSESSMENT, null, "S1", null, "scope", null, "sam", null,
                null, List.of("API"), null, null));
        history.updated(new AssessmentEvents.AssessmentUpdated(ASSESSMENT, null, "S1", null, "score", "API-01", "nadia",
                null, null, null, null, new AssessmentEvents.ScoreStated("OK", null)));

        assertThat(history.answers()).containsOnlyKeys("API-01");
        assertThat(history.answers().get("API-01")).isEqualTo(new Answer("API-01", "Non-compliant", "detail", "plan", Rag.AMBER));
        assertThat(history.facts()).isEqualTo(new AssessmentEvents.ProductFacts(true, false, true, false));
        assertThat(history.scope()).containsExactly("API");
        assertThat(history.gap()).isNull();
    }

    @Test
    void anUpliftMovesAnswersToTheirNewRowsMarksThoseToConfirmAndRetiresTheRest() {
        AssessmentHistory history = new AssessmentHistory();
        history.created(created());
        history.updated(answered(null, "A", "Compliant", null));
        history.updated(answered(null, "B", "Compliant", null));
        history.updated(answered(null, "C", "Compliant", null));
        history.updated(answered(null, "D", "Compliant", null));
        history.updated(answered(null, "E", "Compliant", null));
        // A stays where it was (not listed); B moves to B2 and E to B, which B left; C is to confirm; D is retired
        history.uplifted(new AssessmentEvents.AssessmentUplifted(UUID.randomUUID(), ASSESSMENT, "S1", List.of(), "demo",
                V1, "1.0", V2, "2.0", null, "sam", List.of("API"), List.of(
                        new AnswerCarried(null, "B", "B2", "CARRIED"),
                        new AnswerCarried(null, "E", "B", "CARRIED"),
                        new AnswerCarried(null, "C", "C", "REATTEST"),
                        new AnswerCarried(null, "D", null, "RETIRED"),
                        new AnswerCarried(DEPLOYMENT, "A", null, "RETIRED"))));

        assertThat(history.templateId()).isEqualTo(V2);
        assertThat(history.scope()).containsExactly("API");
        assertThat(history.answers()).containsOnlyKeys("A", "B", "B2", "C");
        assertThat(history.answers().get("B2").requirementId()).isEqualTo("B2");
        assertThat(history.answers().get("B")).isEqualTo(new Answer("B", "Compliant", null, null, null));
        assertThat(history.answers().get("A").reattest()).isFalse();
        assertThat(history.answers().get("C").reattest()).isTrue();

        history.updated(answered(null, "C", "Compliant", null)); // confirmed by its answerer
        assertThat(history.answers().get("C").reattest()).isFalse();
    }

    @Test
    void aDecisionShowsOnlyOnTheRevisionUnderReview() {
        AssessmentHistory history = new AssessmentHistory();
        history.created(created());
        history.submitted(submitted("1A", 1));
        assertThat(history.phase("1A")).isEqualTo(new AssessmentHistory.PhaseState("SUBMITTED", 1, null));
        history.decided(decided("1A", 1, "RETURNED", "fix API-01"));
        assertThat(history.phase("1A")).isEqualTo(new AssessmentHistory.PhaseState("RETURNED", 1, "fix API-01"));
        history.submitted(submitted("1A", 2));
        history.decided(decided("1A", 1, "APPROVED", "late news of an older revision"));
        assertThat(history.phase("1A")).isEqualTo(new AssessmentHistory.PhaseState("SUBMITTED", 2, null));
        history.decided(decided("1A", 2, "APPROVED", null));
        assertThat(history.phase("1A").state()).isEqualTo("APPROVED");
        assertThat(history.phase("1B").state()).isEqualTo("DRAFT");
    }

    @Test
    void aDecisionLoggedBeforeItsSubmissionWaitsForIt() {
        AssessmentHistory history = new AssessmentHistory();
        history.created(created());
        history.decided(decided("1B", 1, "APPROVED", null)); // approval-service's topic taken in first
        assertThat(history.phase("1B").state()).isEqualTo("DRAFT");
        assertThat(history.gap()).isNotNull();
        history.submitted(submitted("1B", 1));
        assertThat(history.phase("1B")).isEqualTo(new AssessmentHistory.PhaseState("APPROVED", 1, null));
        assertThat(history.gap()).isNull();
    }

    @Test
    void aScopeLoggedWithoutItsListIsAGap() {
        AssessmentHistory history = new AssessmentHistory();
        history.created(created());
        history.updated(new AssessmentEvents.AssessmentUpdated(ASSESSMENT, null, "S1", null, "scope", null, "sam"));
        assertThat(history.gap()).isEqualTo("the change of scope was logged without its value");
    }

    @Test
    void anEventLoggedWithoutItsValueIsAGapNamedOnce() {
        AssessmentHistory history = new AssessmentHistory();
        history.created(created());
        history.updated(new AssessmentEvents.AssessmentUpdated(ASSESSMENT, null, "S1", null, "response", "API-01", "sam"));
        history.updated(new AssessmentEvents.AssessmentUpdated(ASSESSMENT, null, "S1", null, "impact", null, "sam"));
        assertThat(history.gap()).isEqualTo("the change of response of row API-01 was logged without its value");
        assertThat(history.answers()).isEmpty();
        assertThat(history.facts().medicalDevice()).isFalse();
    }
}
