package io.tomassure.assessment.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.tomassure.assessment.domain.Assessment;
import io.tomassure.assessment.domain.Deployment;
import io.tomassure.assessment.domain.Organisation;
import io.tomassure.assessment.domain.Phase;
import io.tomassure.assessment.service.AssessmentDtos.LocalContext;
import io.tomassure.events.assessment.AssessmentEvents;
import io.tomassure.outbox.Outbox;
import io.tomassure.support.Ids;
import io.tomassure.support.concurrency.Preconditions;
import io.tomassure.support.problem.ProblemException;
import io.tomassure.support.security.Viewer;
import io.tomassure.support.time.TimeSource;

/**
 * Deployments of an assessed product by end-user organisations. The first is the "first of type"; later ones
 * reuse the product's answers and only add the EUO's own rows and local context.
 */
@ApplicationScoped
public class Deployments {

    private final Access access;
    private final Outbox outbox;
    private final TimeSource time;

    Deployments(Access access, Outbox outbox, TimeSource time) {
        this.access = access;
        this.outbox = outbox;
        this.time = time;
    }

    /**
     * Registered by the product's supplier, naming the deploying EUO: the supplier decides who receives its TOM,
     * and the EUO can see the assessment from then on.
     */
    @Transactional
    public Deployment create(Viewer viewer, String username, UUID assessmentId, String euoOds) {
        Assessment assessment = access.assessment(assessmentId);
        if (!viewer.isSupplierOf(assessment.supplierOds)) {
            throw ProblemException.forbidden("A deployment is registered by the product's supplier, naming the deploying organisation");
        }
        Organisation euo = Organisation.findById(euoOds);
        if (euo == null || !euo.is(Organisation.Kind.EUO)) {
            throw ProblemException.invalid("euoOdsCode", "'" + euoOds + "' is not a registered end-user organisation");
        }
        if (Deployment.count("assessmentId = ?1 and euoOds = ?2", assessment.id, euoOds) > 0) {
            throw ProblemException.conflict("duplicate", "Deployment exists",
                    euoOds + " already has a deployment of this assessment");
        }
        Deployment deployment = new Deployment();
        deployment.id = Ids.next();
        deployment.assessmentId = assessment.id;
        deployment.euoOds = euoOds;
        deployment.firstOfType = Deployment.count("assessmentId", assessment.id) == 0;
        apply(deployment, new LocalContext(null, List.of(), null, false)); // the EUO's to give, not the supplier's
        deployment.createdAt = time.now();
        deployment.persist();
        outbox.record(AssessmentEvents.DEPLOYMENT_CREATED, deployment.id.toString(), new AssessmentEvents.DeploymentCreated(
                deployment.id, assessment.id, assessment.supplierOds, euoOds, deployment.firstOfType,
                !deployment.firstOfType, username));
        return deployment;
    }

    @Transactional
    public Deployment setContext(Viewer viewer, String username, UUID id, LocalContext context, String ifMatch) {
        Deployment deployment = access.deployment(id);
        if (!viewer.isEuoOf(deployment.euoOds)) {
            throw ProblemException.forbidden("Only the deploying organisation changes its local context");
        }
        Assessment assessment = Assessment.findById(deployment.assessmentId);
        Preconditions.requireMatch(ifMatch, Views.etag(deployment, assessment));
        Answers.lockForChange(assessment, deployment);
        var phase2 = Phases.status(assessment.id, deployment.id, Phase.P2);
        if (phase2.isPresent() && Phases.holdsFacts(phase2.get().state)) {
            throw Phases.factsHeld("local context", Phase.P2, phase2.get());
        }
        apply(deployment, context);
        deployment.persistAndFlush();
        outbox.record(AssessmentEvents.UPDATED, id.toString(), new AssessmentEvents.AssessmentUpdated(assessment.id, id,
                assessment.supplierOds, deployment.euoOds, "context", null, username, null, null, null,
                new AssessmentEvents.LocalContextStated(deployment.topology, deployment.endpoints, deployment.localChanges,
                        deployment.affectsOtherOrganisations), null));
        return deployment;
    }

    private static void apply(Deployment deployment, LocalContext context) {
        deployment.topology = context.topology();
        deployment.endpoints = context.endpoints() == null ? List.of() : List.copyOf(context.endpoints());
        deployment.localChanges = context.localChanges();
        deployment.affectsOtherOrganisations = context.affectsOtherOrganisations();
    }
}
