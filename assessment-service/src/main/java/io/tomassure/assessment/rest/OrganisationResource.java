package io.tomassure.assessment.rest;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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

import io.tomassure.assessment.domain.Organisation;
import io.tomassure.assessment.service.Access;
import io.tomassure.assessment.service.Organisations;
import io.tomassure.assessment.service.Organisations.ContactDto;
import io.tomassure.support.concurrency.Preconditions;
import io.tomassure.support.paging.Page;
import io.tomassure.support.security.Roles;
import io.tomassure.support.security.Viewer;

@Path("/api/v1/organisations")
@Tag(name = "Organisations", description = "The parties to TOMs, by ODS code, and their contacts by TOM role")
public class OrganisationResource {

    public record RegisterOrganisation(@NotBlank @Pattern(regexp = "[A-Z0-9]{3,10}", message = "must be an ODS code: 3 to 10 capitals or digits") String odsCode,
            @NotBlank @Size(max = 300) String name, @NotEmpty Set<Organisation.Kind> kinds) {
    }

    public record OrganisationView(String odsCode, String name, List<String> kinds, List<ContactDto> contacts,
            String etag, Instant createdAt) {
    }

    /** A contact log names a few people per TOM role; the bound keeps its event well within the broker's limit. */
    static final int MAX_CONTACTS = 100;

    private final Access access;
    private final Organisations organisations;

    OrganisationResource(Access access, Organisations organisations) {
        this.access = access;
        this.organisations = organisations;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Register an organisation", description = "Adds a supplier, end-user organisation or NHS "
            + "Digital body under its ODS code. One organisation may hold several kinds (an in-house build).")
    public Response register(@Valid @NotNull RegisterOrganisation request) {
        Organisation organisation = organisations.register(request.odsCode(), request.name(), request.kinds(), access.username());
        return Response.status(201).header(HttpHeaders.ETAG, Preconditions.etag(organisation.version))
                .entity(view(organisation, access.viewer())).build();
    }

    @GET
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "List organisations", description = "The directory, by ODS code, keyset-paged: pass the "
            + "returned 'next' as 'after'. Contacts are shown only to the organisation itself and to NHS Digital.")
    public Page<OrganisationView> list(@QueryParam("after") String after, @QueryParam("limit") Integer limit) {
        Viewer viewer = access.viewer();
        return Page.fetch(limit, rows -> organisations.page(after, rows), o -> o.odsCode, o -> view(o, viewer));
    }

    @GET
    @Path("/{odsCode}")
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "Get an organisation", description = "One organisation; its contacts if it is yours or you are NHS Digital.")
    public Response get(@PathParam("odsCode") String odsCode) {
        Organisation organisation = organisations.find(odsCode);
        return Response.ok(view(organisation, access.viewer())).header(HttpHeaders.ETAG, Preconditions.etag(organisation.version))
                .build();
    }

    @PUT
    @Path("/{odsCode}/contacts")
    @RolesAllowed({ Roles.SUPPLIER, Roles.EUO, Roles.ADMIN })
    @Operation(summary = "Replace the contact log", description = "The organisation's people by TOM contact role "
            + "(owner, SIRO, CSO, agreement signatories, ...), at most 100. Requires If-Match with the organisation's ETag.")
    public Response replaceContacts(@PathParam("odsCode") String odsCode, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Size(max = MAX_CONTACTS) List<@Valid @NotNull ContactDto> contacts) {
        Viewer viewer = access.viewer();
        Organisation organisation = organisations.replaceContacts(viewer, access.username(), odsCode, ifMatch, contacts);
        return Response.ok(view(organisation, viewer)).header(HttpHeaders.ETAG, Preconditions.etag(organisation.version)).build();
    }

    private OrganisationView view(Organisation o, Viewer viewer) {
        return new OrganisationView(o.odsCode, o.name, o.kinds, organisations.contacts(o, viewer), Preconditions.etag(o.version),
                o.createdAt);
    }
}
