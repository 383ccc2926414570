package io.tomassure.assessment.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.panache.common.Parameters;

import io.tomassure.assessment.domain.Assessment;
import io.tomassure.assessment.domain.Deployment;
import io.tomassure.assessment.domain.Product;
import io.tomassure.assessment.domain.Submission;
import io.tomassure.support.security.Viewer;
import io.tomassure.support.problem.ProblemException;
import io.tomassure.support.security.Caller;
import io.tomassure.support.security.Roles;

/**
 * Loads aggregates the caller may see. Anything else is "not found", not "forbidden", so that ids of other
 * organisations' objects do not leak.
 */
@RequestScoped
public class Access {

    /** The products the EUO {@code :euo} deploys a version of. */
    private static final String DEPLOYED_PRODUCT = "id in (select v.productId from ProductVersion v, Assessment a, "
            + "Deployment d where a.productVersionId = v.id and d.assessmentId = a.id and d.euoOds = :euo)";

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

    /** The caller's organisation, required for acting on its behalf. */
    public String organisation() {
        return caller.organisation().orElseThrow(() -> ProblemException.forbidden(
                "Your token carries no organisation (claim 'org'): you cannot act for one"));
    }

    public Assessment assessment(UUID id) {
        Assessment assessment = Assessment.findById(id);
        if (!canSee(assessment, viewer())) {
            throw ProblemException.notFound("Assessment " + id);
        }
        return assessment;
    }

    public Deployment deployment(UUID id) {
        Deployment deployment = Deployment.findById(id);
        if (!canSee(deployment, viewer())) {
            throw ProblemException.notFound("Deployment " + id);
        }
        return deployment;
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
        Submission submission = Submission.findById(id);
        Viewer viewer = viewer();
        boolean visible = submission != null && (submission.deploymentId == null
                ? canSee(Assessment.<Assessment>findById(submission.assessmentId), viewer)
                : canSee(Deployment.<Deployment>findById(submission.deploymentId), viewer));
        if (!visible) {
            throw ProblemException.notFound("Submission " + id);
        }
        return submission;
    }

    /** A product: seen by NHS Digital, its supplier and the EUOs that deploy one of its versions. */
    public Product product(UUID id) {
        Product product = Product.findById(id);
        if (product == null || !(viewer().isCentral() || viewer().isSupplierOf(product.supplierOds)
                || Product.count("id = :id and (" + DEPLOYED_PRODUCT + ")", Parameters.with("id", id)
                        .and("euo", viewer().organisationAs(Roles.EUO))) > 0)) {
            throw ProblemException.notFound("Product " + id);
        }
        return product;
    }

    /** A keyset page (plus one row) of the products the caller may see. */
    public List<Product> visibleProducts(UUID after, int limit) {
        return Product.<Product>find(visible("id > :after", "supplierOds = :supplier or " + DEPLOYED_PRODUCT),
                parameters(after)).page(0, limit + 1).list();
    }

    /** A keyset page (plus one row, to tell whether there is more) of the assessments the caller may see. */
    public List<Assessment> visibleAssessments(UUID after, int limit) {
        return Assessment.<Assessment>find(visible("id > :after",
                "supplierOds = :supplier or id in (select d.assessmentId from Deployment d where d.euoOds = :euo)"),
                parameters(after)).page(0, limit + 1).list();
    }

    /** A keyset page (plus one row) of the deployments the caller may see. */
    public List<Deployment> visibleDeployments(UUID after, int limit) {
        return Deployment.<Deployment>find(visible("id > :after",
                "euoOds = :euo or assessmentId in (select a.id from Assessment a where a.supplierOds = :supplier)"),
                parameters(after)).page(0, limit + 1).list();
    }

    private String visible(String keyset, String ownership) {
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
