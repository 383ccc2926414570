package io.tomassure.approval.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.tomassure.events.approval.ApprovalEvents;
import io.tomassure.events.assessment.AssessmentEvents;

/** Folding a deployment's logged events into the facts its go-live gate judges. */
class GateHistoryTest {

    private static final UUID ASSESSMENT = UUID.randomUUID();
    private static final UUID DEPLOYMENT = UUID.randomUUID();
    private static final UUID OTHER_DEPLOYMENT = UUID.randomUUID();
    private static final UUID PRODUCT = UUID.randomUUID();
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

    private final GateHistory history = new GateHistory(ASSESSMENT, DEPLOYMENT, PRODUCT);

    /** Submits a phase and opens its case; returns the case id. */
    private UUID opened(String phase, UUID deployment, int revision, List<String> nonConformances, List<String> signOffs) {
        UUID submission = UUID.randomUUID();
        UUID caseId = UUID.randomUUID();
        history.submitted(new AssessmentEvents.PhaseSubmitted(submission, ASSESSMENT, deployment, "S1", null, PRODUCT,
                "Product", "2.1", phase, revision, "hash", null, new AssessmentEvents.NonConformanceSummary(
                        nonConformances.size(), 0, nonConformances.size(), 0, 0, nonConformances), 2, signOffs, false,
                null, null, "sam", null));
        history.caseOpened(new ApprovalEvents.CaseOpened(caseId, submission, ASSESSMENT, deployment, "S1", null, phase,
                revision, "hash", "APPROVAL", "approval-service"));
        return caseId;
    }

    private void decided(UUID caseId, String phase, int revision, String outcome, String detail,
            List<ApprovalEvents.ConditionSet> conditions, String certifiedVersion) {
        history.decided(new ApprovalEvents.PhaseDecided(caseId, UUID.randomUUID(), ASSESSMENT, null, "S1", null, phase,
                revision, "hash", outcome, null, "nadia", detail, conditions, certifiedVersion == null ? null : "IAC-1",
                certifiedVersion));
    }

    private void signed(String kind, UUID product, UUID deployment, LocalDate expiresOn) {
        history.agreementSigned(new ApprovalEvents.AgreementSigned(UUID.randomUUID(), kind, product, deployment, "X",
                "S1", "Ann", "CEO", TODAY.minusDays(1), "1", expiresOn, "ann"));
    }

    @Test
    void nothingSubmittedNothingHeld() {
        assertThat(history.exists()).isFalse();
        history.registered(new AssessmentEvents.DeploymentCreated(OTHER_DEPLOYMENT, ASSESSMENT, "S1", "E2", true, false, "sam"));
        assertThat(history.exists()).isFalse();
        history.registered(new AssessmentEvents.DeploymentCreated(DEPLOYMENT, ASSESSMENT, "S1", "E1", false, true, "sam"));
        assertThat(history.exists()).isTrue();
        GoLiveGate.Facts facts = history.facts("2.1", TODAY);
        assertThat(facts.phase1a()).isEqualTo(PhaseState.NOT_SUBMITTED);
        assertThat(facts.phase2()).isEqualTo(PhaseState.NOT_SUBMITTED);
        assertThat(facts.agreementsRequired()).containsExactlyInAnyOrder(AgreementKind.CONNECTION_AGREEMENT,
                AgreementKind.END_USER_POLICY);
        assertThat(facts.today()).isEqualTo(TODAY);
        assertThat(GoLiveGate.evaluate(facts).open()).isFalse();
    }

    @Test
    void aWholeGateOpensAsItDidLive() {
        UUID case1a = opened("1A", null, 1, List.of(), List.of());
        UUID case1b = opened("1B", null, 1, List.of("API-03"), List.of());
        UUID case2 = opened("2", DEPLOYMENT, 1, List.of(), List.of("SIRO"));
        opened("2", OTHER_DEPLOYMENT, 1, List.of("NOT-OURS"), List.of("LOCAL_CSO"));
        assertThat(history.facts("2.1", TODAY).phase1b()).isEqualTo(PhaseState.UNDER_REVIEW);

        UUID condition = UUID.randomUUID();
        decided(case1a, "1A", 1, "APPROVED", "APPROVED_DSA_REQUIRED",
                List.of(new ApprovalEvents.ConditionSet(condition, "DSA signed")), null);
        decided(case1b, "1B", 1, "APPROVED", "APPROVED", List.of(), "2.1");
        decided(case2, "2", 1, "APPROVED", "APPROVED", List.of(), null);
        GoLiveGate.Facts decidedOnly = history.facts("2.1", TODAY);
        assertThat(decidedOnly.undischargedConditions()).containsExactly("DSA signed");
        assertThat(decidedOnly.agreementsRequired()).contains(AgreementKind.DSA);
        assertThat(decidedOnly.certifiedVersion()).isEqualTo("2.1");
        assertThat(decidedOnly.nonConformances()).containsExactly("API-03");
        assertThat(decidedOnly.signOffsRequired()).containsExactly("SIRO");

        history.conditionDischarged(new ApprovalEvents.ConditionDischarged(condition, case1a, ASSESSMENT, "S1", "DSA",
                "countersigned", "nadia"));
        history.reviewed(new ApprovalEvents.NonConformanceReviewed(ASSESSMENT, "S1", "API-03", "REFUSED", "no", "nadia"));
        history.reviewed(new ApprovalEvents.NonConformanceReviewed(ASSESSMENT, "S1", "API-03", "ACKNOWLEDGED", "ok", "nadia"));
        history.riskAccepted(new ApprovalEvents.RiskAccepted(DEPLOYMENT, ASSESSMENT, "S1", "E1", "API-03", "ok", "erin"));
        signed("CONNECTION_AGREEMENT", PRODUCT, null, TODAY.plusYears(1));
        signed("CONNECTION_AGREEMENT", UUID.randomUUID(), null, TODAY.plusYears(3)); // another product's
        signed("END_USER_POLICY", null, DEPLOYMENT, TODAY.plusDays(10));
        signed("END_USER_POLICY", null, DEPLOYMENT, TODAY.plusYears(2));
        signed("DSA", null, OTHER_DEPLOYMENT, TODAY.plusYears(2)); // another deployment's
        history.signedOff(new ApprovalEvents.SignOffRecorded(DEPLOYMENT, "S1", "E1", "SIRO", "erin"));
        assertThat(GoLiveGate.evaluate(history.facts("2.1", TODAY)).blockers()).containsExactly("Data Sharing Agreement not signed");

        signed("DSA", null, DEPLOYMENT, null);
        GoLiveGate.Facts facts = history.facts("2.1", TODAY);
        assertThat(facts.agreementsHeld()).containsEntry(AgreementKind.CONNECTION_AGREEMENT, TODAY.plusYears(1))
                .containsEntry(AgreementKind.END_USER_POLICY, TODAY.plusYears(2))
                .containsEntry(AgreementKind.DSA, GoLiveGate.NO_EXPIRY);
        assertThat(facts.acknowledgedCentrally()).containsExactly("API-03");
        assertThat(facts.refusedCentrally()).isEmpty();
        assertThat(GoLiveGate.evaluate(facts).open()).isTrue();
        // a year on, the Connection Agreement has lapsed: the same history, judged on a later day
        assertThat(GoLiveGate.evaluate(history.facts("2.1", TODAY.plusYears(1).plusDays(1))).open()).isFalse();
    }

    @Test
    void escalationsEvidenceAndSuspensionStandAsTheirLatestEvent() {
        UUID escalation = UUID.randomUUID();
        history.escalationRaised(new ApprovalEvents.EscalationRaised(escalation, ASSESSMENT, null, "S1", null, 4, "Spine",
                "approval-service"));
        history.escalationRaised(new ApprovalEvents.EscalationRaised(UUID.randomUUID(), ASSESSMENT, OTHER_DEPLOYMENT, "S1",
                "E2", 3, "local", "approval-service"));
        assertThat(history.facts("2.1", TODAY).openEscalations())
                .containsExactly("clinical-safety level 4 referred to the Clinical Safety Group");
        history.escalationResolved(new ApprovalEvents.EscalationResolved(escalation, ASSESSMENT, null, "S1", "fine", "cara"));
        assertThat(history.facts("2.1", TODAY).openEscalations()).isEmpty();

        history.evidenceChanged(new AssessmentEvents.RequiredEvidenceChanged(ASSESSMENT, null, "S1", null, "API-04",
                "PEN_TEST", true, TODAY.plusDays(5), null, "sam"));
        history.evidenceChanged(new AssessmentEvents.RequiredEvidenceChanged(ASSESSMENT, null, "S1", null, "API-04",
                "PEN_TEST", false, null, "out of date", "admin"));
        assertThat(history.facts("2.1", TODAY).requiredEvidence()).containsExactly(
                new GoLiveGate.RequiredEvidence("API-04", "PEN_TEST", false, null, "out of date"));

        history.suspended(new ApprovalEvents.DeploymentSuspended(DEPLOYMENT, ASSESSMENT, "S1", "E1", true, "why", "nadia"));
        assertThat(history.facts("2.1", TODAY).suspended()).isTrue();
        history.suspended(new ApprovalEvents.DeploymentSuspended(DEPLOYMENT, ASSESSMENT, "S1", "E1", false, null, "nadia"));
        assertThat(history.suspended()).isFalse();
        history.wentLive(new ApprovalEvents.DeploymentLive(OTHER_DEPLOYMENT, ASSESSMENT, "S1", "E2", "owen"));
        assertThat(history.live()).isFalse();
        history.wentLive(new ApprovalEvents.DeploymentLive(DEPLOYMENT, ASSESSMENT, "S1", "E1", "erin"));
        assertThat(history.live()).isTrue();
    }

    @Test
    void aNewerRevisionsCaseCountsAndALateDecisionOnAnOlderOneDoesNot() {
        UUID first = opened("1B", null, 1, List.of(), List.of());
        UUID second = opened("1B", null, 2, List.of(), List.of());
        decided(first, "1B", 1, "APPROVED", "APPROVED", List.of(), "2.0");
        assertThat(history.facts("2.1", TODAY).phase1b()).isEqualTo(PhaseState.UNDER_REVIEW);
        decided(second, "1B", 2, "RETURNED", "RETURNED", List.of(), null);
        assertThat(history.facts("2.1", TODAY).phase1b()).isEqualTo(PhaseState.RETURNED);
        assertThat(history.gap()).isNull();
    }

    @Test
    void aCaseAndItsDecisionLoggedBeforeTheirSubmissionWaitForIt() {
        UUID submission = UUID.randomUUID();
        UUID caseId = UUID.randomUUID();
        // approval-service's topic was taken in first: the case and its decision, then the submission they rest on
        history.caseOpened(new ApprovalEvents.CaseOpened(caseId, submission, ASSESSMENT, null, "S1", null, "1B", 1, "hash",
                "APPROVAL", "approval-service"));
        decided(caseId, "1B", 1, "APPROVED", "APPROVED", List.of(), "2.1");
        assertThat(history.gap()).isNotNull();
        history.submitted(new AssessmentEvents.PhaseSubmitted(submission, ASSESSMENT, null, "S1", null, PRODUCT, "Product",
                "2.1", "1B", 1, "hash", null, new AssessmentEvents.NonConformanceSummary(1, 0, 1, 0, 0, List.of("API-03")),
                2, List.of(), false, null, null, "sam", null));
        assertThat(history.gap()).isNull();
        GoLiveGate.Facts facts = history.facts("2.1", TODAY);
        assertThat(facts.phase1b()).isEqualTo(PhaseState.APPROVED);
        assertThat(facts.certifiedVersion()).isEqualTo("2.1");
        assertThat(facts.nonConformances()).containsExactly("API-03");
    }

    @Test
    void whatTheGateNeedsButTheLogDoesNotSayIsAGap() {
        history.caseOpened(new ApprovalEvents.CaseOpened(UUID.randomUUID(), UUID.randomUUID(), ASSESSMENT, null, "S1", null,
                "1A", 1, "hash", "APPROVAL", "approval-service"));
        assertThat(history.gap()).endsWith("is logged, its submission not yet");

        GateHistory older = new GateHistory(ASSESSMENT, DEPLOYMENT, PRODUCT);
        UUID submission = UUID.randomUUID();
        UUID caseId = UUID.randomUUID();
        older.submitted(new AssessmentEvents.PhaseSubmitted(submission, ASSESSMENT, null, "S1", null, PRODUCT, "Product",
                "2.1", "1A", 1, "hash", null, null, 2, List.of(), false, null, null, "sam", null));
        older.caseOpened(new ApprovalEvents.CaseOpened(caseId, submission, ASSESSMENT, null, "S1", null, "1A", 1, "hash",
                "APPROVAL", "approval-service"));
        older.decided(new ApprovalEvents.PhaseDecided(caseId, submission, ASSESSMENT, null, "S1", null, "1A", 1, "hash",
                "APPROVED", null, "nadia", null, null, null, null));
        assertThat(older.gap()).contains("without its conditions");
    }
}
