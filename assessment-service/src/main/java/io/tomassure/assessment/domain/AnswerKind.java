package io.tomassure.assessment.domain;

import java.util.List;

/**
 * What a row's answer means. COMPLIANCE answers say how well a requirement is met (Compliant ... Non-compliant,
 * Yes/No for a control), so a partial or negative one is a non-conformance. QUESTION answers pick a fact from a
 * list (the clinical-safety questions: "is it a medical device?"), where "No" is no failing. FREE_TEXT answers are
 * the forms' free responses (product name, ODS code, contact names).
 */
public enum AnswerKind {
    COMPLIANCE, QUESTION, FREE_TEXT;

    /** The kind a row has when its definition does not say: a list of answers means compliance, none free text. */
    public static AnswerKind defaultFor(List<String> allowedAnswers) {
        return allowedAnswers == null || allowedAnswers.isEmpty() ? FREE_TEXT : COMPLIANCE;
    }

    /** Whether rows of this kind offer a list of answers to pick from. */
    public boolean hasList() {
        return this != FREE_TEXT;
    }
}
