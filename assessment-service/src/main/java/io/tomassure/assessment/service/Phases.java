package io.tomassure.assessment.service;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.tomassure.assessment.domain.Phase;
import io.tomassure.assessment.domain.PhaseStatus;
import io.tomassure.support.Ids;
import io.tomassure.support.problem.ProblemException;

/** Where each phase stands: the product's 1A and 1B, a deployment's 2. */
public final class Phases {

    /** DRAFT (never submitted), SUBMITTED (under review, rows locked), then the decision. */
    public enum State {
        DRAFT, SUBMITTED, APPROVED, RETURNED, REJECTED
    }

    private Phases() {
    }

    /**
     * Whether a phase in {@code state} holds the facts its decision rests on (the product facts, a deployment's local
     * context) as they were submitted: while it is under review and once it is approved. A return or a rejection
     * releases them, as it releases the rows.
     */
    public static boolean holdsFacts(String state) {
        return State.SUBMITTED.name().equals(state) || State.APPROVED.name().equals(state);
    }

    /** The refusal of a change to facts that {@code phase}, in {@code state}, holds. */
    public static ProblemException factsHeld(String facts, Phase phase, PhaseStatus status) {
        return ProblemException.conflict("facts-locked", "Held by Phase " + phase.label(), "The " + facts
                + " are part of Phase " + phase.label() + " revision " + status.revision + ", which is "
                + (State.SUBMITTED.name().equals(status.state) ? "under review" : "approved")
                + "; they can change only if that phase is returned or rejected");
    }

    public static Optional<PhaseStatus> status(UUID assessmentId, UUID deploymentId, Phase phase) {
        return deploymentId == null
                ? PhaseStatus.find("assessmentId = ?1 and deploymentId is null and phase = ?2", assessmentId, phase.label())
                        .firstResultOptional()
                : PhaseStatus.find("assessmentId = ?1 and deploymentId = ?2 and phase = ?3", assessmentId, deploymentId,
                        phase.label()).firstResultOptional();
    }

    /** The product's phase states (1A, 1B) that have a row, by phase label, in one query. */
    public static Map<String, PhaseStatus> productStatuses(UUID assessmentId) {
        Map<String, PhaseStatus> byPhase = new HashMap<>();
        PhaseStatus.<PhaseStatus>list("assessmentId = ?1 and deploymentId is null", assessmentId)
                .forEach(status -> byPhase.put(status.phase, status));
        return byPhase;
    }

    /** The status row, created as DRAFT at {@code now} on first use. */
    public static PhaseStatus statusForUpdate(UUID assessmentId, UUID deploymentId, Phase phase, Instant now) {
        return status(assessmentId, deploymentId, phase).orElseGet(() -> {
            PhaseStatus status = new PhaseStatus();
            status.id = Ids.next();
            status.assessmentId = assessmentId;
            status.deploymentId = deploymentId;
            status.phase = phase.label();
            status.state = State.DRAFT.name();
            status.updatedAt = now;
            status.persist();
            return status;
        });
    }
}
