package io.tomassure.approval.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class GoLiveGateTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 21);
    private static final List<String> CHECKS = List.of("PHASE_1A", "CONDITIONS", "PHASE_1B", "CERTIFICATE", "PHASE_2",
            "NON_CONFORMANCES", "AGREEMENTS", "SIGN_OFFS", "ESCALATIONS", "EVIDENCE", "NOT_SUSPENDED");

    /** Facts where check {@code i} holds exactly when bit {@code i} of {@code satisfied} is set. */
    static GoLiveGate.Facts facts(int satisfied) {
        boolean[] ok = new boolean[CHECKS.size()];
        for (int i = 0; i < ok.length; i++) {
            ok[i] = (satisfied & (1 << i)) != 0;
        }
        Map<AgreementKind, LocalDate> held = new HashMap<>();
        held.put(AgreementKind.CONNECTION_AGREEMENT, GoLiveGate.NO_EXPIRY);
        held.put(AgreementKind.END_USER_POLICY, ok[6] ? TODAY : TODAY.minusDays(1));
        return new GoLiveGate.Facts(
                ok[0] ? PhaseState.APPROVED : PhaseState.UNDER_REVIEW,
                ok[2] ? PhaseState.APPROVED : PhaseState.RETURNED,
                ok[4] ? PhaseState.APPROVED : PhaseState.NOT_SUBMITTED,
                ok[1] ? List.of() : List.of("DSA signed"),
                ok[3] ? "2.1" : "2.0", "2.1",
                Set.of("API-03"),
                ok[5] ? Set.of("API-03") : Set.of(), Set.of("API-03"), Set.of(),
                EnumSet.of(AgreementKind.CONNECTION_AGREEMENT, AgreementKind.END_USER_POLICY), held,
                Set.of("SIRO", "CSG"), ok[7] ? Set.of("SIRO", "CSG") : Set.of("SIRO"),
                ok[8] ? List.of() : List.of("clinical-safety level 4"),
                List.of(new GoLiveGate.RequiredEvidence("IG-02", "DSPT", true, null, null),
                        new GoLiveGate.RequiredEvidence("SR-07", "PEN_TEST", true, ok[9] ? TODAY : TODAY.minusDays(1), null)),
                !ok[10], TODAY);
    }

    @Test
    void theGateOpensExactlyWhenEveryConditionHoldsInAll2048Combinations() {
        int all = (1 << CHECKS.size()) - 1;
        for (int satisfied = 0; satisfied <= all; satisfied++) {
            GoLiveGate.Result result = GoLiveGate.evaluate(facts(satisfied));
            List<String> failing = new ArrayList<>();
            for (int i = 0; i < CHECKS.size(); i++) {
                if ((satisfied & (1 << i)) == 0) {
                    failing.add(CHECKS.get(i));
                }
            }
            assertThat(result.open()).as("combination %s", Integer.toBinaryString(satisfied)).isEqualTo(satisfied == all);
            assertThat(result.checks().stream().filter(c -> !c.met()).map(GoLiveGate.Check::name).toList())
                    .as("failing checks of %s", Integer.toBinaryString(satisfied)).isEqualTo(failing);
            assertThat(result.blockers()).as("every failing check says why").hasSizeGreaterThanOrEqualTo(failing.size());
            assertThat(result.checks()).allSatisfy(c -> assertThat(c.met()).isEqualTo(c.blockers().isEmpty()));
        }
    }

    @Test
    void blockersAreWordsAPersonCanActOn() {
        GoLiveGate.Result blocked = GoLiveGate.evaluate(facts(0));
        assertThat(blocked.blockers()).containsExactly(
                "Phase 1A (usage and settings) is under review, not approved",
                "Phase 1A condition not discharged: DSA signed",
                "Phase 1B (technical conformance) is returned, not approved",
                "The conformance certificate is for product version 2.0, not the deployed version 2.1",
                "Phase 2 (EUO evaluation) is not submitted, not approved",
                "Non-conformance API-03 is not accepted by the end-user organisation",
                "End User Policy expired on 2026-11-20",
                "Sign-off not recorded: CSG",
                "Escalation not resolved: clinical-safety level 4",
                "Evidence for row SR-07 (PEN_TEST) went out of date on 2026-11-21",
                "Suspended by NHS Digital");
    }

    @Test
    void aNonConformanceNeedsBothSignaturesAndARefusalBlocksWhateverTheEuoSays() {
        GoLiveGate.Facts base = facts((1 << CHECKS.size()) - 1);
        GoLiveGate.Facts refused = new GoLiveGate.Facts(base.phase1a(), base.phase1b(), base.phase2(),
                base.undischargedConditions(), base.certifiedVersion(), base.deployedVersion(), Set.of("API-03", "API-02"),
                Set.of("API-03", "API-02"), Set.of("API-02"), Set.of("API-03"), base.agreementsRequired(),
                base.agreementsHeld(), base.signOffsRequired(), base.signOffsHeld(), base.openEscalations(), base.requiredEvidence(), false, TODAY);
        assertThat(GoLiveGate.evaluate(refused).blockers()).containsExactly("Non-conformance API-03 was refused by NHS Digital");

        GoLiveGate.Facts unreviewed = new GoLiveGate.Facts(base.phase1a(), base.phase1b(), base.phase2(),
                base.undischargedConditions(), base.certifiedVersion(), base.deployedVersion(), Set.of("API-02"),
                Set.of("API-02"), Set.of(), Set.of(), base.agreementsRequired(), base.agreementsHeld(),
                base.signOffsRequired(), base.signOffsHeld(), base.openEscalations(), base.requiredEvidence(), false, TODAY);
        assertThat(GoLiveGate.evaluate(unreviewed).blockers()).containsExactly("Non-conformance API-02 is not yet reviewed by NHS Digital");
    }

    @Test
    void aMissingCertificateOrAgreementIsNamed() {
        GoLiveGate.Facts base = facts((1 << CHECKS.size()) - 1);
        GoLiveGate.Facts facts = new GoLiveGate.Facts(base.phase1a(), base.phase1b(), base.phase2(),
                base.undischargedConditions(), null, "2.1", base.nonConformances(), base.acceptedLocally(),
                base.acknowledgedCentrally(), base.refusedCentrally(), EnumSet.of(AgreementKind.DSA, AgreementKind.DSFC),
                Map.of(AgreementKind.DSA, TODAY.plusYears(1)), base.signOffsRequired(), base.signOffsHeld(),
                base.openEscalations(), base.requiredEvidence(), false, TODAY);
        assertThat(GoLiveGate.evaluate(facts).blockers()).containsExactly("No conformance certificate",
                "Data Sharing Framework Contract not signed");
    }

    @Test
    void evidenceBlocksWhenMissingOrOutOfDateAndNotBeforeItsLastDay() {
        GoLiveGate.Facts base = facts((1 << CHECKS.size()) - 1);
        GoLiveGate.Facts facts = new GoLiveGate.Facts(base.phase1a(), base.phase1b(), base.phase2(),
                base.undischargedConditions(), base.certifiedVersion(), base.deployedVersion(), base.nonConformances(),
                base.acceptedLocally(), base.acknowledgedCentrally(), base.refusedCentrally(), base.agreementsRequired(),
                base.agreementsHeld(), base.signOffsRequired(), base.signOffsHeld(), base.openEscalations(), List.of(
                        new GoLiveGate.RequiredEvidence("SR-07", "PEN_TEST", true, TODAY, null),
                        new GoLiveGate.RequiredEvidence("IG-02", "DSPT", false, null,
                                "needs a Data Security and Protection Toolkit assessment: none attached")),
                false, TODAY);
        assertThat(GoLiveGate.evaluate(facts).blockers()).containsExactly("Evidence for row IG-02 not in date: needs a "
                + "Data Security and Protection Toolkit assessment: none attached");
    }

    @Test
    void phase1aOutcomesBringTheirConditionsAndAgreements() {
        assertThat(Phase1AOutcome.APPROVED_DSA_REQUIRED.agreements()).containsExactly(AgreementKind.DSA);
        assertThat(Phase1AOutcome.APPROVED_DSFC_AND_DSA_REQUIRED.conditions()).containsExactly("DSFC signed", "DSA signed");
        assertThat(Phase1AOutcome.PROVISIONALLY_APPROVED_PENDING_IGARD.conditions()).containsExactly("IGARD review passed");
        assertThat(Phase1AOutcome.REJECTED.outcome().name()).isEqualTo("REJECTED");
        assertThat(Phase1AOutcome.PROVISIONALLY_APPROVED_PENDING_IGARD.outcome().name()).isEqualTo("APPROVED");
    }
}
