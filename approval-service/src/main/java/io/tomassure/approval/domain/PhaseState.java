package io.tomassure.approval.domain;

/** Where a phase stands for the gate: its latest revision's review. */
public enum PhaseState {
    NOT_SUBMITTED, UNDER_REVIEW, APPROVED, RETURNED, REJECTED;

    public String words() {
        return name().toLowerCase().replace('_', ' ');
    }
}
