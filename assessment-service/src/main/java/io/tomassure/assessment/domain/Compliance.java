package io.tomassure.assessment.domain;

import java.util.Locale;

/**
 * What an answer means, whatever the template's wording: e-RS templates answer Compliant / Semi-compliant /
 * Non-compliant / N/A, SMSP ones Yes / Partial / No / N/A, IG controls Yes / No / Other / None.
 */
public enum Compliance {
    COMPLIANT, PARTIAL, NON_COMPLIANT, NOT_APPLICABLE, OTHER;

    public static Compliance classify(String answer) {
        String a = answer == null ? "" : answer.trim().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
        return switch (a) {
            case "compliant", "yes", "fully-compliant", "met" -> COMPLIANT;
            case "semi-compliant", "partial", "partially-compliant", "partially-met", "semicompliant" -> PARTIAL;
            case "non-compliant", "no", "none", "not-met", "noncompliant" -> NON_COMPLIANT;
            case "n/a", "na", "not-applicable", "out-of-scope" -> NOT_APPLICABLE;
            default -> OTHER;
        };
    }

    /** Semi-compliant and Non-compliant answers are the non-conformances that must be detailed. */
    public boolean isNonConformance() {
        return this == PARTIAL || this == NON_COMPLIANT;
    }
}
