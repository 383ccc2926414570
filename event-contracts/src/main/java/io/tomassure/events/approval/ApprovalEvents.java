package io.tomassure.events.approval;

import java.util.UUID;

import io.tomassure.events.EventType;
import io.tomassure.events.Topics;

/** Events published by approval-service on {@link Topics#APPROVAL}. */
public final class ApprovalEvents {

    private ApprovalEvents() {
    }

    public static final EventType<PhaseDecided> PHASE_DECIDED = EventType.of(
            "tom.approval.phase-decided", Topics.APPROVAL, PhaseDecided.class);

    /** How a review case ended; {@code outcome} is one of {@link Outcome}'s names. */
    public record PhaseDecided(UUID caseId, UUID submissionId, UUID assessmentId, UUID deploymentId, String phase,
            int revision, String contentHash, String outcome, String reason, String by) {
    }

    /** Decision outcomes, as far as the assessment is concerned. */
    public enum Outcome {
        /** Approved, possibly with conditions to discharge before go-live. */
        APPROVED,
        /** Returned for changes: the phase is editable again and is resubmitted as a new revision. */
        RETURNED,
        /** Rejected: the phase is editable again; a new revision starts a new review. */
        REJECTED
    }
}
