package io.tomassure.approval.service;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Singleton;

import io.tomassure.approval.domain.AssessmentRef;
import io.tomassure.approval.domain.DeploymentRef;
import io.tomassure.approval.domain.ReviewCase;
import io.tomassure.support.security.Caller;
import io.tomassure.support.security.CallerAccess;
import io.tomassure.support.security.Viewer;

/** Loads what the caller may see; anything else is "not found", so other organisations' ids do not leak. */
@Singleton // stateless: the caller is the request-scoped Caller, resolved per call
public class Access extends CallerAccess {

    Access(Caller caller) {
        super(caller);
    }

    public ReviewCase reviewCase(UUID id) {
        return visible(ReviewCase.<ReviewCase>findById(id), this::canSee, "Review case " + id);
    }

    public boolean canSee(ReviewCase c) {
        Viewer viewer = viewer();
        if (c.deploymentId != null) {
            return viewer.canSeeDeployment(c.supplierOds, c.euoOds);
        }
        return viewer.canSeeAssessment(c.supplierOds, deployingEuos(c.assessmentId));
    }

    public DeploymentRef deployment(UUID id) {
        return visible(DeploymentRef.<DeploymentRef>findById(id),
                d -> viewer().canSeeDeployment(d.supplierOds, d.euoOds), "Deployment " + id);
    }

    public AssessmentRef assessment(UUID id) {
        return visible(AssessmentRef.<AssessmentRef>findById(id),
                a -> viewer().canSeeAssessment(a.supplierOds, deployingEuos(id)), "Assessment " + id);
    }

    private static List<String> deployingEuos(UUID assessmentId) {
        return DeploymentRef.<DeploymentRef>list("assessmentId", assessmentId).stream().map(d -> d.euoOds).toList();
    }
}
