package io.tomassure.approval.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tomassure.approval.domain.Certificate;
import io.tomassure.approval.domain.Decision;
import io.tomassure.approval.domain.DecisionRules;
import io.tomassure.approval.domain.DeploymentRef;
import io.tomassure.approval.domain.Escalation;
import io.tomassure.approval.domain.NcAcceptance;
import io.tomassure.approval.domain.Phase1AOutcome;
import io.tomassure.approval.domain.PhaseCondition;
import io.tomassure.approval.domain.ReviewCase;
import io.tomassure.events.approval.ApprovalEvents;
import io.tomassure.events.approval.ApprovalEvents.Outcome;
import io.tomassure.events.assessment.AssessmentEvents;
import io.tomassure.outbox.Outbox;
import io.tomassure.support.Ids;
import io.tomassure.support.problem.Problem;
import io.tomassure.support.problem.ProblemException;
import io.tomassure.support.security.Roles;
import io.tomassure.support.security.Viewer;
import io.tomassure.support.time.TimeSource;

/**
 * Review cases: opened by a submission, decided once, by the right reviewer, about exactly the revision whose
 * SHA-256 the decision quotes. A newer revision supersedes an open case; history is kept.
 */
@ApplicationScoped
public class Cases {

    /** OPEN awaits a decision; DECIDED has one; SUPERSEDED was overtaken by a newer revision. */
    public enum State {
        OPEN, DECIDED, SUPERSEDED
    }

    /** A decision as the reviewer sends it. */
    public record DecisionRequest(String contentHash, DecisionRules.Request decision, List<String> conditions) {
    }

    private final Access access;
    private final Outbox outbox;
    private final Gates gates;
    private final TimeSource time;
    private final ObjectMapper json;
    private final References references;

    Cases(Access access, Outbox outbox, Gates gates, TimeSource time, ObjectMapper json, References references) {
        this.access = access;
        this.outbox = outbox;
        this.gates = gates;
        this.time = time;
        this.json = json;
        this.references = references;
    }

    /** The latest revision's case for a phase of the product ({@code deploymentId} null) or of a deployment. */
    public static ReviewCase latest(UUID assessmentId, UUID deploymentId, String phase) {
        return (deploymentId == null
                ? ReviewCase.<ReviewCase>find("assessmentId = ?1 and deploymentId is null and phase = ?2 order by revision desc",
                        assessmentId, phase)
                : ReviewCase.<ReviewCase>find("assessmentId = ?1 and deploymentId = ?2 and phase = ?3 order by revision desc",
                        assessmentId, deploymentId, phase)).firstResult();
    }

    public static Decision decision(ReviewCase reviewCase) {
        return reviewCase == null ? null : Decision.<Decision>find("caseId", reviewCase.id).firstResult();
    }

    /** Opens the case of a submitted revision (in the consumer's transaction); an older revision arrives superseded. */
    public void open(AssessmentEvents.PhaseSubmitted s) {
        if (ReviewCase.count("submissionId", s.submissionId()) > 0) {
            return;
        }
        references.assessment(s.assessmentId(), s.productId(), s.productVersion(), s.supplierOds(), null);
        if (s.deploymentId() != null) {
            references.deployment(s.deploymentId(), s.assessmentId(), s.supplierOds(), s.euoOds());
        }
        ReviewCase newest = latest(s.assessmentId(), s.deploymentId(), s.phase());
        boolean overtaken = newest != null && newest.revision > s.revision();
        if (!overtaken && newest != null) {
            if (s.deploymentId() == null) {
                ReviewCase.update("state = ?1 where assessmentId = ?2 and deploymentId is null and phase = ?3 and state = ?4",
                        State.SUPERSEDED.name(), s.assessmentId(), s.phase(), State.OPEN.name());
            } else {
                ReviewCase.update("state = ?1 where deploymentId = ?2 and phase = ?3 and state = ?4",
                        State.SUPERSEDED.name(), s.deploymentId(), s.phase(), State.OPEN.name());
            }
        }
        ReviewCase reviewCase = new ReviewCase();
        reviewCase.id = Ids.next();
        reviewCase.submissionId = s.submissionId();
        reviewCase.assessmentId = s.assessmentId();
        reviewCase.deploymentId = s.deploymentId();
        reviewCase.phase = s.phase();
        reviewCase.revision = s.revision();
        reviewCase.contentHash = s.contentHash();
        reviewCase.supplierOds = s.supplierOds();
        reviewCase.euoOds = s.euoOds();
        reviewCase.productId = s.productId();
        reviewCase.productName = s.productName();
        reviewCase.productVersion = s.productVersion();
        reviewCase.route = s.route();
        reviewCase.clinicalSafetyLevel = s.clinicalSafetyLevel();
        reviewCase.escalationRequired = s.escalationRequired();
        reviewCase.requiredSignOffs = List.copyOf(s.requiredSignOffs());
        reviewCase.nonConformances = s.nonConformances() == null ? List.of() : List.copyOf(s.nonConformances().requirementIds());
        reviewCase.sinceApproved = s.sinceApproved() == null ? null : write(s.sinceApproved());
        reviewCase.completeness = s.completeness() == null ? null : write(s.completeness());
        reviewCase.nonConformanceRisk = s.nonConformances() == null ? null : write(s.nonConformances());
        reviewCase.igOutcome = s.igOutcome();
        reviewCase.state = overtaken ? State.SUPERSEDED.name() : State.OPEN.name();
        reviewCase.openedAt = time.now();
        reviewCase.persist();
        if (!overtaken) {
            outbox.record(ApprovalEvents.CASE_OPENED, reviewCase.id.toString(), new ApprovalEvents.CaseOpened(reviewCase.id,
                    s.submissionId(), s.assessmentId(), s.deploymentId(), s.supplierOds(), s.euoOds(), s.phase(), s.revision(),
                    s.contentHash(), s.route(), Gates.SELF));
        }
        if (s.escalationRequired()) {
            raiseEscalation(s);
            gates.reevaluateAssessment(s.assessmentId()); // an escalation blocks every deployment of the product
        }
        reevaluate(reviewCase);
    }

    /** Decides an open case: the reviewer's role, the revision's hash and the phase's rules must all agree. */
    @Transactional
    public Decision decide(Viewer viewer, String by, UUID caseId, DecisionRequest request) {
        ReviewCase reviewCase = access.reviewCase(caseId);
        requireDecider(viewer, reviewCase);
        if (!State.OPEN.name().equals(reviewCase.state)) {
            throw ProblemException.conflict("case-closed", "Case closed", "Case " + reviewCase.id + " is "
                    + reviewCase.state.toLowerCase() + (State.SUPERSEDED.name().equals(reviewCase.state)
                            ? ": a newer revision was submitted; decide that one" : ": it was decided already"));
        }
        if (!reviewCase.contentHash.equals(request.contentHash())) {
            throw new ProblemException(Problem.of(409, "stale-revision", "Not the revision under review",
                    "The decision quotes content hash " + request.contentHash() + " but revision " + reviewCase.revision
                            + " hashes to " + reviewCase.contentHash).with("contentHash", reviewCase.contentHash));
        }
        List<DecisionRules.Invalid> invalid = DecisionRules.validate(reviewCase.phase, request.decision());
        if (!invalid.isEmpty()) {
            throw ProblemException.invalid("The decision is incomplete", invalid.stream()
                    .map(i -> new Problem.FieldError("decision." + i.field(), i.message())).toList());
        }
        Outcome outcome = DecisionRules.outcome(reviewCase.phase, request.decision().outcome());
        if (outcome == Outcome.APPROVED && "2".equals(reviewCase.phase)) {
            requireAccepted(reviewCase);
        }
        Decision decision = new Decision();
        decision.id = Ids.next();
        decision.caseId = reviewCase.id;
        decision.outcome = outcome.name();
        decision.detail = request.decision().outcome();
        decision.reason = request.decision().reason();
        decision.areas = areas(request.decision());
        decision.contentHash = reviewCase.contentHash;
        decision.decidedBy = by;
        decision.decidedAt = time.now();
        decision.persist();
        reviewCase.state = State.DECIDED.name();
        List<ApprovalEvents.ConditionSet> conditions = new ArrayList<>();
        if (outcome == Outcome.APPROVED && "1A".equals(reviewCase.phase)) {
            List<String> descriptions = new ArrayList<>(Phase1AOutcome.valueOf(decision.detail).conditions());
            if (request.conditions() != null) {
                descriptions.addAll(request.conditions());
            }
            descriptions.forEach(description -> conditions.add(addCondition(reviewCase, description)));
        }
        Certificate certificate = outcome == Outcome.APPROVED && "1B".equals(reviewCase.phase)
                ? issueCertificate(reviewCase, request.decision().certificateNumber(), by) : null;
        outbox.record(ApprovalEvents.PHASE_DECIDED, reviewCase.id.toString(), new ApprovalEvents.PhaseDecided(reviewCase.id,
                reviewCase.submissionId, reviewCase.assessmentId, reviewCase.deploymentId, reviewCase.supplierOds,
                reviewCase.euoOds, reviewCase.phase, reviewCase.revision, reviewCase.contentHash, outcome.name(),
                decision.reason, by, decision.detail, conditions, certificate == null ? null : certificate.number,
                certificate == null ? null : certificate.productVersion));
        reevaluate(reviewCase);
        return decision;
    }

    private static void requireDecider(Viewer viewer, ReviewCase reviewCase) {
        boolean allowed = "2".equals(reviewCase.phase) ? viewer.isEuoOf(reviewCase.euoOds)
                : viewer.roles().contains(Roles.ASSURANCE);
        if (!allowed) {
            throw ProblemException.forbidden("2".equals(reviewCase.phase)
                    ? "Phase 2 is decided by the deploying organisation's Owner"
                    : "Phase " + reviewCase.phase + " is decided by NHS Digital solution assurance");
        }
    }

    /** Approving Phase 2 needs every non-conformance of the revision accepted by the EUO. */
    private static void requireAccepted(ReviewCase reviewCase) {
        Set<String> accepted = new HashSet<>();
        NcAcceptance.<NcAcceptance>list("deploymentId", reviewCase.deploymentId).forEach(a -> accepted.add(a.requirementId));
        List<String> pending = reviewCase.nonConformances.stream().filter(nc -> !accepted.contains(nc)).sorted().toList();
        if (!pending.isEmpty()) {
            throw new ProblemException(Problem.of(409, "non-conformances-not-accepted", "Non-conformances not accepted",
                    "Accept the risk of each non-conformance of this revision before approving Phase 2")
                    .with("nonConformances", pending));
        }
    }

    private static ApprovalEvents.ConditionSet addCondition(ReviewCase reviewCase, String description) {
        PhaseCondition condition = new PhaseCondition();
        condition.id = Ids.next();
        condition.caseId = reviewCase.id;
        condition.assessmentId = reviewCase.assessmentId;
        condition.description = description;
        condition.persist();
        return new ApprovalEvents.ConditionSet(condition.id, description);
    }

    private Certificate issueCertificate(ReviewCase reviewCase, String number, String by) {
        if (Certificate.findById(number) != null) {
            throw ProblemException.conflict("duplicate", "Certificate number in use", number + " was issued already");
        }
        Certificate certificate = new Certificate();
        certificate.number = number;
        certificate.caseId = reviewCase.id;
        certificate.productId = reviewCase.productId;
        certificate.productVersion = reviewCase.productVersion;
        certificate.issuedBy = by;
        certificate.issuedAt = time.now();
        certificate.persist();
        return certificate;
    }

    /**
     * Levels 4 and 5 come from the product's own facts (it updates Spine, it is a medical device), so there is one
     * escalation per product assessment, whichever submission raised it first.
     */
    private void raiseEscalation(AssessmentEvents.PhaseSubmitted s) {
        if (Escalation.count("assessmentId", s.assessmentId()) > 0) {
            return; // raised (and perhaps resolved) already for this product assessment
        }
        Escalation escalation = new Escalation();
        escalation.id = Ids.next();
        escalation.assessmentId = s.assessmentId();
        escalation.level = s.clinicalSafetyLevel();
        escalation.reason = s.clinicalSafetyLevel() == 5
                ? "Medical device (clinical-safety level 5): CSG sign-off and MHRA guidance needed"
                : "Updates Spine (clinical-safety level 4): CSG assistance needed";
        escalation.raisedAt = time.now();
        escalation.persist();
        outbox.record(ApprovalEvents.ESCALATION_RAISED, s.assessmentId().toString(), new ApprovalEvents.EscalationRaised(
                escalation.id, s.assessmentId(), null, s.supplierOds(), s.euoOds(), escalation.level, escalation.reason,
                Gates.SELF));
    }

    private void reevaluate(ReviewCase reviewCase) {
        if (reviewCase.deploymentId == null) {
            gates.reevaluateAssessment(reviewCase.assessmentId);
        } else {
            gates.reevaluate(DeploymentRef.findById(reviewCase.deploymentId));
        }
    }

    private String areas(DecisionRules.Request request) {
        return request.areas() == null || request.areas().isEmpty() ? null : write(request.areas());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
