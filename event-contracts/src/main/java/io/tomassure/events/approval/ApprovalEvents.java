package io.tomassure.events.approval;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.tomassure.events.EventType;
import io.tomassure.events.Topics;

/**
 * Events published by approval-service on {@link Topics#APPROVAL}. Subject: the deployment id for everything
 * about a deployment (its gate stays in order), the case id for review cases, the product id for product-wide
 * agreements. Every payload names the organisations it concerns ({@code supplierOds}, {@code euoOds}), so that
 * each party can follow its own story in the audit log, and {@code by}, who acted ("approval-service" for the gate).
 */
public final class ApprovalEvents {

    private ApprovalEvents() {
    }

    public static final EventType<CaseOpened> CASE_OPENED = EventType.of(
            "tom.approval.case-opened", Topics.APPROVAL, CaseOpened.class);
    public static final EventType<PhaseDecided> PHASE_DECIDED = EventType.of(
            "tom.approval.phase-decided", Topics.APPROVAL, PhaseDecided.class);
    public static final EventType<ConditionDischarged> CONDITION_DISCHARGED = EventType.of(
            "tom.approval.condition-discharged", Topics.APPROVAL, ConditionDischarged.class);
    public static final EventType<NonConformanceReviewed> NON_CONFORMANCE_REVIEWED = EventType.of(
            "tom.approval.non-conformance-reviewed", Topics.APPROVAL, NonConformanceReviewed.class);
    public static final EventType<RiskAccepted> RISK_ACCEPTED = EventType.of(
            "tom.approval.risk-accepted", Topics.APPROVAL, RiskAccepted.class);
    public static final EventType<AgreementSigned> AGREEMENT_SIGNED = EventType.of(
            "tom.approval.agreement-signed", Topics.APPROVAL, AgreementSigned.class);
    public static final EventType<SignOffRecorded> SIGN_OFF_RECORDED = EventType.of(
            "tom.approval.sign-off-recorded", Topics.APPROVAL, SignOffRecorded.class);
    public static final EventType<EscalationRaised> ESCALATION_RAISED = EventType.of(
            "tom.approval.escalation-raised", Topics.APPROVAL, EscalationRaised.class);
    public static final EventType<EscalationResolved> ESCALATION_RESOLVED = EventType.of(
            "tom.approval.escalation-resolved", Topics.APPROVAL, EscalationResolved.class);
    public static final EventType<GateChanged> GO_LIVE_READY = EventType.of(
            "tom.approval.go-live-ready", Topics.APPROVAL, GateChanged.class);
    public static final EventType<GateChanged> GO_LIVE_BLOCKED = EventType.of(
            "tom.approval.go-live-blocked", Topics.APPROVAL, GateChanged.class);
    public static final EventType<DeploymentLive> DEPLOYMENT_LIVE = EventType.of(
            "tom.approval.deployment-live", Topics.APPROVAL, DeploymentLive.class);
    public static final EventType<DeploymentSuspended> DEPLOYMENT_SUSPENDED = EventType.of(
            "tom.approval.deployment-suspended", Topics.APPROVAL, DeploymentSuspended.class);

    /** A submitted revision is waiting for its reviewer. */
    public record CaseOpened(UUID caseId, UUID submissionId, UUID assessmentId, UUID deploymentId, String supplierOds,
            String euoOds, String phase, int revision, String contentHash, String route, String by) {
    }

    /**
     * How a review case ended. {@code outcome} is one of {@link Outcome}'s names; {@code detail} the phase's own
     * wording (e.g. APPROVED_DSA_REQUIRED); {@code conditions} what a 1A approval leaves to discharge before go-live;
     * {@code certificateNumber} and {@code certifiedVersion} the 1B conformance certificate and the product version it
     * certifies.
     */
    public record PhaseDecided(UUID caseId, UUID submissionId, UUID assessmentId, UUID deploymentId, String supplierOds,
            String euoOds, String phase, int revision, String contentHash, String outcome, String reason, String by,
            String detail, List<ConditionSet> conditions, String certificateNumber, String certifiedVersion) {

        /** A decision without its particulars: a return or rejection, or where they do not matter. */
        public PhaseDecided(UUID caseId, UUID submissionId, UUID assessmentId, UUID deploymentId, String supplierOds,
                String euoOds, String phase, int revision, String contentHash, String outcome, String reason, String by) {
            this(caseId, submissionId, assessmentId, deploymentId, supplierOds, euoOds, phase, revision, contentHash,
                    outcome, reason, by, outcome, List.of(), null, null);
        }
    }

    /** A condition a 1A approval sets, discharged later ({@link ConditionDischarged} names it by id). */
    public record ConditionSet(UUID conditionId, String description) {
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

    public record ConditionDischarged(UUID conditionId, UUID caseId, UUID assessmentId, String supplierOds, String kind,
            String evidence, String by) {
    }

    /** NHS Digital's central review of a non-conformance: ACKNOWLEDGED, or REFUSED (the connection may be refused). */
    public record NonConformanceReviewed(UUID assessmentId, String supplierOds, String requirementId, String review,
            String comment, String by) {
    }

    /** The EUO's local acceptance of a non-conformance's risk, with its mitigation. */
    public record RiskAccepted(UUID deploymentId, UUID assessmentId, String supplierOds, String euoOds,
            String requirementId, String comment, String by) {
    }

    public record AgreementSigned(UUID agreementId, String kind, UUID productId, UUID deploymentId, String organisation,
            String supplierOds, String signatory, String signatoryRole, LocalDate signedOn, String documentVersion, LocalDate expiresOn,
            String by) {
    }

    public record SignOffRecorded(UUID deploymentId, String supplierOds, String euoOds, String kind, String by) {
    }

    public record EscalationRaised(UUID escalationId, UUID assessmentId, UUID deploymentId, String supplierOds,
            String euoOds, int clinicalSafetyLevel, String reason, String by) {
    }

    public record EscalationResolved(UUID escalationId, UUID assessmentId, UUID deploymentId, String supplierOds,
            String resolution, String by) {
    }

    /** The go-live gate of a deployment opened (ready) or closed again (blocked), with what blocks it now. */
    public record GateChanged(UUID deploymentId, UUID assessmentId, String supplierOds, String euoOds,
            List<String> blockers, String by) {
    }

    public record DeploymentLive(UUID deploymentId, UUID assessmentId, String supplierOds, String euoOds, String by) {
    }

    public record DeploymentSuspended(UUID deploymentId, UUID assessmentId, String supplierOds, String euoOds,
            boolean suspended, String reason, String by) {
    }
}
