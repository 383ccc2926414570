package io.tomassure.assessment.domain;

import java.util.Arrays;

/** The TOM approval phases: 1A usage and settings, 1B technical conformance (NHS Digital), 2 the EUO's evaluation. */
public enum Phase {
    P1A("1A"), P1B("1B"), P2("2");

    private final String label;

    Phase(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether this phase is submitted for the product assessment (1A, 1B) rather than for a deployment (2). */
    public boolean isProductPhase() {
        return this != P2;
    }

    public static Phase fromLabel(String label) {
        return Arrays.stream(values()).filter(p -> p.label.equalsIgnoreCase(label == null ? "" : label.trim()))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown phase '" + label + "': use 1A, 1B or 2"));
    }
}
