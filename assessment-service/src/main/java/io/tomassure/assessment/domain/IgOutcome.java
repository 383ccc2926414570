package io.tomassure.assessment.domain;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.tomassure.events.SignOff;

/**
 * The IG and security outcome of a section: FAIL when a control is missing (an answer of No, None or
 * Non-compliant: no ISMS, a technical control not in place, a baseline control of None); CHECK when an answer
 * needs a closer look (Other, Partial, Semi-compliant) or a row is unanswered; PASS otherwise.
 */
public enum IgOutcome {
    PASS, CHECK, FAIL;

    /** Per IG section outcomes, the overall outcome and the sign-offs they require. */
    public record Assessment(Map<String, IgOutcome> sections, IgOutcome overall, Set<SignOff> signOffs) {
    }

    public static IgOutcome of(Collection<Requirement> sectionRows, Map<String, Answer> answers) {
        IgOutcome outcome = PASS;
        for (Requirement row : sectionRows) {
            outcome = worse(outcome, ofRow(answers.get(row.id())));
        }
        return outcome;
    }

    static IgOutcome ofRow(Answer answer) {
        if (answer == null || !answer.isAnswered()) {
            return CHECK;
        }
        return switch (answer.compliance()) {
            case NON_COMPLIANT -> FAIL;
            case PARTIAL, OTHER -> CHECK;
            case COMPLIANT, NOT_APPLICABLE -> PASS;
        };
    }

    /**
     * @param rows                     all rows; only those of IG and security sections count
     * @param otherOrganisationsAffected whether the deployment affects other organisations' information
     * @param spineAffected            whether the product touches Spine
     */
    public static Assessment assess(Collection<Requirement> rows, Map<String, Answer> answers,
            boolean otherOrganisationsAffected, boolean spineAffected) {
        Map<String, IgOutcome> sections = new LinkedHashMap<>();
        for (Requirement row : rows) {
            if (row.sectionKind() == SectionKind.IG_SECURITY && row.type().affectsOutcome()
                    && row.answerKind() == AnswerKind.COMPLIANCE) {
                sections.merge(row.sectionCode(), ofRow(answers.get(row.id())), IgOutcome::worse);
            }
        }
        IgOutcome overall = sections.values().stream().reduce(PASS, IgOutcome::worse);
        Set<SignOff> signOffs = EnumSet.of(SignOff.SIRO);
        if (overall != PASS) {
            signOffs.add(SignOff.SIRO_RISK_ASSESSMENT);
        }
        if (otherOrganisationsAffected) {
            signOffs.add(SignOff.EXTERNAL_SIRO);
        }
        if (spineAffected) {
            signOffs.add(SignOff.TECHNICAL_ARCHITECT);
        }
        return new Assessment(sections, overall, signOffs);
    }

    static IgOutcome worse(IgOutcome a, IgOutcome b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
