package io.tomassure.assessment.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * "Any Semi-compliant or Non-compliance MUST be detailed": a Semi-compliant or Non-compliant compliance answer
 * to an Action or Req row is a non-conformance, and needs a detail, a mitigation and a RAG risk rating.
 */
public final class NonConformance {

    private NonConformance() {
    }

    public static boolean is(Requirement row, Answer answer) {
        return row.type().affectsOutcome() && row.answerKind() == AnswerKind.COMPLIANCE && answer != null
                && answer.compliance().isNonConformance();
    }

    /** The non-conformance fields still missing from {@code answer} ("detail", "mitigation", "risk"). */
    public static List<String> missingDetails(Answer answer) {
        List<String> missing = new ArrayList<>();
        if (isBlank(answer.ncDetail())) {
            missing.add("detail");
        }
        if (isBlank(answer.ncMitigation())) {
            missing.add("mitigation");
        }
        if (answer.ncRisk() == null) {
            missing.add("risk");
        }
        return missing;
    }

    /** A MUST row answered non-compliant: the TOM then goes to NHS Digital for approval, not just audit. */
    public static boolean isMustNonCompliant(Requirement row, Answer answer) {
        return is(row, answer) && row.level() == Level.MUST && answer.compliance() == Compliance.NON_COMPLIANT;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
