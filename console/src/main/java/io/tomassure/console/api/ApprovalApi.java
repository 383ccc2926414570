package io.tomassure.console.api;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.tomassure.console.api.Models.Agreement;
import io.tomassure.console.api.Models.AgreementRequest;
import io.tomassure.console.api.Models.Comment;
import io.tomassure.console.api.Models.Condition;
import io.tomassure.console.api.Models.DecideRequest;
import io.tomassure.console.api.Models.Escalation;
import io.tomassure.console.api.Models.Evidence;
import io.tomassure.console.api.Models.Page;
import io.tomassure.console.api.Models.Readiness;
import io.tomassure.console.api.Models.ReplayedReadiness;
import io.tomassure.console.api.Models.Resolution;
import io.tomassure.console.api.Models.ReviewCase;
import io.tomassure.console.api.Models.Review;
import io.tomassure.console.api.Models.SignOff;

/** approval-service's public API, as the signed-in person. */
@RegisterRestClient(configKey = "approval")
@RegisterClientHeaders(UserToken.class)
@Path("/api/v1")
public interface ApprovalApi {

    @GET
    @Path("/cases")
    Page<ReviewCase> cases(@QueryParam("state") String state, @QueryParam("phase") String phase,
            @QueryParam("assessment") UUID assessment, @QueryParam("submission") UUID submission,
            @QueryParam("after") UUID after, @QueryParam("limit") int limit);

    @GET
    @Path("/cases/{id}")
    ReviewCase reviewCase(@PathParam("id") UUID id);

    @POST
    @Path("/cases/{id}/decision")
    ReviewCase decide(@PathParam("id") UUID id, DecideRequest decision);

    @POST
    @Path("/conditions/{id}/discharge")
    Condition discharge(@PathParam("id") UUID id, Evidence evidence);

    @POST
    @Path("/assessments/{id}/non-conformances/{requirementId}/review")
    void review(@PathParam("id") UUID assessmentId, @PathParam("requirementId") String requirementId, Review review);

    @GET
    @Path("/deployments/{id}/readiness")
    Readiness readiness(@PathParam("id") UUID deploymentId);

    @GET
    @Path("/deployments/{id}/readiness")
    ReplayedReadiness readinessAsOf(@PathParam("id") UUID deploymentId, @QueryParam("asOf") java.time.Instant asOf);

    @POST
    @Path("/deployments/{id}/go-live")
    Readiness goLive(@PathParam("id") UUID deploymentId);

    @POST
    @Path("/deployments/{id}/non-conformances/{requirementId}/acceptance")
    void accept(@PathParam("id") UUID deploymentId, @PathParam("requirementId") String requirementId, Comment comment);

    @GET
    @Path("/deployments/{id}/agreements")
    List<Agreement> agreements(@PathParam("id") UUID deploymentId);

    @POST
    @Path("/deployments/{id}/agreements")
    Agreement signForDeployment(@PathParam("id") UUID deploymentId, AgreementRequest agreement);

    @POST
    @Path("/products/{id}/agreements")
    Agreement signForProduct(@PathParam("id") UUID productId, AgreementRequest agreement);

    @POST
    @Path("/deployments/{id}/sign-offs")
    void signOff(@PathParam("id") UUID deploymentId, SignOff signOff);

    @GET
    @Path("/escalations")
    List<Escalation> escalations(@QueryParam("open") Boolean open);

    @POST
    @Path("/escalations/{id}/resolution")
    Escalation resolve(@PathParam("id") UUID id, Resolution resolution);
}
