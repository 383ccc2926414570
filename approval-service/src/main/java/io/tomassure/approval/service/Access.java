package io.tomassure.approval.service;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import io.tomassure.approval.domain.AssessmentRef;
import io.tomassure.approval.domain.DeploymentRef;
import io.tomassure.approval.domain.ReviewCase;
import io.tomassure.support.problem.ProblemException;
import io.tomassure.support.security.Caller;
import io.tomassure.support.security.Viewer;

/** Loads what the caller may see; anything else is "not found", so other organisations' ids do not leak. */
@RequestScoped
public class Access {

    private final Caller caller;

    Access(Caller caller) {
        this.caller = caller;
    }

    public Viewer viewer() {
        return caller.viewer();
    }

    public String username() {
        return caller.username();
    }

    public ReviewCase reviewCase(UUID id) {
        ReviewCase reviewCase = ReviewCase.findById(id);
        if (reviewCase == null || !canSee(reviewCase)) {
            throw ProblemException.notFound("Review case " + id);
        }
        return reviewCase;
    }

    public boolean canSee(ReviewCase c) {
        Viewer viewer = viewer();
        if (c.deploymentId != null) {
            return viewer.canSeeDeployment(c.supplierOds, c.euoOds);
        }
        return viewer.canSeeAssessment(c.supplierOds, DeploymentRef.<DeploymentRef>list("assessmentId", c.assessmentId)
                .stream().map(d -> d.euoOds).toList());
    }

    public DeploymentRef deployment(UUID id) {
        DeploymentRef deployment = DeploymentRef.findById(id);
        if (deployment == null || !viewer().canSeeDeployment(deployment.supplierOds, deployment.euoOds)) {
            throw ProblemException.notFound("Deployment " + id);
        }
        return deployment;
    }

    public AssessmentRef assessment(UUID id) {
        AssessmentRef assessment = AssessmentRef.findById(id);
        if (assessment == null || !viewer().canSeeAssessment(assessment.supplierOds,
                DeploymentRef.<DeploymentRef>list("assessmentId", id).stream().map(d -> d.euoOds).toList())) {
            throw ProblemException.notFound("Assessment " + id);
        }
        return assessment;
    }
}
