package io.tomassure.approval.domain;

import java.util.List;

import io.tomassure.events.approval.ApprovalEvents.Outcome;

/** Phase 1A (usage and settings) outcomes, with the conditions and agreements each brings. */
public enum Phase1AOutcome {
    APPROVED(List.of(), List.of()),
    APPROVED_DSFC_AND_DSA_REQUIRED(List.of("DSFC signed", "DSA signed"), List.of(AgreementKind.DSFC, AgreementKind.DSA)),
    APPROVED_DSA_REQUIRED(List.of("DSA signed"), List.of(AgreementKind.DSA)),
    PROVISIONALLY_APPROVED_PENDING_IGARD(List.of("IGARD review passed"), List.of()),
    REJECTED(List.of(), List.of());

    private final List<String> conditions;
    private final List<AgreementKind> agreements;

    Phase1AOutcome(List<String> conditions, List<AgreementKind> agreements) {
        this.conditions = conditions;
        this.agreements = agreements;
    }

    /** Conditions this outcome sets, to be discharged before go-live. */
    public List<String> conditions() {
        return conditions;
    }

    /** Agreements this outcome requires before go-live. */
    public List<AgreementKind> agreements() {
        return agreements;
    }

    public Outcome outcome() {
        return this == REJECTED ? Outcome.REJECTED : Outcome.APPROVED;
    }
}
