package io.tomassure.assessment.service;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Singleton;

import io.quarkus.panache.common.Parameters;
import io.tomassure.assessment.domain.Assessment;
import io.tomassure.assessment.domain.Deployment;
import io.tomassure.assessment.domain.Evidence;
import io.tomassure.assessment.domain.Product;
import io.tomassure.assessment.domain.Response;
import io.tomassure.assessment.domain.Submission;
import io.tomassure.support.security.Caller;
import io.tomassure.support.security.CallerAccess;
import io.tomassure.support.security.Roles;
import io.tomassure.support.security.Viewer;

/**
 * Loads aggregates the caller may see. Anything else is "not found", not "forbidden", so that ids of other
 * organisations' objects do not leak.
 */
@Singleton // stateless: the caller is the request-scoped Caller, resolved per call
public class Access extends CallerAccess {

    /** The products the EUO {@code :euo} deploys a version of. */
    private static final String DEPLOYED_PRODUCT = "id in (select v.productId from ProductVersion v, Assessment a, "
            + "Deployment d where a.productVersionId = v.id and d.assessmentId = a.id and d.euoOds = :euo)";

    Access(Caller caller) {
        super(caller);
    }

    public Assessment assessment(UUID id) {
        return visible(Assessment.<Assessment>findById(id), a -> canSee(a, viewer()), "Assessment " + id);
    }

    public Deployment deployment(UUID id) {
        return visible(Deployment.<Deployment>findById(id), d -> canSee(d, viewer()), "Deployment " + id);
    }

    /** What a write addresses: the product's TOM ({@code deployment} null), or a deployment's with its assessment. */
    public record Target(Assessment assessment, Deployment deployment) {
        public UUID deploymentId() {
            return deployment == null ? null : deployment.id;
        }
    }

    /** The product's assessment ({@code deploymentId} null), or the deployment and its assessment, as the caller sees them. */
    public Target target(UUID assessmentId, UUID deploymentId) {
        if (deploymentId == null) {
            return new Target(assessment(assessmentId), null);
        }
        Deployment deployment = deployment(deploymentId);
        return new Target(assessmentOf(deployment.assessmentId), deployment);
    }

    /** The assessment behind something the caller already sees (a deployment, a revision). */
    public Assessment assessmentOf(UUID assessmentId) {
        return Assessment.findById(assessmentId);
    }

    /**
     * A piece of evidence of {@code assessment}: on the product, or on a deployment the caller sees (a deployment's
     * own is not for the other deploying organisations).
     */
    public Evidence evidence(Assessment assessment, UUID evidenceId) {
        return visible(Evidence.<Evidence>findById(evidenceId), evidence -> {
            Response response = Response.findById(evidence.responseId);
            return response != null && response.assessmentId.equals(assessment.id)
                    && (response.deploymentId == null || seesDeployment(response.deploymentId));
        }, "Evidence " + evidenceId);
    }

    /** Whether the caller sees the deployment (for objects inside one, refused in their own name). */
    public boolean seesDeployment(UUID id) {
        return canSee(Deployment.<Deployment>findById(id), viewer());
    }

    private static boolean canSee(Assessment assessment, Viewer viewer) {
        return assessment != null && (viewer.isCentral() || viewer.isSupplierOf(assessment.supplierOds)
                || viewer.canSeeAssessment(assessment.supplierOds, deployingEuos(assessment.id)));
    }

    private static boolean canSee(Deployment deployment, Viewer viewer) {
        return deployment != null && viewer.canSeeDeployment(
                Assessment.<Assessment>findById(deployment.assessmentId).supplierOds, deployment.euoOds);
    }

    /**
     * A submitted revision, for those who see its assessment (product phases) or its deployment (Phase 2). Refused
     * as "submission not found": naming the assessment or deployment behind it would tell what the caller cannot see.
     */
    public Submission submission(UUID id) {
        return visible(Submission.<Submission>findById(id), s -> s.deploymentId == null
                ? canSee(Assessment.<Assessment>findById(s.assessmentId), viewer())
                : canSee(Deployment.<Deployment>findById(s.deploymentId), viewer()), "Submission " + id);
    }

    /** A product: seen by NHS Digital, its supplier and the EUOs that deploy one of its versions. */
    public Product product(UUID id) {
        return visible(Product.<Product>findById(id), p -> viewer().isCentral() || viewer().isSupplierOf(p.supplierOds)
                || Product.count("id = :id and (" + DEPLOYED_PRODUCT + ")", Parameters.with("id", id)
                        .and("euo", viewer().organisationAs(Roles.EUO))) > 0, "Product " + id);
    }

    /** Up to {@code rows} of the products the caller may see, after the cursor. */
    public List<Product> visibleProducts(UUID after, int rows) {
        return Product.<Product>find(visibleQuery("id > :after", "supplierOds = :supplier or " + DEPLOYED_PRODUCT),
                parameters(after)).page(0, rows).list();
    }

    /** Up to {@code rows} of the assessments the caller may see, after the cursor. */
    public List<Assessment> visibleAssessments(UUID after, int rows) {
        return Assessment.<Assessment>find(visibleQuery("id > :after",
                "supplierOds = :supplier or id in (select d.assessmentId from Deployment d where d.euoOds = :euo)"),
                parameters(after)).page(0, rows).list();
    }

    /** Up to {@code rows} of the deployments the caller may see, after the cursor. */
    public List<Deployment> visibleDeployments(UUID after, int rows) {
        return Deployment.<Deployment>find(visibleQuery("id > :after",
                "euoOds = :euo or assessmentId in (select a.id from Assessment a where a.supplierOds = :supplier)"),
                parameters(after)).page(0, rows).list();
    }

    private String visibleQuery(String keyset, String ownership) {
        return keyset + (viewer().isCentral() ? "" : " and (" + ownership + ")") + " order by id";
    }

    private Parameters parameters(UUID after) {
        Viewer viewer = viewer();
        Parameters parameters = Parameters.with("after", after == null ? new UUID(0, 0) : after);
        if (!viewer.isCentral()) {
            parameters.and("supplier", viewer.organisationAs(Roles.SUPPLIER)).and("euo", viewer.organisationAs(Roles.EUO));
        }
        return parameters;
    }

    private static List<String> deployingEuos(UUID assessmentId) {
        return Deployment.<Deployment>list("assessmentId", assessmentId).stream().map(d -> d.euoOds).toList();
    }
}
