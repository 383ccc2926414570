package io.tomassure.console.api;

import java.util.List;
import java.util.UUID;

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

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.tomassure.console.api.Models.AnswerRequest;
import io.tomassure.console.api.Models.Assessment;
import io.tomassure.console.api.Models.AssessmentSummary;
import io.tomassure.console.api.Models.Answer;
import io.tomassure.console.api.Models.Comparison;
import io.tomassure.console.api.Models.Deployment;
import io.tomassure.console.api.Models.ImportReport;
import io.tomassure.console.api.Models.Missing;
import io.tomassure.console.api.Models.NonConformance;
import io.tomassure.console.api.Models.Page;
import io.tomassure.console.api.Models.Submission;
import io.tomassure.console.api.Models.SubmitPhase;

/** assessment-service's public API, as the signed-in person. */
@RegisterRestClient(configKey = "assessment")
@RegisterClientHeaders(UserToken.class)
@Path("/api/v1")
public interface AssessmentApi {

    @GET
    @Path("/assessments")
    Page<AssessmentSummary> assessments(@QueryParam("after") UUID after, @QueryParam("limit") int limit);

    @GET
    @Path("/assessments/{id}")
    Assessment assessment(@PathParam("id") UUID id);

    @GET
    @Path("/assessments/{id}/missing")
    List<Missing> missing(@PathParam("id") UUID id, @QueryParam("phase") String phase);

    @GET
    @Path("/assessments/{id}/submissions")
    List<Submission> submissions(@PathParam("id") UUID id);

    @POST
    @Path("/assessments/{id}/submissions")
    Submission submit(@PathParam("id") UUID id, SubmitPhase phase);

    @GET
    @Path("/assessments/{id}/non-conformances")
    List<NonConformance> nonConformances(@PathParam("id") UUID id);

    @GET
    @Path("/assessments/{id}/workbook")
    @Produces(MediaType.WILDCARD)
    Response exportWorkbook(@PathParam("id") UUID id);

    @POST
    @Path("/assessments/{id}/workbook")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    ImportReport importWorkbook(@PathParam("id") UUID id, @QueryParam("dryRun") boolean dryRun, byte[] workbook);

    @GET
    @Path("/submissions/{id}/changes")
    Comparison changes(@PathParam("id") UUID submissionId);

    @GET
    @Path("/deployments")
    Page<Deployment> deployments(@QueryParam("after") UUID after, @QueryParam("limit") int limit);

    @GET
    @Path("/deployments/{id}")
    Deployment deployment(@PathParam("id") UUID id);

    @GET
    @Path("/deployments/{id}/responses")
    List<Answer> deploymentAnswers(@PathParam("id") UUID id);

    @PUT
    @Path("/deployments/{id}/responses/{requirementId}")
    Answer answerDeploymentRow(@PathParam("id") UUID id, @PathParam("requirementId") String requirementId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, AnswerRequest answer);

    @GET
    @Path("/deployments/{id}/non-conformances")
    List<NonConformance> deploymentNonConformances(@PathParam("id") UUID id);

    @POST
    @Path("/deployments/{id}/submissions")
    Submission submitPhase2(@PathParam("id") UUID id);
}
