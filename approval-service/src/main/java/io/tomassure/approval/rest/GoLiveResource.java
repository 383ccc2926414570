package io.tomassure.approval.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.tomassure.approval.domain.Agreement;
import io.tomassure.approval.domain.DeploymentRef;
import io.tomassure.approval.domain.Gate;
import io.tomassure.approval.domain.GoLiveGate;
import io.tomassure.approval.rest.ApprovalDtos.AcceptRequest;
import io.tomassure.approval.rest.ApprovalDtos.AgreementRequest;
import io.tomassure.approval.rest.ApprovalDtos.AgreementView;
import io.tomassure.approval.rest.ApprovalDtos.Readiness;
import io.tomassure.approval.rest.ApprovalDtos.ReplayedReadiness;
import io.tomassure.approval.rest.ApprovalDtos.SignOffRequest;
import io.tomassure.approval.rest.ApprovalDtos.SuspendRequest;
import io.tomassure.approval.service.Access;
import io.tomassure.approval.service.Gates;
import io.tomassure.approval.service.Obligations;
import io.tomassure.approval.service.Replays;
import io.tomassure.support.security.Roles;

@Path("/api/v1/deployments/{id}")
@Tag(name = "Go-live", description = "A deployment's gate: risk acceptance, agreements, sign-offs, readiness, go-live and suspension")
public class GoLiveResource {

    private final Access access;
    private final Gates gates;
    private final Obligations obligations;
    private final Replays replays;

    GoLiveResource(Access access, Gates gates, Obligations obligations, Replays replays) {
        this.access = access;
        this.replays = replays;
        this.gates = gates;
        this.obligations = obligations;
    }

    @GET
    @Path("/readiness")
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "Go-live readiness", description = "Each condition of the gate with its state (1A approved and "
            + "its conditions discharged, 1B approved with a certificate for the deployed version, Phase 2 approved, "
            + "non-conformances accepted, agreements in date, sign-offs, escalations, suspension) and the blockers in words. "
            + "With asOf (an instant, e.g. 2026-11-30T12:00:00Z): the readiness as it stood then, replayed from the central "
            + "audit log and judged by the same rule, dated that day, as {asOf, state, lastEntry}: lastEntry is the last "
            + "log entry the replay used, with its hash and its inclusion proof in a signed checkpoint (null until a "
            + "checkpoint covers it). 404 before the deployment was registered; 409 history-incomplete before its events "
            + "carried what the gate needs; 503 when the log cannot be read.")
    @APIResponse(responseCode = "200", description = "Readiness now, or as of the instant asked", content = @Content(
            schema = @Schema(oneOf = { Readiness.class, ReplayedReadiness.class })))
    public Object readiness(@PathParam("id") UUID id, @QueryParam("asOf") Instant asOf) {
        if (asOf != null) {
            Replays.GateThen then = replays.readiness(id, asOf);
            return new ReplayedReadiness(then.asOf(), new Readiness(id, then.result().open(), then.live(), then.suspended(),
                    then.result().checks(), then.result().blockers()),
                    then.lastEntry());
        }
        DeploymentRef deployment = access.deployment(id);
        return readiness(deployment, gates.evaluate(deployment), gates.gate(id));
    }

    @POST
    @Path("/go-live")
    @RolesAllowed(Roles.EUO)
    @Operation(summary = "Record go-live", description = "The EUO records that the deployment is live. While the gate "
            + "is closed: 409 go-live-blocked with every blocker.")
    public Readiness goLive(@PathParam("id") UUID id) {
        DeploymentRef deployment = access.deployment(id); // a reference copy: no request changes it
        Gate gate = gates.goLive(access.viewer(), deployment, access.username());
        return readiness(deployment, gates.evaluate(deployment), gate);
    }

    @PUT
    @Path("/suspension")
    @RolesAllowed(Roles.ASSURANCE)
    @Operation(summary = "Suspend the connection", description = "NHS Digital suspends the deployment: the gate closes until the suspension is lifted.")
    public Readiness suspend(@PathParam("id") UUID id, @Valid @NotNull SuspendRequest request) {
        DeploymentRef deployment = access.deployment(id);
        Gate gate = gates.suspend(deployment, true, request.reason(), access.username());
        return readiness(deployment, gates.evaluate(deployment), gate);
    }

    @DELETE
    @Path("/suspension")
    @RolesAllowed(Roles.ASSURANCE)
    @Operation(summary = "Lift a suspension", description = "The gate is evaluated again on the facts.")
    public Readiness lift(@PathParam("id") UUID id) {
        DeploymentRef deployment = access.deployment(id);
        Gate gate = gates.suspend(deployment, false, null, access.username());
        return readiness(deployment, gates.evaluate(deployment), gate);
    }

    @POST
    @Path("/non-conformances/{requirementId}/acceptance")
    @RolesAllowed(Roles.EUO)
    @Operation(summary = "Accept a non-conformance's risk", description = "The EUO's local acceptance, with its "
            + "mitigation, of a non-conformance reported in a submitted revision. NHS Digital's review is separate.")
    public Response accept(@PathParam("id") UUID id, @PathParam("requirementId") String requirementId,
            @Valid @NotNull AcceptRequest request) {
        obligations.accept(access.viewer(), access.deployment(id), requirementId, request.comment(), access.username());
        return Response.noContent().build();
    }

    @POST
    @Path("/agreements")
    @RolesAllowed(Roles.EUO)
    @Operation(summary = "Sign a deployment agreement", description = "End User Policy, and a DSA or DSFC when a Phase 1A "
            + "condition needs them: signatory, role, date, document version, expiry. Signed by today, and expiring after "
            + "today and at most the kind's longest term after signing (3 years unless the programme sets its own; 400 "
            + "otherwise). An expired agreement blocks again.")
    public Response sign(@PathParam("id") UUID id, @Valid @NotNull AgreementRequest request) {
        Agreement agreement = obligations.signForDeployment(access.viewer(), access.deployment(id), request.kind(),
                signature(request), access.username());
        return Response.status(201).entity(view(agreement)).build();
    }

    @GET
    @Path("/agreements")
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "List the deployment's agreements", description = "Every agreement signed for this deployment, oldest first.")
    public List<AgreementView> agreements(@PathParam("id") UUID id) {
        DeploymentRef deployment = access.deployment(id);
        return Agreement.<Agreement>list("deploymentId = ?1 order by recordedAt", deployment.deploymentId).stream()
                .map(GoLiveResource::view).toList();
    }

    @POST
    @Path("/sign-offs")
    @RolesAllowed({ Roles.EUO, Roles.ASSURANCE, Roles.CLINICAL_SAFETY })
    @Operation(summary = "Record a sign-off", description = "A sign-off the assessment requires (SIRO, LOCAL_CSO, CSG, ...), "
            + "by the role whose signature it is: CSG by NHS Digital clinical safety, TECHNICAL_ARCHITECT by NHS Digital "
            + "assurance, the others by the deploying EUO.")
    public Response signOff(@PathParam("id") UUID id, @Valid @NotNull SignOffRequest request) {
        obligations.signOff(access.viewer(), access.deployment(id), request.kind(), access.username());
        return Response.noContent().build();
    }

    static Obligations.Signature signature(AgreementRequest r) {
        return new Obligations.Signature(r.signatory(), r.signatoryRole(), r.signedOn(), r.documentVersion(), r.expiresOn());
    }

    static AgreementView view(Agreement a) {
        return new AgreementView(a.id, io.tomassure.approval.domain.AgreementKind.valueOf(a.kind), a.productId,
                a.deploymentId, a.organisation, a.signatory, a.signatoryRole, a.signedOn, a.documentVersion, a.expiresOn,
                a.recordedBy);
    }

    private static Readiness readiness(DeploymentRef deployment, GoLiveGate.Result result, Gate gate) {
        return new Readiness(deployment.deploymentId, result.open(), gate.live, gate.suspended, result.checks(),
                result.blockers());
    }
}
