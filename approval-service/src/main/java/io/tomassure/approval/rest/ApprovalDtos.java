package io.tomassure.approval.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.tomassure.approval.domain.AgreementKind;
import io.tomassure.approval.domain.DecisionRules;
import io.tomassure.approval.domain.GoLiveGate;
import io.tomassure.events.assessment.AssessmentEvents;

/** Requests and views of approval-service. */
public final class ApprovalDtos {

    private ApprovalDtos() {
    }

    /**
     * A decision on a case. {@code contentHash}: the SHA-256 of the revision decided (from the case), so a
     * decision never lands on another revision. {@code outcome}: Phase 1A APPROVED, APPROVED_DSFC_AND_DSA_REQUIRED,
     * APPROVED_DSA_REQUIRED, PROVISIONALLY_APPROVED_PENDING_IGARD or REJECTED; Phase 1B APPROVED (with
     * certificateNumber), RETURNED or REJECTED; Phase 2 APPROVED (with declarationAccepted) or RETURNED.
     */
    public record DecideRequest(@NotBlank @Size(max = 100) String contentHash, @NotBlank @Size(max = 60) String outcome,
            @Size(max = 20000) String reason, @Size(max = 10) List<DecisionRules.@Valid @NotNull AreaDecision> areas,
            @Size(max = 40) String certificateNumber, Boolean declarationAccepted,
            @Size(max = 20) List<@NotBlank @Size(max = 2000) String> conditions) {

        DecisionRules.Request rules() {
            return new DecisionRules.Request(outcome, reason, areas, certificateNumber, declarationAccepted);
        }
    }

    public record DecisionView(String outcome, String detail, String reason, String contentHash, String decidedBy,
            Instant decidedAt, String certificateNumber) {
    }

    public record ConditionView(UUID id, String description, Instant dischargedAt, String dischargedBy, String evidence) {
    }

    /**
     * A review case. {@code sinceApproved}: what the revision changes since the phase's approved revision (rows added,
     * changed, removed, and those whose requirement a template uplift changed), so that the reviewer reads a delta;
     * absent before a first approval. {@code completeness}, {@code nonConformanceRisk} (counts by RAG) and
     * {@code igOutcome} are as the revision was submitted.
     */
    public record CaseView(UUID id, UUID submissionId, UUID assessmentId, UUID deploymentId, String supplierOds,
            String euoOds, UUID productId, String productName, String productVersion, String phase, int revision, String contentHash, String state, String route,
            int clinicalSafetyLevel, List<String> requiredSignOffs, List<String> nonConformances,
            AssessmentEvents.Completeness completeness, AssessmentEvents.NonConformanceSummary nonConformanceRisk,
            String igOutcome, AssessmentEvents.RevisionChanges sinceApproved, Instant openedAt, DecisionView decision,
            List<ConditionView> conditions) {
    }

    public record DischargeRequest(@NotBlank @Size(max = 20000) String evidence) {
    }

    public record ReviewRequest(@NotNull Review review, @Size(max = 20000) String comment) {
    }

    public enum Review {
        ACKNOWLEDGED, REFUSED
    }

    public record AcceptRequest(@NotBlank @Size(max = 20000) String comment) {
    }

    public record AgreementRequest(@NotNull AgreementKind kind, @NotBlank @Size(max = 300) String signatory,
            @NotBlank @Size(max = 300) String signatoryRole, @NotNull LocalDate signedOn,
            @NotBlank @Size(max = 100) String documentVersion, @NotNull LocalDate expiresOn) {
    }

    public record AgreementView(UUID id, AgreementKind kind, UUID productId, UUID deploymentId, String organisation,
            String signatory, String signatoryRole, LocalDate signedOn, String documentVersion, LocalDate expiresOn,
            String recordedBy) {
    }

    public record SignOffRequest(@NotBlank String kind) {
    }

    public record SuspendRequest(@NotBlank @Size(max = 20000) String reason) {
    }

    public record ResolveRequest(@NotBlank @Size(max = 20000) String resolution) {
    }

    public record EscalationView(UUID id, UUID assessmentId, UUID deploymentId, int level, String reason, Instant raisedAt,
            Instant resolvedAt, String resolvedBy, String resolution) {
    }

    /** The gate: each condition with its state and, while blocked, what blocks it in words. */
    public record Readiness(UUID deploymentId, boolean open, boolean live, boolean suspended, List<GoLiveGate.Check> checks,
            List<String> blockers) {
    }

    /**
     * The readiness replayed from the audit log to {@code asOf}, with the last log entry the replay used: its hash and
     * its inclusion proof in a signed checkpoint (null until a checkpoint covers it).
     */
    public record ReplayedReadiness(java.time.Instant asOf, Readiness state,
            io.tomassure.support.auditlog.AuditLogReader.Anchor lastEntry) {
    }
}
