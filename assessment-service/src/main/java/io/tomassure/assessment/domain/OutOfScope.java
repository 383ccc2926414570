package io.tomassure.assessment.domain;

import java.util.Locale;

/**
 * The SCAL's own answer "Out of Scope". On a row the assessment's scope includes it is a claim that this requirement
 * does not apply to the product, which the reviewer must be able to weigh: like a non-conformance, it needs a
 * justification (the answer's detail) before its phase is submitted.
 */
public final class OutOfScope {

    private OutOfScope() {
    }

    public static boolean claimed(Requirement row, Answer answer) {
        return row.answerKind() == AnswerKind.COMPLIANCE && answer != null && answer.answer() != null
                && answer.answer().strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").equals("out of scope");
    }

    public static boolean needsJustification(Requirement row, Answer answer) {
        return claimed(row, answer) && (answer.ncDetail() == null || answer.ncDetail().isBlank());
    }
}
