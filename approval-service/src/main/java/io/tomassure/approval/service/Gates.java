package io.tomassure.approval.service;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.quarkus.scheduler.Scheduled;
import io.tomassure.approval.domain.Agreement;
import io.tomassure.approval.domain.AgreementKind;
import io.tomassure.approval.domain.AssessmentRef;
import io.tomassure.approval.domain.Certificate;
import io.tomassure.approval.domain.Decision;
import io.tomassure.approval.domain.DeploymentRef;
import io.tomassure.approval.domain.Escalation;
import io.tomassure.approval.domain.EvidenceStanding;
import io.tomassure.approval.domain.Gate;
import io.tomassure.approval.domain.GoLiveGate;
import io.tomassure.approval.domain.NcAcceptance;
import io.tomassure.approval.domain.NcReview;
import io.tomassure.approval.domain.Phase1AOutcome;
import io.tomassure.approval.domain.PhaseCondition;
import io.tomassure.approval.domain.PhaseState;
import io.tomassure.approval.domain.ReviewCase;
import io.tomassure.approval.domain.SignOff;
import io.tomassure.events.approval.ApprovalEvents;
import io.tomassure.events.assessment.AssessmentEvents;
import io.tomassure.outbox.Outbox;
import io.tomassure.support.problem.Problem;
import io.tomassure.support.problem.ProblemException;
import io.tomassure.support.security.Viewer;
import io.tomassure.support.time.TimeSource;

/**
 * The go-live gate of each deployment: gathers the facts, applies {@link GoLiveGate}, and publishes a change
 * (ready, blocked) in the same transaction as whatever changed the facts, so the event is never lost or early.
 */
@ApplicationScoped
public class Gates {

    static final String SELF = "approval-service";

    private final Outbox outbox;
    private final TimeSource time;

    Gates(Outbox outbox, TimeSource time) {
        this.outbox = outbox;
        this.time = time;
    }

    public GoLiveGate.Result evaluate(DeploymentRef deployment) {
        return GoLiveGate.evaluate(facts(deployment, gate(deployment.deploymentId).suspended));
    }

    /** Re-evaluates one deployment's gate and publishes it if it opened or closed. Runs in the caller's transaction. */
    public GoLiveGate.Result reevaluate(DeploymentRef deployment) {
        // Locked, so that two transactions each bringing a last fact cannot both miss the other's: the second
        // waits, then reads the facts the first committed.
        Gate gate = gate(deployment.deploymentId);
        Gate.getEntityManager().lock(gate, LockModeType.PESSIMISTIC_WRITE);
        GoLiveGate.Result result = GoLiveGate.evaluate(facts(deployment, gate.suspended));
        if (result.open() != gate.open) {
            gate.open = result.open();
            gate.updatedAt = time.now();
            outbox.record(result.open() ? ApprovalEvents.GO_LIVE_READY : ApprovalEvents.GO_LIVE_BLOCKED,
                    deployment.deploymentId.toString(), new ApprovalEvents.GateChanged(deployment.deploymentId,
                            deployment.assessmentId, deployment.supplierOds, deployment.euoOds, result.blockers(), SELF));
        }
        return result;
    }

    public void reevaluateAssessment(UUID assessmentId) {
        DeploymentRef.<DeploymentRef>list("assessmentId", assessmentId).forEach(this::reevaluate);
    }

    public void reevaluateProduct(UUID productId) {
        AssessmentRef.<AssessmentRef>list("productId", productId).forEach(a -> reevaluateAssessment(a.assessmentId));
    }

    /** Records go-live, by the deploying organisation, or refuses it with every blocker in words. */
    @Transactional
    public Gate goLive(Viewer viewer, DeploymentRef deployment, String by) {
        if (!viewer.isEuoOf(deployment.euoOds)) {
            throw ProblemException.forbidden("Go-live is recorded by the deploying organisation");
        }
        GoLiveGate.Result result = reevaluate(deployment);
        Gate gate = gate(deployment.deploymentId);
        if (!result.open()) {
            throw new ProblemException(Problem.of(409, "go-live-blocked", "Go-live blocked",
                    result.blockers().size() + " condition(s) of the go-live gate are not met").with("blockers", result.blockers()));
        }
        if (!gate.live) {
            gate.live = true;
            gate.updatedAt = time.now();
            outbox.record(ApprovalEvents.DEPLOYMENT_LIVE, deployment.deploymentId.toString(), new ApprovalEvents.DeploymentLive(
                    deployment.deploymentId, deployment.assessmentId, deployment.supplierOds, deployment.euoOds, by));
        }
        return gate;
    }

    /** NHS Digital suspends a connection (the gate closes) or lifts the suspension. */
    @Transactional
    public Gate suspend(DeploymentRef deployment, boolean suspended, String reason, String by) {
        Gate gate = gate(deployment.deploymentId);
        if (gate.suspended != suspended) {
            gate.suspended = suspended;
            gate.suspensionReason = suspended ? reason : null;
            gate.updatedAt = time.now();
            outbox.record(ApprovalEvents.DEPLOYMENT_SUSPENDED, deployment.deploymentId.toString(),
                    new ApprovalEvents.DeploymentSuspended(deployment.deploymentId, deployment.assessmentId,
                            deployment.supplierOds, deployment.euoOds, suspended, reason, by));
            reevaluate(deployment);
        }
        return gate;
    }

    /**
     * A row requiring evidence stands anew (a piece attached, the programme's policy changed): records it and
     * re-evaluates the gates it bears on, the deployment's for an EUO's row, every deployment's for the product's.
     */
    public void evidenceChanged(AssessmentEvents.RequiredEvidenceChanged changed) {
        UUID owner = changed.deploymentId() != null ? changed.deploymentId() : changed.assessmentId();
        EvidenceStanding.Key key = new EvidenceStanding.Key();
        key.ownerId = owner;
        key.requirementId = changed.requirementId();
        EvidenceStanding found = EvidenceStanding.findById(key);
        EvidenceStanding standing = found != null ? found : new EvidenceStanding();
        standing.ownerId = owner;
        standing.requirementId = changed.requirementId();
        standing.assessmentId = changed.assessmentId();
        standing.deploymentId = changed.deploymentId();
        standing.kind = changed.kind();
        standing.inDate = changed.inDate();
        standing.lapsesOn = changed.lapsesOn();
        standing.problem = changed.problem();
        standing.updatedAt = time.now();
        if (found == null) {
            standing.persist();
        }
        if (changed.deploymentId() == null) {
            reevaluateAssessment(changed.assessmentId());
        } else {
            DeploymentRef deployment = DeploymentRef.findById(changed.deploymentId());
            if (deployment != null) { // else its creation, on its way, evaluates the gate with this standing
                reevaluate(deployment);
            }
        }
    }

    /** Agreements and evidence go out of date with the calendar, not with an event: re-check the gates that are open. */
    @Scheduled(every = "${tom.approval.gate-recheck:1h}", delayed = "${tom.approval.gate-recheck:1h}")
    @Transactional
    public void recheckOpenGates() {
        Gate.<Gate>list("open = true").forEach(g -> {
            DeploymentRef deployment = DeploymentRef.findById(g.deploymentId);
            if (deployment != null) {
                reevaluate(deployment);
            }
        });
    }

    public Gate gate(UUID deploymentId) {
        Gate gate = Gate.findById(deploymentId);
        if (gate == null) {
            gate = new Gate();
            gate.deploymentId = deploymentId;
            gate.updatedAt = time.now();
            gate.persist();
        }
        return gate;
    }

    GoLiveGate.Facts facts(DeploymentRef d, boolean suspended) {
        ReviewCase case1a = Cases.latest(d.assessmentId, null, "1A");
        ReviewCase case1b = Cases.latest(d.assessmentId, null, "1B");
        ReviewCase case2 = Cases.latest(d.assessmentId, d.deploymentId, "2");
        Decision decision1a = Cases.decision(case1a);
        Phase1AOutcome outcome1a = decision1a == null || !"APPROVED".equals(decision1a.outcome) ? null
                : Phase1AOutcome.valueOf(decision1a.detail);

        List<String> undischarged = case1a == null ? List.of()
                : PhaseCondition.<PhaseCondition>list("caseId = ?1 and dischargedAt is null", case1a.id)
                        .stream().map(c -> c.description).sorted().toList(); // as a replay sorts them (GateHistory)
        Certificate certificate = case1b == null || state(case1b) != PhaseState.APPROVED ? null
                : Certificate.<Certificate>find("caseId", case1b.id).firstResult();
        AssessmentRef assessment = AssessmentRef.findById(d.assessmentId);
        String deployedVersion = assessment != null ? assessment.productVersion : case1b != null ? case1b.productVersion : null;

        Set<String> nonConformances = new HashSet<>();
        Stream.of(case1a, case1b, case2).filter(c -> c != null).forEach(c -> nonConformances.addAll(c.nonConformances));
        Set<String> acceptedLocally = new HashSet<>();
        NcAcceptance.<NcAcceptance>list("deploymentId", d.deploymentId).forEach(a -> acceptedLocally.add(a.requirementId));
        Set<String> acknowledged = new HashSet<>();
        Set<String> refused = new HashSet<>();
        NcReview.<NcReview>list("assessmentId", d.assessmentId)
                .forEach(r -> ("REFUSED".equals(r.review) ? refused : acknowledged).add(r.requirementId));

        Set<AgreementKind> required = EnumSet.of(AgreementKind.CONNECTION_AGREEMENT, AgreementKind.END_USER_POLICY);
        if (outcome1a != null) {
            required.addAll(outcome1a.agreements());
        }
        Map<AgreementKind, LocalDate> held = new EnumMap<>(AgreementKind.class);
        List<Agreement> agreements = assessment == null ? Agreement.list("deploymentId", d.deploymentId)
                : Agreement.list("deploymentId = ?1 or (productId = ?2 and kind = ?3)", d.deploymentId, assessment.productId,
                        AgreementKind.CONNECTION_AGREEMENT.name());
        for (Agreement agreement : agreements) {
            LocalDate expiry = agreement.expiresOn == null ? GoLiveGate.NO_EXPIRY : agreement.expiresOn;
            held.merge(AgreementKind.valueOf(agreement.kind), expiry, (a, b) -> a.isAfter(b) ? a : b);
        }

        Set<String> signOffsRequired = case2 == null ? Set.of() : Set.copyOf(case2.requiredSignOffs);
        Set<String> signOffsHeld = new HashSet<>();
        SignOff.<SignOff>list("deploymentId", d.deploymentId).forEach(s -> signOffsHeld.add(s.kind));
        List<String> escalations = Escalation.<Escalation>list(
                "assessmentId = ?1 and (deploymentId is null or deploymentId = ?2) and resolvedAt is null order by raisedAt",
                d.assessmentId, d.deploymentId).stream()
                .map(e -> "clinical-safety level " + e.level + " referred to the Clinical Safety Group").toList();

        List<GoLiveGate.RequiredEvidence> evidence = EvidenceStanding.<EvidenceStanding>list(
                "assessmentId = ?1 and (deploymentId is null or deploymentId = ?2) order by requirementId", d.assessmentId,
                d.deploymentId).stream()
                .map(e -> new GoLiveGate.RequiredEvidence(e.requirementId, e.kind, e.inDate, e.lapsesOn, e.problem)).toList();

        return new GoLiveGate.Facts(state(case1a), state(case1b), state(case2), undischarged,
                certificate == null ? null : certificate.productVersion, deployedVersion, nonConformances, acceptedLocally,
                acknowledged, refused, required, held, signOffsRequired, signOffsHeld, escalations, evidence, suspended,
                time.today());
    }

    static PhaseState state(ReviewCase reviewCase) {
        if (reviewCase == null) {
            return PhaseState.NOT_SUBMITTED;
        }
        if (Cases.State.OPEN.name().equals(reviewCase.state)) {
            return PhaseState.UNDER_REVIEW;
        }
        Decision decision = Cases.decision(reviewCase);
        return decision == null ? PhaseState.UNDER_REVIEW : PhaseState.valueOf(decision.outcome);
    }
}
