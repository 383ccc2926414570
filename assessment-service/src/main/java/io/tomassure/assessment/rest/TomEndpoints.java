package io.tomassure.assessment.rest;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
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

import io.tomassure.assessment.rest.SubmissionDtos.SubmissionSummary;
import io.tomassure.assessment.service.AssessmentDtos.AnswerRequest;
import io.tomassure.assessment.service.AssessmentDtos.NonConformanceView;
import io.tomassure.assessment.service.AssessmentDtos.ResponseView;
import io.tomassure.assessment.workbook.AnswerImport;

/**
 * The operations a product's TOM and a deployment's offer alike, declared once so that the two keep the same paths,
 * parameters and media types: {@link AssessmentResource} and {@link DeploymentResource} implement them below their
 * own root path. The OpenAPI text is here, since SmallRye OpenAPI reads it where the JAX-RS annotations are, and so
 * says what each operation means on either. Who may call each differs by scope: {@code @RolesAllowed} stays on the
 * implementing methods, where Quarkus checks it.
 */
public interface TomEndpoints {

    @GET
    @Path("/{id}/responses")
    @Operation(summary = "List the answers", description = "On an assessment, every answered row of the product, "
            + "with its evidence and ETag; on a deployment, the end-user organisation's own answers (the product's "
            + "are on its assessment).")
    List<ResponseView> responses(@PathParam("id") UUID id);

    @PUT
    @Path("/{id}/responses/{requirementId}")
    @Operation(summary = "Answer a row", description = "Compliance answer (one the template allows), references, "
            + "notes and, for a Semi-compliant or Non-compliant Action/Req row, the non-conformance detail, "
            + "mitigation and RAG risk. Only the party that owns the row answers it: the supplier (and NHS Digital "
            + "its own rows) on the assessment, the deploying EUO its rows on its deployment; supplier rows are "
            + "answered once, on the product. Changing an existing answer requires If-Match.")
    Response answer(@PathParam("id") UUID id, @PathParam("requirementId") String requirementId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid @NotNull AnswerRequest request);

    @POST
    @Path("/{id}/responses/{requirementId}/evidence")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Attach evidence to a row", description = "The request body is the file; its Content-Type "
            + "is kept, 'name' names it, 'kind' says what it is, 'effectiveOn' when it was issued and 'expiresOn' "
            + "when it stops being valid. A row that requires a kind (a DSPT, a penetration test) counts a piece in "
            + "date while it is younger than its programme's maximum age and not expired: submission and the go-live "
            + "gate need one. By the supplier on the assessment, by the EUO on its deployment. Size-limited (413 "
            + "beyond). Its SHA-256 joins the next submitted revision.")
    Response addEvidence(@PathParam("id") UUID id, @PathParam("requirementId") String requirementId,
            @BeanParam EvidenceUpload upload, byte[] content);

    @GET
    @Path("/{id}/non-conformances")
    @Operation(summary = "Non-conformance register", description = "Every Semi-compliant or Non-compliant answer to "
            + "an Action or Req row in force, with its detail, mitigation, RAG risk and what is still missing: the "
            + "product's on an assessment; on a deployment, the product's and the EUO's as that deployment sees "
            + "them.")
    List<NonConformanceView> nonConformances(@PathParam("id") UUID id);

    @GET
    @Path("/{id}/submissions")
    @Operation(summary = "List the submitted revisions", description = "Every submitted revision, oldest first: "
            + "Phases 1A and 1B on an assessment, Phase 2 on a deployment.")
    List<SubmissionSummary> submissions(@PathParam("id") UUID id);

    @POST
    @Path("/{id}/workbook")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Import a filled TOM workbook", description = "The request body is the filled workbook "
            + "(.xlsx or .xls: the programme's layout, or one exported here). Rows are matched by id; each answer is "
            + "checked as if given through the API (your rows only, an allowed answer, not under review): the "
            + "product's rows on an assessment, the EUO's own (usage and settings, local IG and clinical-safety "
            + "answers) on a deployment. A row already answered differently is rejected unless the workbook was "
            + "exported here at its current row version, or 'replace=true'. 'dryRun=true' reports without saving. "
            + "The report lists rows matched, applied, unchanged, blank, rejected and unmatched.")
    AnswerImport.Report importAnswers(@PathParam("id") UUID id, @QueryParam("dryRun") boolean dryRun,
            @QueryParam("replace") boolean replace, @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length, byte[] body);

    @GET
    @Path("/{id}/workbook")
    @Produces(WorkbookResource.XLSX)
    @Operation(summary = "Export as a TOM workbook", description = "An .xlsx in the TOM layout: a summary of the "
            + "derived results, the non-conformance register, and one tab per section with the requirement ids, the "
            + "family's columns and the answers. A deployment's carries the product's answers with its own on top, "
            + "and the results derived for it. Fill it in offline and import it back.")
    Response exportWorkbook(@PathParam("id") UUID id);
}
