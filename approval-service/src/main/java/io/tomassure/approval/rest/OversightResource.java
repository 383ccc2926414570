package io.tomassure.approval.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.tomassure.approval.domain.Agreement;
import io.tomassure.approval.domain.Escalation;
import io.tomassure.approval.rest.ApprovalDtos.AgreementRequest;
import io.tomassure.approval.rest.ApprovalDtos.EscalationView;
import io.tomassure.approval.rest.ApprovalDtos.ResolveRequest;
import io.tomassure.approval.rest.ApprovalDtos.Review;
import io.tomassure.approval.rest.ApprovalDtos.ReviewRequest;
import io.tomassure.approval.service.Access;
import io.tomassure.approval.service.Obligations;
import io.tomassure.support.problem.ProblemException;
import io.tomassure.support.security.Roles;

@Path("/api/v1")
@Tag(name = "Oversight", description = "Central review of non-conformances, Connection Agreements and clinical-safety escalations")
public class OversightResource {

    private final Access access;
    private final Obligations obligations;

    OversightResource(Access access, Obligations obligations) {
        this.access = access;
        this.obligations = obligations;
    }

    @POST
    @Path("/assessments/{id}/non-conformances/{requirementId}/review")
    @RolesAllowed(Roles.ASSURANCE)
    @Operation(summary = "Review a non-conformance (NHS Digital)", description = "ACKNOWLEDGED, or REFUSED: NHS Digital "
            + "may refuse the connection whatever the EUO accepts. The EUO's risk acceptance is separate.")
    public Response review(@PathParam("id") UUID id, @PathParam("requirementId") String requirementId,
            @Valid @NotNull ReviewRequest request) {
        obligations.review(access.assessment(id), requirementId, request.review() == Review.REFUSED, request.comment(),
                access.username());
        return Response.noContent().build();
    }

    @POST
    @Path("/products/{id}/agreements")
    @RolesAllowed(Roles.SUPPLIER)
    @Operation(summary = "Sign the Connection Agreement", description = "The supplier's agreement for its product, which "
            + "makes its TOM answers binding: signatory, role, date, document version, expiry (signed by today, expiring "
            + "after today and at most the longest term after signing: 3 years unless the programme sets its own).")
    public Response signConnectionAgreement(@PathParam("id") UUID productId, @Valid @NotNull AgreementRequest request) {
        if (!request.kind().perProduct()) {
            throw ProblemException.invalid("kind", request.kind().title() + " is signed by the EUO, for its deployment");
        }
        Agreement agreement = obligations.signForProduct(access.viewer(), productId, GoLiveResource.signature(request),
                access.username());
        return Response.status(201).entity(GoLiveResource.view(agreement)).build();
    }

    @GET
    @Path("/escalations")
    @RolesAllowed({ Roles.CLINICAL_SAFETY, Roles.ASSURANCE, Roles.AUDITOR, Roles.ADMIN })
    @Operation(summary = "List clinical-safety escalations", description = "Escalations to the Clinical Safety Group, "
            + "open ones only unless open=false.")
    public List<EscalationView> escalations(@QueryParam("open") Boolean open) {
        List<Escalation> rows = Boolean.FALSE.equals(open) ? Escalation.list("order by raisedAt")
                : Escalation.list("resolvedAt is null order by raisedAt");
        return rows.stream().map(OversightResource::view).toList();
    }

    @POST
    @Path("/escalations/{id}/resolution")
    @RolesAllowed(Roles.CLINICAL_SAFETY)
    @Operation(summary = "Resolve an escalation", description = "NHS Digital clinical safety resolves an escalation; until then it blocks go-live.")
    public EscalationView resolve(@PathParam("id") UUID id, @Valid @NotNull ResolveRequest request) {
        return view(obligations.resolve(id, request.resolution(), access.username()));
    }

    static EscalationView view(Escalation e) {
        return new EscalationView(e.id, e.assessmentId, e.deploymentId, e.level, e.reason, e.raisedAt, e.resolvedAt,
                e.resolvedBy, e.resolution);
    }
}
