package io.tomassure.approval.service;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Singleton;

import io.quarkus.panache.common.Parameters;
import io.tomassure.approval.domain.AssessmentRef;
import io.tomassure.approval.domain.DeploymentRef;
import io.tomassure.approval.domain.ReviewCase;
import io.tomassure.support.security.Caller;
import io.tomassure.support.security.CallerAccess;
import io.tomassure.support.security.Roles;
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

    /** The optional filters of the case list; null is "any". */
    public record CaseFilter(String state, String phase, UUID assessment, UUID submission) {
    }

    /**
     * Up to {@code rows} of the cases the caller may see after the cursor, in opening order: an EUO's include its
     * deployments' Phase 2 and the product phases of the assessments it deploys.
     */
    public List<ReviewCase> visibleCases(CaseFilter filter, UUID after, int rows) {
        StringBuilder query = new StringBuilder("id > :after");
        Parameters parameters = Parameters.with("after", after == null ? new UUID(0, 0) : after);
        where(query, parameters, "state", filter.state());
        where(query, parameters, "phase", filter.phase());
        where(query, parameters, "assessmentId", filter.assessment());
        where(query, parameters, "submissionId", filter.submission());
        Viewer viewer = viewer();
        if (!viewer.isCentral()) {
            query.append(" and (supplierOds = :supplier or euoOds = :euo or (deploymentId is null and assessmentId in "
                    + "(select d.assessmentId from DeploymentRef d where d.euoOds = :euo)))");
            parameters.and("supplier", viewer.organisationAs(Roles.SUPPLIER)).and("euo", viewer.organisationAs(Roles.EUO));
        }
        return ReviewCase.<ReviewCase>find(query + " order by id", parameters).page(0, rows).list();
    }

    private static void where(StringBuilder query, Parameters parameters, String field, Object value) {
        if (value != null) {
            query.append(" and ").append(field).append(" = :").append(field);
            parameters.and(field, value);
        }
    }

    private static List<String> deployingEuos(UUID assessmentId) {
        return DeploymentRef.<DeploymentRef>list("assessmentId", assessmentId).stream().map(d -> d.euoOds).toList();
    }
}
