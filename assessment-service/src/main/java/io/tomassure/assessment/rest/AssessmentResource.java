package io.tomassure.assessment.rest;

import java.net.URI;
import java.time.Instant;
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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.tomassure.assessment.service.OscalExports;
import io.tomassure.assessment.service.Replays;
import io.tomassure.assessment.domain.Assessment;
import io.tomassure.assessment.domain.Phase;
import io.tomassure.assessment.domain.Product;
import io.tomassure.assessment.domain.Submission;
import io.tomassure.assessment.domain.SubmissionReadiness;
import io.tomassure.assessment.rest.SubmissionDtos.SubmissionSummary;
import io.tomassure.assessment.rest.SubmissionDtos.SubmitPhase;
import io.tomassure.assessment.service.Access;
import io.tomassure.assessment.service.Answers;
import io.tomassure.assessment.service.AssessmentDtos.AnswerRequest;
import io.tomassure.assessment.service.AssessmentDtos.AssessmentSummary;
import io.tomassure.assessment.service.AssessmentDtos.AssessmentView;
import io.tomassure.assessment.service.AssessmentDtos.Replayed;
import io.tomassure.assessment.service.AssessmentDtos.CreateAssessment;
import io.tomassure.assessment.service.AssessmentDtos.Impact;
import io.tomassure.assessment.service.AssessmentDtos.NonConformanceView;
import io.tomassure.assessment.service.AssessmentDtos.ResponseView;
import io.tomassure.assessment.service.AssessmentDtos.ScopeRequest;
import io.tomassure.assessment.service.AssessmentDtos.ScoreRequest;
import io.tomassure.assessment.service.Assessments;
import io.tomassure.assessment.service.Submissions;
import io.tomassure.assessment.service.UpliftDtos.UpliftReport;
import io.tomassure.assessment.service.UpliftDtos.UpliftRequest;
import io.tomassure.assessment.service.Uplifts;
import io.tomassure.assessment.service.Views;
import io.tomassure.assessment.workbook.AnswerImport;
import io.tomassure.support.concurrency.Preconditions;
import io.tomassure.support.paging.Page;
import io.tomassure.support.problem.ProblemException;
import io.tomassure.support.security.Roles;

@Path("/api/v1/assessments")
@Tag(name = "Assessments", description = "Product TOMs: answers, evidence, non-conformances, derived results, Phase 1A/1B submissions")
public class AssessmentResource implements TomEndpoints {

    private final Access access;
    private final Assessments assessments;
    private final TomRequests tom;
    private final Submissions submissions;
    private final Views views;
    private final Uplifts uplifts;
    private final OscalExports oscal;
    private final Replays replays;

    AssessmentResource(Access access, Assessments assessments, TomRequests tom, Submissions submissions, Views views,
            Uplifts uplifts, OscalExports oscal, Replays replays) {
        this.oscal = oscal;
        this.replays = replays;
        this.uplifts = uplifts;
        this.access = access;
        this.assessments = assessments;
        this.tom = tom;
        this.submissions = submissions;
        this.views = views;
    }

    @POST
    @RolesAllowed(Roles.SUPPLIER)
    @Operation(summary = "Open an assessment", description = "One TOM per product version and published template version, by the product's supplier.")
    public Response create(@Valid @NotNull CreateAssessment request) {
        Assessment assessment = assessments.create(access.viewer(), access.username(), request.productVersionId(), request.templateId());
        return Response.created(URI.create("/api/v1/assessments/" + assessment.id))
                .header(HttpHeaders.ETAG, Views.etag(assessment)).entity(views.assessment(assessment)).build();
    }

    @GET
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "List assessments", description = "Those the caller may see: a supplier's own, the ones an EUO "
            + "deploys, all for NHS Digital. Keyset-paged in creation order: pass 'next' as 'after'.")
    public Page<AssessmentSummary> list(@QueryParam("after") UUID after, @QueryParam("limit") Integer limit) {
        return Page.fetch(limit, rows -> access.visibleAssessments(after, rows), a -> a.id.toString(), Views::summary);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "Get an assessment with its derived results", description = "Completeness per phase and section, "
            + "IG outcome, clinical-safety level, required sign-offs, submission route, phase states. Its ETag moves with "
            + "the facts, every answer and every phase state: quote it in If-Match to change the facts or scope, or in "
            + "If-None-Match to revalidate (304, no body, while nothing changed). With asOf (an instant, e.g. "
            + "2026-11-30T12:00:00Z): the assessment as it stood then, replayed from the central audit log, as "
            + "{asOf, state, lastEntry}: state is the view then (no ETag), lastEntry the last log entry the replay used, "
            + "with its hash and its inclusion proof in a signed checkpoint (null until a checkpoint covers it), so that "
            + "the answer can be checked against the log independently. 404 before the assessment was opened; 409 "
            + "history-incomplete before its events carried their values; 503 when the log cannot be read.")
    @APIResponse(responseCode = "200", description = "The assessment now, or as of the instant asked", content = @Content(
            schema = @Schema(oneOf = { AssessmentView.class, Replayed.class })))
    @APIResponse(responseCode = "304", description = "Not modified since the ETag quoted in If-None-Match")
    public Response get(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @QueryParam("asOf") Instant asOf) {
        if (asOf != null) {
            return Response.ok(replays.assessment(id, asOf)).build();
        }
        Assessment assessment = access.assessment(id);
        return Preconditions.read(ifNoneMatch, Views.etag(assessment),
                () -> Response.ok(views.assessmentJson(assessment), MediaType.APPLICATION_JSON));
    }

    @PUT
    @Path("/{id}/impact")
    @RolesAllowed(Roles.SUPPLIER)
    @Operation(summary = "Set the product facts", description = "Medical device, updates Spine, clinical-safety related, "
            + "changes local systems: they decide the clinical-safety level and sign-offs. Part of the revision hash, and held "
            + "as submitted once Phase 1A or 1B is under review or approved (409 facts-locked). Requires If-Match.")
    public Response setImpact(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull Impact impact) {
        Assessment assessment = assessments.setImpact(access.viewer(), access.username(), id, impact, ifMatch);
        return get(assessment.id, null, null);
    }

    @PUT
    @Path("/{id}/scope")
    @RolesAllowed(Roles.SUPPLIER)
    @Operation(summary = "Declare the product's scope", description = "Which API sections (a SCAL's programme and API "
            + "tabs; the template's sections of kind API_REQUIREMENTS) apply to the product. The other API sections' rows "
            + "are out of scope: not required for completeness or submission, not exported, and not answerable (409). "
            + "Sections of other kinds always apply. The scope is named in every revision, so its hash covers it, and it "
            + "is held like the product facts once Phase 1A or 1B is under review or approved. Requires If-Match.")
    public Response setScope(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull ScopeRequest request) {
        Assessment assessment = assessments.setScope(access.viewer(), access.username(), id, request.sections(), ifMatch);
        return get(assessment.id, null, null);
    }

    @POST
    @Path("/{id}/uplift")
    @RolesAllowed(Roles.SUPPLIER)
    @Operation(summary = "Move the assessment to a newer template version", description = "Uplift to a newer published "
            + "version of the same programme. Rows are paired by requirement id, or by their normalised title where the ids "
            + "were derived from the row's place; answers, evidence and non-conformances follow their row. The delta report "
            + "lists each row moved, reworded (with a word diff), re-levelled, re-phased, given other allowed answers or "
            + "another party, added or removed, and what became of every answer: carried, carried to be confirmed "
            + "(reattest: the row was reworded or re-levelled), kept but no longer allowed, or retired (kept aside: its "
            + "row was removed or another party answers it now). Answers to confirm or change block the next submission. "
            + "Deployments follow. Refused: another programme's or an older version (422), a phase under review (409). "
            + "dryRun=true returns the report and changes nothing; otherwise If-Match is required.")
    public UpliftReport uplift(@PathParam("id") UUID id, @QueryParam("dryRun") boolean dryRun,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid @NotNull UpliftRequest request) {
        return uplifts.uplift(access.viewer(), access.username(), id, request.templateId(), dryRun, ifMatch)
                .visibleTo(access::seesDeployment);
    }

    @GET
    @Path("/{id}/uplifts")
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "List the assessment's uplifts", description = "Every template-version uplift of the assessment, "
            + "oldest first, with its delta report. An end-user organisation sees the answers of its own deployment only.")
    public List<UpliftReport> uplifts(@PathParam("id") UUID id) {
        Assessment assessment = access.assessment(id);
        return uplifts.reports(assessment.id).stream().map(r -> r.visibleTo(access::seesDeployment)).toList();
    }

    @Override
    @RolesAllowed(Roles.ANY)
    public List<ResponseView> responses(UUID id) {
        return Views.responses(access.assessment(id).id, null);
    }

    @Override
    @RolesAllowed({ Roles.SUPPLIER, Roles.ASSURANCE })
    public Response answer(UUID id, String requirementId, String ifMatch, AnswerRequest request) {
        return tom.answer(id, null, requirementId, request, ifMatch);
    }

    @PUT
    @Path("/{id}/responses/{requirementId}/score")
    @RolesAllowed(Roles.ASSURANCE)
    @Operation(summary = "Score a row (NHS Digital)", description = "Not Yet Assessed / OK / Not OK / Queries, with a comment. Requires If-Match.")
    public Response score(@PathParam("id") UUID id, @PathParam("requirementId") String requirementId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid @NotNull ScoreRequest request) {
        var response = assessments.score(access.username(), id, requirementId, request, ifMatch);
        return Response.ok(Views.response(response)).header(HttpHeaders.ETAG, Preconditions.etag(response.version)).build();
    }

    @Override
    @RolesAllowed(Roles.SUPPLIER)
    public Response addEvidence(UUID id, String requirementId, EvidenceUpload upload, byte[] content) {
        return tom.evidence(id, null, requirementId, upload, content);
    }

    @GET
    @Path("/{id}/evidence/{evidenceId}")
    @Produces(MediaType.WILDCARD)
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "Download evidence", description = "The file as uploaded, with its SHA-256 in Repr-Digest.")
    public Response evidence(@PathParam("id") UUID id, @PathParam("evidenceId") UUID evidenceId) {
        return tom.download(access.assessment(id), evidenceId);
    }

    @Override
    @RolesAllowed(Roles.ANY)
    public List<NonConformanceView> nonConformances(UUID id) {
        return tom.register(id, null);
    }

    @GET
    @Path("/{id}/poam")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "Open non-conformances as an OSCAL POA&M", description = "An OSCAL 1.1.2 plan of action and "
            + "milestones of the product's answers in force: one POA&M item and one risk (RAG rating, detail, mitigation) per "
            + "Semi-compliant or Non-compliant answer to an Action or Req row. 204 when none is open: OSCAL's POA&M holds "
            + "one item or more. See docs/oscal.md.")
    public Response poam(@PathParam("id") UUID id) {
        return oscal.poam(access.assessment(id)).map(document -> Response.ok(document).build())
                .orElseGet(() -> Response.noContent().build());
    }

    @POST
    @Path("/{id}/submissions")
    @RolesAllowed(Roles.SUPPLIER)
    @Operation(summary = "Submit Phase 1A or 1B", description = "Refused with 422 and the list of what is missing when "
            + "a row of the phase is unanswered or a non-conformance lacks its detail, mitigation or risk. Otherwise "
            + "freezes an immutable revision with the SHA-256 of its canonical content and sends it for review.")
    public Response submit(@PathParam("id") UUID id, @Valid @NotNull SubmitPhase request) {
        Phase phase = phase(request.phase());
        Submission submission = submissions.submitProductPhase(access.viewer(), access.username(), id, phase);
        return SubmissionResource.created(submission);
    }

    @GET
    @Path("/{id}/missing")
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "What a phase still lacks", description = "The rows that a submission of Phase 1A or 1B made "
            + "now would refuse (the same list as its 422), each with what is missing: empty when the phase can be "
            + "submitted.")
    public List<SubmissionReadiness.Missing> missing(@PathParam("id") UUID id, @QueryParam("phase") String phase) {
        Assessment assessment = access.assessment(id); // an assessment the caller may not see is not found, whatever else
        Phase product = phase(phase);
        if (!product.isProductPhase()) {
            throw ProblemException.invalid("phase", "Phase 2 is a deployment's: see its outstanding rows");
        }
        return submissions.missing(assessment, null, product);
    }

    @Override
    @RolesAllowed(Roles.ANY)
    public List<SubmissionSummary> submissions(UUID id) {
        return Submissions.revisions(access.assessment(id).id, null).stream().map(SubmissionSummary::of).toList();
    }

    static Phase phase(String label) {
        try {
            return Phase.fromLabel(label);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("phase", e.getMessage());
        }
    }

    @Override
    @RolesAllowed({ Roles.SUPPLIER, Roles.ASSURANCE })
    public AnswerImport.Report importAnswers(UUID id, boolean dryRun, boolean replace, Long length, byte[] body) {
        return tom.importAnswers(id, null, length, body, dryRun, replace);
    }

    @Override
    @RolesAllowed(Roles.ANY)
    public Response exportWorkbook(UUID id) {
        return tom.export(id, null);
    }
}
