package io.tomassure.assessment.domain;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tomassure.events.SignOff;

/**
 * Everything the workbook computes, from the template's rows and the answers in force: completeness per phase
 * and section, the IG outcome, the clinical-safety level, the submission route, the non-conformance register
 * and the sign-offs all of that requires.
 */
public record Evaluation(
        Completeness overall,
        Map<Phase, Completeness> byPhase,
        Map<String, Completeness> bySection,
        IgOutcome.Assessment ig,
        ClinicalSafety clinicalSafety,
        SubmissionRoute route,
        List<Register> nonConformances,
        Set<SignOff> requiredSignOffs) {

    /** An entry of the non-conformance register. */
    public record Register(Requirement row, Answer answer, List<String> missingDetails) {
    }

    /**
     * @param rows    the template's rows, in order
     * @param answers the answers in force, by requirement id
     * @param scope   the product's view or a deployment's
     */
    public static Evaluation of(List<Requirement> rows, Map<String, Answer> answers, Scope scope,
            ClinicalSafety.Profile profile, boolean otherOrganisationsAffected) {
        Map<Phase, Completeness> byPhase = new LinkedHashMap<>();
        for (Phase phase : Phase.values()) {
            byPhase.put(phase, Completeness.of(rows, answers, row -> scope.needsFor(row, phase)));
        }
        List<Register> register = new ArrayList<>();
        for (Requirement row : rows) {
            Answer answer = answers.get(row.id());
            if (scope.carries(row) && NonConformance.is(row, answer)) {
                register.add(new Register(row, answer, NonConformance.missingDetails(answer)));
            }
        }
        IgOutcome.Assessment ig = IgOutcome.assess(rows, answers, otherOrganisationsAffected, profile.updatesSpine());
        ClinicalSafety safety = ClinicalSafety.of(profile);
        Set<SignOff> signOffs = EnumSet.noneOf(SignOff.class);
        signOffs.addAll(ig.signOffs());
        signOffs.addAll(safety.signOffs());
        return new Evaluation(Completeness.of(rows, answers, scope::carries), byPhase,
                Completeness.bySection(rows, answers, scope::carries),
                ig, safety, SubmissionRoute.of(rows, answers), register, signOffs);
    }
}
