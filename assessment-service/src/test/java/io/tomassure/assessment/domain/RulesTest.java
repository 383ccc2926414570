package io.tomassure.assessment.domain;

import static io.tomassure.assessment.domain.Rows.answer;
import static io.tomassure.assessment.domain.Rows.detailed;
import static io.tomassure.assessment.domain.Rows.ig;
import static io.tomassure.assessment.domain.Rows.req;
import static io.tomassure.assessment.domain.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.tomassure.events.SignOff;

class RulesTest {

    private static Map<String, Answer> answers(Answer... answers) {
        return Stream.of(answers).collect(Collectors.toMap(Answer::requirementId, Function.identity()));
    }

    @ParameterizedTest
    @CsvSource({ "Compliant,COMPLIANT", "Yes,COMPLIANT", "Semi-compliant,PARTIAL", "Partial,PARTIAL",
            "Non-compliant,NON_COMPLIANT", "No,NON_COMPLIANT", "None,NON_COMPLIANT", "N/A,NOT_APPLICABLE",
            "Out of scope,NOT_APPLICABLE", "Other,OTHER", "' semi compliant ',PARTIAL", "'',OTHER" })
    void answersOfEveryTemplateFamilyAreClassified(String answer, Compliance expected) {
        assertThat(Compliance.classify(answer)).isEqualTo(expected);
    }

    @Test
    void phasesParseFromTheirLabels() {
        assertThat(Phase.fromLabel("1a")).isEqualTo(Phase.P1A);
        assertThat(Phase.fromLabel(" 2 ")).isEqualTo(Phase.P2);
        assertThatThrownBy(() -> Phase.fromLabel("3")).hasMessageContaining("use 1A, 1B or 2");
    }

    @Test
    void completenessCountsOnlyActionAndReqRowsInScope() {
        List<Requirement> rows = List.of(
                req("A-1", Level.MUST, Phase.P1B),
                req("A-2", Level.SHOULD, Phase.P1B),
                row("I-1", "9", SectionKind.API_REQUIREMENTS, null, RowType.INFO, Party.SUPPLIER, Phase.P1B),
                req("B-1", Level.MUST, Phase.P2));

        Completeness phase1b = Completeness.of(rows, answers(answer("A-1", "Compliant"), answer("B-1", "N/A")),
                r -> r.requiredFor(Phase.P1B));

        assertThat(phase1b).isEqualTo(new Completeness(1, 2));
        assertThat(phase1b.percent()).isEqualTo(50);
        assertThat(new Completeness(0, 0).percent()).isEqualTo(100);
        assertThat(new Completeness(2, 3).percent()).isEqualTo(66);
    }

    @Test
    void completenessBySectionKeepsTheTemplateOrder() {
        List<Requirement> rows = List.of(
                row("S-1", "2", SectionKind.SUPPLIER_INFORMATION, Level.MUST, RowType.ACTION, Party.SUPPLIER, Phase.P1A),
                req("A-1", Level.MUST, Phase.P1B));
        assertThat(Completeness.bySection(rows, answers(answer("S-1", "Compliant")), r -> true))
                .containsExactly(Map.entry("2", new Completeness(1, 1)), Map.entry("9", new Completeness(0, 1)));
    }

    @Test
    void semiAndNonCompliantActionOrReqAnswersAreNonConformancesThatMustBeDetailed() {
        Requirement reqRow = req("A-1", Level.MUST, Phase.P1B);
        Requirement infoRow = row("I-1", "9", SectionKind.API_REQUIREMENTS, null, RowType.INFO, Party.SUPPLIER, Phase.P1B);

        assertThat(NonConformance.is(reqRow, answer("A-1", "Semi-compliant"))).isTrue();
        assertThat(NonConformance.is(reqRow, answer("A-1", "Non-compliant"))).isTrue();
        assertThat(NonConformance.is(reqRow, answer("A-1", "N/A"))).isFalse();
        assertThat(NonConformance.is(infoRow, answer("I-1", "Non-compliant"))).isFalse();
        assertThat(NonConformance.missingDetails(answer("A-1", "Non-compliant")))
                .containsExactly("detail", "mitigation", "risk");
        assertThat(NonConformance.missingDetails(new Answer("A-1", "Non-compliant", "d", " ", Rag.RED)))
                .containsExactly("mitigation");
        assertThat(NonConformance.missingDetails(detailed("A-1", "Non-compliant", Rag.AMBER))).isEmpty();
    }

    @Test
    void aPhaseIsReadyWhenItsRowsAreAnsweredAndItsNonConformancesDetailed() {
        List<Requirement> rows = List.of(req("A-1", Level.MUST, Phase.P1B), req("A-2", Level.MUST, Phase.P1B),
                req("A-3", Level.MUST, Phase.P1B), req("B-1", Level.MUST, Phase.P2));
        Map<String, Answer> answers = answers(answer("A-1", "Compliant"), answer("A-2", "Semi-compliant"));

        assertThat(SubmissionReadiness.missing(rows, answers, r -> r.phases().contains(Phase.P1B))).containsExactly(
                new SubmissionReadiness.Missing("A-2", "non-conformance without detail, mitigation, risk"),
                new SubmissionReadiness.Missing("A-3", "not answered"));
        assertThat(SubmissionReadiness.missing(rows, answers(answer("A-1", "Compliant"),
                detailed("A-2", "Semi-compliant", Rag.GREEN), answer("A-3", "N/A")), r -> r.phases().contains(Phase.P1B)))
                .isEmpty();
    }

    @Test
    void aNonCompliantMustRowSendsTheTomForApprovalOtherwiseItIsAudited() {
        List<Requirement> rows = List.of(req("M-1", Level.MUST, Phase.P1B), req("S-1", Level.SHOULD, Phase.P1B));

        assertThat(SubmissionRoute.of(rows, answers(answer("M-1", "Compliant"), answer("S-1", "Non-compliant"))))
                .isEqualTo(SubmissionRoute.AUDIT);
        assertThat(SubmissionRoute.of(rows, answers(answer("M-1", "Semi-compliant")))).isEqualTo(SubmissionRoute.AUDIT);
        assertThat(SubmissionRoute.of(rows, answers(answer("M-1", "Non-compliant")))).isEqualTo(SubmissionRoute.APPROVAL);
        assertThat(SubmissionRoute.of(rows, answers(answer("M-1", "No")))).isEqualTo(SubmissionRoute.APPROVAL);
        assertThat(SubmissionRoute.of(rows, answers())).isEqualTo(SubmissionRoute.AUDIT);
    }

    @Test
    void igSectionsPassCheckOrFail() {
        List<Requirement> rows = List.of(ig("ISMS", "6.1"), ig("TC-1", "6.2"), ig("TC-2", "6.2"), ig("BC-1", "6.3"),
                req("X-1", Level.MUST, Phase.P1B));

        IgOutcome.Assessment allYes = IgOutcome.assess(rows, answers(answer("ISMS", "Yes"), answer("TC-1", "Yes"),
                answer("TC-2", "N/A"), answer("BC-1", "Yes")), false, false);
        assertThat(allYes.overall()).isEqualTo(IgOutcome.PASS);
        assertThat(allYes.signOffs()).containsExactly(SignOff.SIRO);

        IgOutcome.Assessment other = IgOutcome.assess(rows, answers(answer("ISMS", "Yes"), answer("TC-1", "Other"),
                answer("TC-2", "Yes"), answer("BC-1", "Yes")), false, false);
        assertThat(other.sections()).containsExactly(Map.entry("6.1", IgOutcome.PASS), Map.entry("6.2", IgOutcome.CHECK),
                Map.entry("6.3", IgOutcome.PASS));
        assertThat(other.signOffs()).containsExactlyInAnyOrder(SignOff.SIRO, SignOff.SIRO_RISK_ASSESSMENT);

        IgOutcome.Assessment noIsms = IgOutcome.assess(rows, answers(answer("ISMS", "No"), answer("TC-1", "Other"),
                answer("TC-2", "Yes"), answer("BC-1", "None")), true, true);
        assertThat(noIsms.sections()).containsEntry("6.1", IgOutcome.FAIL).containsEntry("6.3", IgOutcome.FAIL);
        assertThat(noIsms.overall()).isEqualTo(IgOutcome.FAIL);
        assertThat(noIsms.signOffs()).containsExactlyInAnyOrder(SignOff.SIRO, SignOff.SIRO_RISK_ASSESSMENT,
                SignOff.EXTERNAL_SIRO, SignOff.TECHNICAL_ARCHITECT);

        assertThat(IgOutcome.assess(rows, answers(), false, false).overall())
                .as("unanswered IG rows cannot pass").isEqualTo(IgOutcome.CHECK);
    }

    @Test
    void withoutIgSectionsTheOutcomeIsPassAndSiroStillSigns() {
        IgOutcome.Assessment none = IgOutcome.assess(List.of(req("X-1", Level.MUST, Phase.P1B)), answers(), false, false);
        assertThat(none.overall()).isEqualTo(IgOutcome.PASS);
        assertThat(none.signOffs()).containsExactly(SignOff.SIRO);
    }

    @ParameterizedTest
    @CsvSource({
            // device, spine, clinical, local -> level, escalation
            "true,  true,  true,  true,  5, true",
            "true,  false, false, false, 5, true",
            "false, true,  true,  true,  4, true",
            "false, false, true,  true,  3, false",
            "false, false, false, true,  2, false",
            "false, false, false, false, 1, false" })
    void clinicalSafetyLevelTakesTheHighestFactThatApplies(boolean device, boolean spine, boolean clinical,
            boolean local, int level, boolean escalation) {
        ClinicalSafety safety = ClinicalSafety.of(new ClinicalSafety.Profile(device, spine, clinical, local));
        assertThat(safety.level()).isEqualTo(level);
        assertThat(safety.escalation()).isEqualTo(escalation);
    }

    @Test
    void clinicalSafetySignOffsGrowWithTheLevel() {
        assertThat(ClinicalSafety.of(new ClinicalSafety.Profile(false, false, false, false)).signOffs()).isEmpty();
        assertThat(ClinicalSafety.of(new ClinicalSafety.Profile(false, false, false, true)).signOffs())
                .containsExactly(SignOff.LOCAL_CSO);
        assertThat(ClinicalSafety.of(new ClinicalSafety.Profile(false, false, true, false)).signOffs())
                .containsExactly(SignOff.LOCAL_CSO, SignOff.HAZARD_LOG_AND_SAFETY_CASE);
        assertThat(ClinicalSafety.of(new ClinicalSafety.Profile(false, true, false, false)).signOffs())
                .containsExactly(SignOff.LOCAL_CSO, SignOff.HAZARD_LOG_AND_SAFETY_CASE, SignOff.CSG);
        assertThat(ClinicalSafety.of(new ClinicalSafety.Profile(true, false, false, false)).signOffs())
                .containsExactly(SignOff.LOCAL_CSO, SignOff.HAZARD_LOG_AND_SAFETY_CASE, SignOff.CSG, SignOff.MHRA_GUIDANCE);
    }

    @Test
    void anAnswerMustBeOneTheTemplateAllowsSpelledAsTheTemplateSpellsIt() {
        Requirement row = req("A-1", Level.MUST, Phase.P1B);
        assertThat(row.canonicalAnswer("semi-COMPLIANT")).contains("Semi-compliant");
        assertThat(row.canonicalAnswer("Maybe")).isEmpty();
        assertThat(row.canonicalAnswer(null)).isEmpty();
    }

    @Test
    void onlyComplianceAnswersAreNonConformancesAndFreeTextTakesAnyNonBlankText() {
        Requirement question = new Requirement("CS-01", "7", SectionKind.CLINICAL_SAFETY, null, RowType.ACTION, Party.EUO,
                java.util.Set.of(Phase.P2), AnswerKind.QUESTION, List.of("Yes", "No"));
        assertThat(NonConformance.is(question, answer("CS-01", "No"))).as("'Is it a medical device?' No").isFalse();
        assertThat(NonConformance.is(req("R-1", Level.MUST, Phase.P1B), answer("R-1", "No"))).isTrue();
        assertThat(IgOutcome.assess(List.of(new Requirement("6-Q01", "6", SectionKind.IG_SECURITY, null, RowType.ACTION,
                Party.EUO, java.util.Set.of(Phase.P2), List.of())), Map.of("6-Q01", answer("6-Q01", "see our policy")),
                false, false).overall()).as("a free-text row has no IG outcome").isEqualTo(IgOutcome.PASS);

        Requirement freeText = new Requirement("2-Q01", "2", SectionKind.SUPPLIER_INFORMATION, null, RowType.INFO,
                Party.SUPPLIER, java.util.Set.of(Phase.P1A), List.of());
        assertThat(freeText.answerKind()).isEqualTo(AnswerKind.FREE_TEXT);
        assertThat(freeText.canonicalAnswer("  Referral Connect 2.1 ")).contains("Referral Connect 2.1");
        assertThat(freeText.canonicalAnswer("   ")).isEmpty();
    }
}
