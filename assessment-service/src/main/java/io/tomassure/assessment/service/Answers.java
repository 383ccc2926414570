package io.tomassure.assessment.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.tomassure.assessment.domain.Answer;
import io.tomassure.assessment.domain.Assessment;
import io.tomassure.assessment.domain.Deployment;
import io.tomassure.assessment.domain.NonConformance;
import io.tomassure.assessment.domain.OutOfScope;
import io.tomassure.assessment.domain.Party;
import io.tomassure.assessment.domain.Phase;
import io.tomassure.assessment.domain.Requirement;
import io.tomassure.assessment.domain.Response;
import io.tomassure.assessment.domain.Scope;
import io.tomassure.assessment.repository.AnswerStore;
import io.tomassure.assessment.service.AssessmentDtos.AnswerRequest;
import io.tomassure.assessment.service.AssessmentDtos.NonConformanceDetails;
import io.tomassure.events.assessment.AssessmentEvents;
import io.tomassure.outbox.Outbox;
import io.tomassure.support.Ids;
import io.tomassure.support.concurrency.Preconditions;
import io.tomassure.support.problem.Problem;
import io.tomassure.support.problem.ProblemException;
import io.tomassure.support.security.Viewer;
import io.tomassure.support.time.TimeSource;

/**
 * Writing and reading answers, for the product (no deployment) or a deployment. Only the party that owns a
 * row answers it; a row under review is locked; every change is an event.
 */
@ApplicationScoped
public class Answers {

    private final Access access;
    private final Catalogue catalogue;
    private final AnswerStore answerStore;
    private final Outbox outbox;
    private final TimeSource time;

    Answers(Access access, Catalogue catalogue, AnswerStore answerStore, Outbox outbox, TimeSource time) {
        this.access = access;
        this.catalogue = catalogue;
        this.answerStore = answerStore;
        this.outbox = outbox;
        this.time = time;
    }

    /** The responses stored for the product ({@code deployment} null) or for one deployment, by requirement id. */
    public static Map<String, Response> responses(UUID assessmentId, UUID deploymentId) {
        List<Response> rows = deploymentId == null
                ? Response.list("assessmentId = ?1 and deploymentId is null", assessmentId)
                : Response.list("assessmentId = ?1 and deploymentId = ?2", assessmentId, deploymentId);
        Map<String, Response> byRef = new LinkedHashMap<>();
        rows.forEach(r -> byRef.put(r.requirementRef, r));
        return byRef;
    }

    /** The responses in force: the product's, and for a deployment its own on top. */
    public static Map<String, Response> responsesInForce(UUID assessmentId, UUID deploymentId) {
        Map<String, Response> stored = responses(assessmentId, null);
        if (deploymentId != null) {
            stored.putAll(responses(assessmentId, deploymentId));
        }
        return stored;
    }

    /** An answer as its event states it: what a replay of the audit log needs to know of it. */
    public static AssessmentEvents.ResponseStated stated(Response r) {
        return new AssessmentEvents.ResponseStated(r.answer, r.implementationRef, r.notes, r.testRef, r.ncDetail,
                r.ncMitigation, r.ncRisk, r.reattest);
    }

    /** The answers in force, as the rules see them. */
    public static Map<String, Answer> inForce(UUID assessmentId, UUID deploymentId) {
        Map<String, Answer> answers = new LinkedHashMap<>();
        responsesInForce(assessmentId, deploymentId).forEach((ref, r) -> answers.put(ref, r.toAnswer()));
        return answers;
    }

    public static Requirement row(List<Requirement> rules, String ref) {
        return rules.stream().filter(r -> r.id().equals(ref)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Requirement '" + ref + "' of this assessment's template"));
    }

    /** Answers a row of the product ({@code deploymentId} null) or of a deployment, as the party that owns it. */
    @Transactional
    public Response answer(Viewer viewer, String username, UUID assessmentId, UUID deploymentId, String ref,
            AnswerRequest request, String ifMatch) {
        Access.Target target = access.target(assessmentId, deploymentId);
        Requirement row = catalogue.requirement(target.assessment(), ref);
        return answer(viewer, username, target.assessment(), target.deployment(), row, request, ifMatch);
    }

    /** As above, for a caller already in a transaction with the TOM loaded (a workbook import). */
    public Response answer(Viewer viewer, String username, Assessment assessment, Deployment deployment,
            Requirement row, AnswerRequest request, String ifMatch) {
        requireAnswerer(viewer, assessment, deployment, row);
        String answer = row.canonicalAnswer(request.answer()).orElseThrow(() -> notAllowed(row));
        lockForChange(assessment, deployment);
        UUID deploymentId = deployment == null ? null : deployment.id;
        Response response = new Response();
        response.id = Ids.next();
        response.assessmentId = assessment.id;
        response.deploymentId = deploymentId;
        response.requirementRef = row.id();
        response.answer = answer;
        response.implementationRef = request.implementationRef();
        response.notes = request.notes();
        response.testRef = request.testRef();
        NonConformanceDetails nc = request.nonConformance();
        boolean nonConformance = NonConformance.is(row, new Answer(row.id(), answer, null, null, null));
        boolean claimedOutOfScope = OutOfScope.claimed(row, new Answer(row.id(), answer, null, null, null));
        response.ncDetail = (nonConformance || claimedOutOfScope) && nc != null ? nc.detail() : null; // its justification
        response.ncMitigation = nonConformance && nc != null ? nc.mitigation() : null;
        response.ncRisk = nonConformance && nc != null && nc.risk() != null ? nc.risk().name() : null;
        response.reattest = false; // stated again by its answerer: confirmed
        response.updatedBy = username;
        response.updatedAt = time.now();
        store(response, assessment, deployment, row, ifMatch);

        String euoOds = deployment == null ? null : deployment.euoOds;
        String subject = (deployment == null ? assessment.id : deployment.id).toString();
        outbox.record(AssessmentEvents.UPDATED, subject, new AssessmentEvents.AssessmentUpdated(assessment.id,
                deploymentId, assessment.supplierOds, euoOds, "response", row.id(), username, stated(response), null, null,
                null, null));
        if (nonConformance) {
            outbox.record(AssessmentEvents.NON_CONFORMANCE_REPORTED, subject, new AssessmentEvents.NonConformanceReported(
                    assessment.id, deploymentId, assessment.supplierOds, euoOds, row.id(),
                    row.level() == null ? null : row.level().name(), answer, response.ncDetail, response.ncMitigation,
                    response.ncRisk, row.phases().stream().map(Phase::label).sorted().toList(), username));
        }
        return response;
    }

    /**
     * Writes the answer in one statement guarded by what would refuse it. Only when that statement writes nothing
     * are the reasons looked up, to refuse with the right one; an If-Match that names the stored version in a form
     * the guard does not compare (a list of tags) is settled here and the answer written at that version.
     */
    private void store(Response response, Assessment assessment, Deployment deployment, Requirement row, String ifMatch) {
        List<String> locking = lockingPhases(row, deployment != null).stream().map(Phase::label).toList();
        if (answerStore.write(response, Preconditions.anyVersion(ifMatch), Preconditions.quotedVersion(ifMatch), locking)
                .isPresent()) {
            return;
        }
        requireEditable(assessment, deployment, row);
        long stored = existing(assessment.id, response.deploymentId, row.id()).orElseThrow(
                () -> new IllegalStateException("the answer to " + row.id() + " was neither written nor refused")).version;
        Preconditions.requireMatch(ifMatch, stored);
        answerStore.write(response, false, stored, locking).orElseThrow(() -> new IllegalStateException(
                "the answer to " + row.id() + " at its version " + stored + " was not written"));
    }

    /** The refusal of an answer the row does not take. */
    public static ProblemException notAllowed(Requirement row) {
        return row.answerKind().hasList()
                ? ProblemException.invalid("Row " + row.id() + " allows only: " + String.join(", ", row.allowedAnswers()),
                        List.of(new Problem.FieldError("answer", "must be one of " + row.allowedAnswers())))
                : ProblemException.invalid("Row " + row.id() + " takes a free-text answer, which cannot be blank",
                        List.of(new Problem.FieldError("answer", "must not be blank")));
    }

    public static Optional<Response> existing(UUID assessmentId, UUID deploymentId, String ref) {
        return deploymentId == null
                ? Response.find("assessmentId = ?1 and deploymentId is null and requirementRef = ?2", assessmentId, ref)
                        .firstResultOptional()
                : Response.find("assessmentId = ?1 and deploymentId = ?2 and requirementRef = ?3", assessmentId,
                        deploymentId, ref).firstResultOptional();
    }

    /** Only the owning party answers a row, and where it belongs: the product, or the EUO's deployment. */
    public static void requireAnswerer(Viewer viewer, Assessment assessment, Deployment deployment, Requirement row) {
        String euoOds = deployment == null ? null : deployment.euoOds;
        if (!row.answeredBy().answerableBy(viewer, assessment.supplierOds, euoOds)) {
            throw new ProblemException(Problem.of(403, "wrong-party", "Not your row",
                    "Row " + row.id() + " is answered by " + partyName(row.answeredBy())
                            + (row.answeredBy() == Party.EUO && deployment == null ? ", in its deployment" : "")));
        }
        if (deployment != null && row.answeredBy() != Party.EUO) {
            throw ProblemException.conflict("product-row", "Answered for the product",
                    "Row " + row.id() + " belongs to the product assessment; it is answered there, once for every deployment");
        }
    }

    /**
     * Serialises changes and submissions of one product (or one deployment): a submission then freezes exactly
     * the answers that were in force, and two submissions of one phase cannot both take the next revision. The lock
     * is taken by bumping the answers' revision (one statement), which tells {@link Views} that the results it
     * derived from them are out of date and moves the ETag.
     */
    public static void lockForChange(Assessment assessment, Deployment deployment) {
        if (deployment == null) {
            assessment.answersRevision = revise(assessment.id, null);
        } else {
            deployment.answersRevision = revise(assessment.id, deployment.id);
        }
    }

    /**
     * Moves on the revision of the product's answers ({@code deploymentId} null) or of one deployment's, locking
     * its row until commit; returns the new revision.
     */
    public static long revise(UUID assessmentId, UUID deploymentId) {
        return ((Number) Response.getEntityManager().createNativeQuery(deploymentId == null
                ? "update assessment set answers_revision = answers_revision + 1 where id = ?1 returning answers_revision"
                : "update deployment set answers_revision = answers_revision + 1 where id = ?1 returning answers_revision")
                .setParameter(1, deploymentId == null ? assessmentId : deploymentId).getSingleResult()).longValue();
    }

    /**
     * The phases whose review locks a row: the product's phases it belongs to, or Phase 2 for a deployment's. A row
     * not part of the revision under review (NHS Digital's own) has none.
     */
    static List<Phase> lockingPhases(Requirement row, boolean ofDeployment) {
        if (!(ofDeployment ? Scope.DEPLOYMENT : Scope.PRODUCT).carries(row)) {
            return List.of();
        }
        return ofDeployment ? List.of(Phase.P2) : row.phases().stream().filter(Phase::isProductPhase).sorted().toList();
    }

    /** A row whose phase is under review is locked until the decision (a return makes it editable again). */
    public static void requireEditable(Assessment assessment, Deployment deployment, Requirement row) {
        UUID deploymentId = deployment == null ? null : deployment.id;
        lockingPhases(row, deployment != null).stream().filter(phase -> underReview(assessment.id, deploymentId, phase))
                .findFirst().ifPresent(phase -> {
                    throw ProblemException.conflict("phase-under-review", "Under review", "Row " + row.id()
                            + " is part of Phase " + phase.label()
                            + ", which is under review; it can change again once the phase is decided or returned");
                });
    }

    private static boolean underReview(UUID assessmentId, UUID deploymentId, Phase phase) {
        return Phases.status(assessmentId, deploymentId, phase).map(s -> Phases.State.SUBMITTED.name().equals(s.state))
                .orElse(false);
    }

    private static String partyName(Party party) {
        return switch (party) {
            case SUPPLIER -> "the supplier";
            case EUO -> "the end-user organisation";
            case NHS_DIGITAL -> "NHS Digital";
        };
    }
}
