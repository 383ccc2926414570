package io.tomassure.assessment.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import io.tomassure.assessment.domain.Assessment;
import io.tomassure.assessment.domain.Deployment;
import io.tomassure.assessment.domain.Viewer;
import io.tomassure.support.problem.ProblemException;
import io.tomassure.support.security.Caller;

/**
 * Loads aggregates the caller may see. Anything else is "not found", not "forbidden", so that ids of other
 * organisations' objects do not leak.
 */
@RequestScoped
public class Access {

    private final Caller caller;

    Access(Caller caller) {
        this.caller = caller;
    }

    public Viewer viewer() {
        return new Viewer(caller.organisation().orElse(null), caller.roles());
    }

    public String username() {
        return caller.username();
    }

    /** The caller's organisation, required for acting on its behalf. */
    public String organisation() {
        return caller.organisation().orElseThrow(() -> ProblemException.forbidden(
                "Your token carries no organisation (claim 'org'): you cannot act for one"));
    }

    public Assessment assessment(UUID id) {
        Assessment assessment = Assessment.findById(id);
        Viewer viewer = viewer();
        if (assessment == null || !(viewer.isCentral() || viewer.isSupplierOf(assessment.supplierOds)
                || viewer.canSeeAssessment(assessment.supplierOds, deployingEuos(id)))) {
            throw ProblemException.notFound("Assessment " + id);
        }
        return assessment;
    }

    public Deployment deployment(UUID id) {
        Deployment deployment = Deployment.findById(id);
        if (deployment == null) {
            throw ProblemException.notFound("Deployment " + id);
        }
        Assessment assessment = Assessment.findById(deployment.assessmentId);
        if (!viewer().canSeeDeployment(assessment.supplierOds, deployment.euoOds)) {
            throw ProblemException.notFound("Deployment " + id);
        }
        return deployment;
    }

    private static List<String> deployingEuos(UUID assessmentId) {
        return Deployment.<Deployment>list("assessmentId", assessmentId).stream().map(d -> d.euoOds).toList();
    }
}
