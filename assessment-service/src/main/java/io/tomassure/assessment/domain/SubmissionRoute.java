package io.tomassure.assessment.domain;

import java.util.Collection;
import java.util.Map;

/** Where a submitted TOM goes: to NHS Digital for approval when a MUST row is non-compliant, else for audit. */
public enum SubmissionRoute {
    APPROVAL, AUDIT;

    public static SubmissionRoute of(Collection<Requirement> rows, Map<String, Answer> answers) {
        return rows.stream().anyMatch(row -> NonConformance.isMustNonCompliant(row, answers.get(row.id())))
                ? APPROVAL : AUDIT;
    }
}
