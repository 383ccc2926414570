package io.tomassure.approval.service;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.tomassure.support.Ids;
import io.tomassure.approval.domain.Agreement;
import io.tomassure.approval.config.ApprovalConfig;
import io.tomassure.approval.domain.AgreementKind;
import io.tomassure.approval.domain.AgreementTerms;
import io.tomassure.approval.domain.AssessmentRef;
import io.tomassure.approval.domain.DeploymentRef;
import io.tomassure.approval.domain.Escalation;
import io.tomassure.approval.domain.NcAcceptance;
import io.tomassure.approval.domain.NcReview;
import io.tomassure.approval.domain.PhaseCondition;
import io.tomassure.approval.domain.ReviewCase;
import io.tomassure.approval.domain.SignOff;
import io.tomassure.events.approval.ApprovalEvents;
import io.tomassure.outbox.Outbox;
import io.tomassure.support.problem.ProblemException;
import io.tomassure.support.security.Roles;
import io.tomassure.support.security.Viewer;
import io.tomassure.support.time.TimeSource;

/**
 * What must hold before go-live besides the decisions: conditions discharged, non-conformances reviewed and
 * accepted, agreements signed, sign-offs recorded, escalations resolved. Each is recorded by the party whose
 * signature it is, published, and re-evaluates the gates it touches in the same transaction.
 */
@ApplicationScoped
public class Obligations {

    /** Details of a signed agreement. */
    public record Signature(String signatory, String signatoryRole, LocalDate signedOn, String documentVersion,
            LocalDate expiresOn) {
    }

    private final Outbox outbox;
    private final Gates gates;
    private final TimeSource time;
    private final AgreementTerms terms;

    Obligations(Outbox outbox, Gates gates, TimeSource time, ApprovalConfig config) {
        this.outbox = outbox;
        this.gates = gates;
        this.time = time;
        this.terms = config.agreements().terms();
    }

    @Transactional
    public PhaseCondition discharge(UUID conditionId, String evidence, String by) {
        PhaseCondition condition = PhaseCondition.findById(conditionId);
        if (condition == null) {
            throw ProblemException.notFound("Condition " + conditionId);
        }
        // A conditional update: of two concurrent discharges, exactly one wins.
        if (PhaseCondition.update("dischargedAt = ?1, dischargedBy = ?2, evidence = ?3 where id = ?4 and dischargedAt is null",
                time.now(), by, evidence, conditionId) == 0) {
            throw ProblemException.conflict("already-discharged", "Already discharged",
                    "Condition '" + condition.description + "' was discharged already");
        }
        PhaseCondition.getEntityManager().refresh(condition);
        outbox.record(ApprovalEvents.CONDITION_DISCHARGED, condition.caseId.toString(), new ApprovalEvents.ConditionDischarged(
                condition.id, condition.caseId, condition.assessmentId, ReviewCase.<ReviewCase>findById(condition.caseId).supplierOds,
                condition.description, evidence, by));
        gates.reevaluateAssessment(condition.assessmentId);
        return condition;
    }

    /** NHS Digital's central review of a reported non-conformance: ACKNOWLEDGED or REFUSED. */
    @Transactional
    public NcReview review(AssessmentRef assessment, String requirementId, boolean refused, String comment, String by) {
        requireReported(assessment.assessmentId, null, requirementId, true);
        NcReview review = NcReview.<NcReview>find("assessmentId = ?1 and requirementId = ?2", assessment.assessmentId,
                requirementId).firstResult();
        if (review == null) {
            review = new NcReview();
            review.id = Ids.next();
            review.assessmentId = assessment.assessmentId;
            review.requirementId = requirementId;
        }
        review.review = refused ? "REFUSED" : "ACKNOWLEDGED";
        review.comment = comment;
        review.reviewedBy = by;
        review.reviewedAt = time.now();
        review.persist();
        outbox.record(ApprovalEvents.NON_CONFORMANCE_REVIEWED, assessment.assessmentId.toString(),
                new ApprovalEvents.NonConformanceReviewed(assessment.assessmentId, assessment.supplierOds, requirementId,
                        review.review, comment, by));
        gates.reevaluateAssessment(assessment.assessmentId);
        return review;
    }

    /** The EUO accepts a non-conformance's risk, with its mitigation, for its deployment. */
    @Transactional
    public NcAcceptance accept(Viewer viewer, DeploymentRef deployment, String requirementId, String comment, String by) {
        if (!viewer.isEuoOf(deployment.euoOds)) {
            throw ProblemException.forbidden("Risks are accepted by the deploying organisation");
        }
        requireReported(deployment.assessmentId, deployment.deploymentId, requirementId, false);
        NcAcceptance acceptance = NcAcceptance.<NcAcceptance>find("deploymentId = ?1 and requirementId = ?2",
                deployment.deploymentId, requirementId).firstResult();
        if (acceptance != null) {
            return acceptance;
        }
        acceptance = new NcAcceptance();
        acceptance.id = Ids.next();
        acceptance.deploymentId = deployment.deploymentId;
        acceptance.requirementId = requirementId;
        acceptance.comment = comment;
        acceptance.acceptedBy = by;
        acceptance.acceptedAt = time.now();
        acceptance.persist();
        outbox.record(ApprovalEvents.RISK_ACCEPTED, deployment.deploymentId.toString(), new ApprovalEvents.RiskAccepted(
                deployment.deploymentId, deployment.assessmentId, deployment.supplierOds, deployment.euoOds, requirementId,
                comment, by));
        gates.reevaluate(deployment);
        return acceptance;
    }

    /** The supplier signs the Connection Agreement for its product. */
    @Transactional
    public Agreement signForProduct(Viewer viewer, UUID productId, Signature signature, String by) {
        AssessmentRef assessment = AssessmentRef.<AssessmentRef>find("productId", productId).firstResult();
        if (assessment == null || !viewer.isSupplierOf(assessment.supplierOds)) {
            throw ProblemException.notFound("Product " + productId);
        }
        Agreement agreement = agreement(AgreementKind.CONNECTION_AGREEMENT, assessment.programme, assessment.supplierOds,
                signature, by);
        agreement.productId = productId;
        agreement.persist();
        publish(agreement, assessment.supplierOds);
        gates.reevaluateProduct(productId);
        return agreement;
    }

    /** The EUO signs the End User Policy, and a DSA or DSFC when a Phase 1A condition asks for them. */
    @Transactional
    public Agreement signForDeployment(Viewer viewer, DeploymentRef deployment, AgreementKind kind, Signature signature,
            String by) {
        if (kind.perProduct()) {
            throw ProblemException.invalid("kind", kind.title() + " is signed by the supplier, for its product");
        }
        if (!viewer.isEuoOf(deployment.euoOds)) {
            throw ProblemException.forbidden("Deployment agreements are signed by the deploying organisation");
        }
        AssessmentRef assessment = AssessmentRef.findById(deployment.assessmentId);
        Agreement agreement = agreement(kind, assessment == null ? null : assessment.programme, deployment.euoOds, signature,
                by);
        agreement.deploymentId = deployment.deploymentId;
        agreement.persist();
        publish(agreement, deployment.supplierOds);
        gates.reevaluate(deployment);
        return agreement;
    }

    /** A required sign-off, by the role whose signature it is. */
    @Transactional
    public SignOff signOff(Viewer viewer, DeploymentRef deployment, String kind, String by) {
        String role = SignOffs.recorderRole(kind);
        boolean allowed = Roles.EUO.equals(role) ? viewer.isEuoOf(deployment.euoOds) : viewer.roles().contains(role);
        if (!allowed) {
            throw ProblemException.forbidden("The " + kind + " sign-off is recorded by the " + role + " role"
                    + (Roles.EUO.equals(role) ? " of the deploying organisation" : ""));
        }
        SignOff signOff = SignOff.<SignOff>find("deploymentId = ?1 and kind = ?2", deployment.deploymentId, kind).firstResult();
        if (signOff != null) {
            return signOff;
        }
        signOff = new SignOff();
        signOff.id = Ids.next();
        signOff.deploymentId = deployment.deploymentId;
        signOff.kind = kind;
        signOff.signedBy = by;
        signOff.signedAt = time.now();
        signOff.persist();
        outbox.record(ApprovalEvents.SIGN_OFF_RECORDED, deployment.deploymentId.toString(),
                new ApprovalEvents.SignOffRecorded(deployment.deploymentId, deployment.supplierOds, deployment.euoOds, kind, by));
        gates.reevaluate(deployment);
        return signOff;
    }

    @Transactional
    public Escalation resolve(UUID escalationId, String resolution, String by) {
        Escalation escalation = Escalation.findById(escalationId);
        if (escalation == null) {
            throw ProblemException.notFound("Escalation " + escalationId);
        }
        if (Escalation.update("resolvedAt = ?1, resolvedBy = ?2, resolution = ?3 where id = ?4 and resolvedAt is null",
                time.now(), by, resolution, escalationId) == 0) {
            throw ProblemException.conflict("already-resolved", "Already resolved", "Escalation " + escalationId
                    + " was resolved already");
        }
        Escalation.getEntityManager().refresh(escalation);
        outbox.record(ApprovalEvents.ESCALATION_RESOLVED, (escalation.deploymentId == null ? escalation.assessmentId
                : escalation.deploymentId).toString(), new ApprovalEvents.EscalationResolved(escalation.id,
                        escalation.assessmentId, escalation.deploymentId, supplierOf(escalation.assessmentId), resolution, by));
        if (escalation.deploymentId == null) {
            gates.reevaluateAssessment(escalation.assessmentId);
        } else {
            gates.reevaluate(DeploymentRef.findById(escalation.deploymentId));
        }
        return escalation;
    }

    /**
     * Only non-conformances that a submitted revision reported can be reviewed or accepted: centrally, any of the
     * assessment's revisions (product or deployment); locally, the product's and that deployment's.
     */
    private static void requireReported(UUID assessmentId, UUID deploymentId, String requirementId, boolean central) {
        boolean reported = ReviewCase.<ReviewCase>list("assessmentId = ?1", assessmentId).stream()
                .filter(c -> central || c.deploymentId == null || c.deploymentId.equals(deploymentId))
                .anyMatch(c -> c.nonConformances.contains(requirementId));
        if (!reported) {
            throw ProblemException.notFound("Non-conformance " + requirementId + " in a submitted revision");
        }
    }

    private static String supplierOf(UUID assessmentId) {
        AssessmentRef assessment = AssessmentRef.findById(assessmentId);
        return assessment == null ? null : assessment.supplierOds;
    }

    private Agreement agreement(AgreementKind kind, String programme, String organisation, Signature signature, String by) {
        terms.check(kind, programme, signature.signedOn(), signature.expiresOn(), time.today()).ifPresent(refusal -> {
            throw ProblemException.invalid(refusal.field(), refusal.reason());
        });
        Agreement agreement = new Agreement();
        agreement.id = Ids.next();
        agreement.kind = kind.name();
        agreement.organisation = organisation;
        agreement.signatory = signature.signatory();
        agreement.signatoryRole = signature.signatoryRole();
        agreement.signedOn = signature.signedOn();
        agreement.documentVersion = signature.documentVersion();
        agreement.expiresOn = signature.expiresOn();
        agreement.recordedBy = by;
        agreement.recordedAt = time.now();
        return agreement;
    }

    private void publish(Agreement a, String supplierOds) {
        outbox.record(ApprovalEvents.AGREEMENT_SIGNED, (a.deploymentId != null ? a.deploymentId : a.productId).toString(),
                new ApprovalEvents.AgreementSigned(a.id, a.kind, a.productId, a.deploymentId, a.organisation, supplierOds,
                        a.signatory,
                        a.signatoryRole, a.signedOn, a.documentVersion, a.expiresOn, a.recordedBy));
    }
}
