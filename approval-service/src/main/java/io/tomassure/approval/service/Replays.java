package io.tomassure.approval.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.tomassure.approval.domain.AssessmentRef;
import io.tomassure.approval.domain.DeploymentRef;
import io.tomassure.approval.domain.GateHistory;
import io.tomassure.approval.domain.GoLiveGate;
import io.tomassure.events.EventRouter;
import io.tomassure.events.approval.ApprovalEvents;
import io.tomassure.events.assessment.AssessmentEvents;
import io.tomassure.support.auditlog.AuditLogReader;
import io.tomassure.support.auditlog.AuditLogReader.Filter;
import io.tomassure.support.auditlog.AuditLogReader.Logged;
import io.tomassure.support.problem.ProblemException;
import io.tomassure.support.time.TimeSource;

/**
 * A deployment's go-live gate at an earlier instant, replayed from the central audit log and judged by the same rule
 * as now, for whoever may see the deployment now.
 */
@ApplicationScoped
public class Replays {

    /** The gate then, with the last log entry the replay used and its inclusion proof (null until sealed). */
    public record GateThen(Instant asOf, GoLiveGate.Result result, boolean live, boolean suspended,
            AuditLogReader.Anchor lastEntry) {
    }

    /** What each logged event does to the gate's history; events the gate does not weigh are passed over. */
    private static final EventRouter<GateHistory> FOLD = new EventRouter<GateHistory>()
            .on(AssessmentEvents.DEPLOYMENT_CREATED, GateHistory::registered)
            .on(AssessmentEvents.PHASE_SUBMITTED, GateHistory::submitted)
            .on(AssessmentEvents.REQUIRED_EVIDENCE_CHANGED, GateHistory::evidenceChanged)
            .on(ApprovalEvents.CASE_OPENED, GateHistory::caseOpened)
            .on(ApprovalEvents.PHASE_DECIDED, GateHistory::decided)
            .on(ApprovalEvents.CONDITION_DISCHARGED, GateHistory::conditionDischarged)
            .on(ApprovalEvents.NON_CONFORMANCE_REVIEWED, GateHistory::reviewed)
            .on(ApprovalEvents.RISK_ACCEPTED, GateHistory::riskAccepted)
            .on(ApprovalEvents.AGREEMENT_SIGNED, GateHistory::agreementSigned)
            .on(ApprovalEvents.SIGN_OFF_RECORDED, GateHistory::signedOff)
            .on(ApprovalEvents.ESCALATION_RAISED, GateHistory::escalationRaised)
            .on(ApprovalEvents.ESCALATION_RESOLVED, GateHistory::escalationResolved)
            .on(ApprovalEvents.DEPLOYMENT_SUSPENDED, GateHistory::suspended)
            .on(ApprovalEvents.DEPLOYMENT_LIVE, GateHistory::wentLive);

    private final Access access;
    private final AuditLogReader log;
    private final TimeSource time;

    Replays(Access access, AuditLogReader log, TimeSource time) {
        this.access = access;
        this.log = log;
        this.time = time;
    }

    public GateThen readiness(UUID deploymentId, Instant asOf) {
        DeploymentRef deployment = access.deployment(deploymentId);
        AuditLogReader.requirePast(asOf, time.now());
        AssessmentRef assessment = AssessmentRef.findById(deployment.assessmentId);
        if (assessment == null) {
            throw ProblemException.conflict("history-incomplete", "History incomplete",
                    "The assessment of deployment " + deploymentId + " is not known here yet; try again shortly");
        }
        // the deployment's events, its assessment's, and its product's Connection Agreements (which name no assessment)
        List<Logged> logged = log.upTo(asOf, Filter.assessment(deployment.assessmentId), Filter.deployment(deploymentId),
                Filter.typeAbout(ApprovalEvents.AGREEMENT_SIGNED.name(), deployment.supplierOds));
        GateHistory history = new GateHistory(deployment.assessmentId, deploymentId, assessment.productId);
        AuditLogReader.fold(logged, FOLD, history, GateHistory::unreadable);
        if (!history.exists()) {
            throw ProblemException.notFound("Deployment " + deploymentId + " as of " + asOf + " (it was registered later)");
        }
        if (history.gap() != null) {
            throw AuditLogReader.incomplete("The gate", asOf, history.gap());
        }
        GoLiveGate.Result result = GoLiveGate.evaluate(history.facts(assessment.productVersion, TimeSource.dateOf(asOf)));
        return new GateThen(asOf, result, history.live(), history.suspended(), log.anchor(logged));
    }
}
