package io.tomassure.assessment.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.tomassure.assessment.domain.Deployment;
import io.tomassure.assessment.domain.Phase;
import io.tomassure.assessment.domain.Submission;
import io.tomassure.assessment.domain.SubmissionReadiness;
import io.tomassure.assessment.rest.SubmissionDtos.SubmissionSummary;
import io.tomassure.assessment.service.Access;
import io.tomassure.assessment.service.AssessmentDtos.AnswerRequest;
import io.tomassure.assessment.service.AssessmentDtos.CreateDeployment;
import io.tomassure.assessment.service.AssessmentDtos.DeploymentView;
import io.tomassure.assessment.service.AssessmentDtos.LocalContext;
import io.tomassure.assessment.service.AssessmentDtos.NonConformanceView;
import io.tomassure.assessment.service.AssessmentDtos.ResponseView;
import io.tomassure.assessment.service.Deployments;
import io.tomassure.assessment.service.Submissions;
import io.tomassure.assessment.service.Views;
import io.tomassure.assessment.workbook.AnswerImport;
import io.tomassure.support.concurrency.Preconditions;
import io.tomassure.support.paging.Page;
import io.tomassure.support.problem.ProblemException;
import io.tomassure.support.security.Roles;

@Path("/api/v1/deployments")
@Tag(name = "Deployments", description = "A product assessment deployed by an end-user organisation: local context, EUO rows, Phase 2")
public class DeploymentResource implements TomEndpoints {

    private final Access access;
    private final Deployments deployments;
    private final TomRequests tom;
    private final Submissions submissions;
    private final Views views;

    DeploymentResource(Access access, Deployments deployments, TomRequests tom, Submissions submissions, Views views) {
        this.access = access;
        this.deployments = deployments;
        this.tom = tom;
        this.submissions = submissions;
        this.views = views;
    }

    @POST
    @RolesAllowed(Roles.SUPPLIER)
    @Operation(summary = "Register a deployment", description = "By the product's supplier, naming the deploying "
            + "end-user organisation, which can then see the assessment and answer its own rows. The first deployment "
            + "of a product is its first of type; later ones reuse the product's answers and ask only for the EUO's "
            + "own rows and local context. The local context is the EUO's: it is not taken here (400).")
    public Response create(@Valid @NotNull CreateDeployment request) {
        if (request.context() != null) {
            throw ProblemException.invalid("context", "The local context is the deploying organisation's to give: it "
                    + "sets it with PUT /api/v1/deployments/{id}/context");
        }
        Deployment deployment = deployments.create(access.viewer(), access.username(), request.assessmentId(),
                request.euoOdsCode());
        return Response.created(URI.create("/api/v1/deployments/" + deployment.id))
                .header(HttpHeaders.ETAG, views.etag(deployment)).entity(views.deployment(deployment)).build();
    }

    @GET
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "List deployments", description = "An EUO's own, a supplier's products', all for NHS Digital. Keyset-paged: pass 'next' as 'after'.")
    public Page<DeploymentView> list(@QueryParam("after") UUID after, @QueryParam("limit") Integer limit) {
        return Page.fetch(limit, rows -> access.visibleDeployments(after, rows), d -> d.id.toString(), views::deployment);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "Get a deployment", description = "Local context, Phase 2 state, derived results over the product's "
            + "and the EUO's answers, and what is still outstanding before Phase 2 can be submitted. Its ETag moves with the "
            + "context, every answer and phase state of the deployment and of the product: If-Match for the context, "
            + "If-None-Match to revalidate (304).")
    public Response get(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        Deployment deployment = access.deployment(id);
        return Preconditions.read(ifNoneMatch, views.etag(deployment), () -> Response.ok(views.deployment(deployment)));
    }

    @PUT
    @Path("/{id}/context")
    @RolesAllowed(Roles.EUO)
    @Operation(summary = "Set the local context", description = "Topology, endpoints, local changes and whether other "
            + "organisations are affected: the EUO's alone. Held as submitted while Phase 2 is under review and once it "
            + "is approved (409 facts-locked). Requires If-Match.")
    public Response setContext(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull LocalContext context) {
        Deployment deployment = deployments.setContext(access.viewer(), access.username(), id, context, ifMatch);
        return get(deployment.id, null);
    }

    @Override
    @RolesAllowed(Roles.ANY)
    public List<ResponseView> responses(UUID id) {
        Deployment deployment = access.deployment(id);
        return Views.responses(deployment.assessmentId, deployment);
    }

    @Override
    @RolesAllowed(Roles.EUO)
    public Response answer(UUID id, String requirementId, String ifMatch, AnswerRequest request) {
        return tom.answer(null, id, requirementId, request, ifMatch);
    }

    @Override
    @RolesAllowed(Roles.EUO)
    public Response addEvidence(UUID id, String requirementId, EvidenceUpload upload, byte[] content) {
        return tom.evidence(null, id, requirementId, upload, content);
    }

    @Override
    @RolesAllowed(Roles.ANY)
    public List<NonConformanceView> nonConformances(UUID id) {
        return tom.register(null, id);
    }

    @POST
    @Path("/{id}/submissions")
    @RolesAllowed(Roles.EUO)
    @Operation(summary = "Submit Phase 2", description = "The EUO's evaluation, whatever the state of Phases 1A and 1B. "
            + "Refused with 422 and the list of what is missing; otherwise an immutable, hashed revision.")
    public Response submit(@PathParam("id") UUID id) {
        Submission submission = submissions.submitDeploymentPhase(access.viewer(), access.username(), id);
        return SubmissionResource.created(submission);
    }

    @GET
    @Path("/{id}/missing")
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "What Phase 2 still lacks", description = "The rows that a Phase 2 submission made now would "
            + "refuse (the same list as its 422), each with what is missing: an answer, a non-conformance's detail, or "
            + "required evidence in date. Empty when Phase 2 can be submitted.")
    public List<SubmissionReadiness.Missing> missing(@PathParam("id") UUID id) {
        Deployment deployment = access.deployment(id);
        return submissions.missing(access.assessmentOf(deployment.assessmentId), deployment, Phase.P2);
    }

    @Override
    @RolesAllowed(Roles.ANY)
    public List<SubmissionSummary> submissions(UUID id) {
        return Submissions.revisions(null, access.deployment(id)).stream().map(SubmissionSummary::of).toList();
    }

    @Override
    @RolesAllowed(Roles.EUO)
    public AnswerImport.Report importAnswers(UUID id, boolean dryRun, boolean replace, Long length, byte[] body) {
        return tom.importAnswers(null, id, length, body, dryRun, replace);
    }

    @Override
    @RolesAllowed(Roles.ANY)
    public Response exportWorkbook(UUID id) {
        return tom.export(null, id);
    }
}
