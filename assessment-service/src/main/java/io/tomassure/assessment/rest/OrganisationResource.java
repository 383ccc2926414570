package io.tomassure.assessment.rest;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
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

import io.tomassure.assessment.domain.Contact;
import io.tomassure.support.Ids;
import io.tomassure.assessment.domain.Organisation;
import io.tomassure.support.security.Viewer;
import io.tomassure.assessment.service.Access;
import io.tomassure.events.assessment.AssessmentEvents;
import io.tomassure.outbox.Outbox;
import io.tomassure.support.problem.ProblemException;
import io.tomassure.support.rest.Page;
import io.tomassure.support.rest.Preconditions;
import io.tomassure.support.security.Roles;

@Path("/api/v1/organisations")
@Tag(name = "Organisations", description = "The parties to TOMs, by ODS code, and their contacts by TOM role")
public class OrganisationResource {

    public record RegisterOrganisation(@NotBlank @Pattern(regexp = "[A-Z0-9]{3,10}", message = "must be an ODS code: 3 to 10 capitals or digits") String odsCode,
            @NotBlank @Size(max = 300) String name, @NotEmpty Set<Organisation.Kind> kinds) {
    }

    public record ContactDto(@NotNull Contact.Role role, @NotBlank @Size(max = 300) String name,
            @Email @Size(max = 300) String email, @Size(max = 50) String phone) {
    }

    public record OrganisationView(String odsCode, String name, List<String> kinds, List<ContactDto> contacts,
            String etag, Instant createdAt) {
    }

    /** A contact log names a few people per TOM role; the bound keeps its event well within the broker's limit. */
    static final int MAX_CONTACTS = 100;

    private final Access access;
    private final Outbox outbox;

    OrganisationResource(Access access, Outbox outbox) {
        this.access = access;
        this.outbox = outbox;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    @Operation(summary = "Register an organisation", description = "Adds a supplier, end-user organisation or NHS "
            + "Digital body under its ODS code. One organisation may hold several kinds (an in-house build).")
    public Response register(@Valid @NotNull RegisterOrganisation request) {
        if (Organisation.findById(request.odsCode()) != null) {
            throw ProblemException.conflict("duplicate", "Organisation exists", request.odsCode() + " is already registered");
        }
        Organisation organisation = new Organisation();
        organisation.odsCode = request.odsCode();
        organisation.name = request.name();
        organisation.kinds = request.kinds().stream().map(Enum::name).sorted().toList();
        organisation.createdAt = Instant.now();
        organisation.persistAndFlush();
        outbox.record(AssessmentEvents.ORGANISATION_REGISTERED, organisation.odsCode, new AssessmentEvents.OrganisationRegistered(
                organisation.odsCode, organisation.name, organisation.kinds, access.username()));
        return Response.status(201).header(HttpHeaders.ETAG, Preconditions.etag(organisation.version))
                .entity(view(organisation, access.viewer())).build();
    }

    @GET
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "List organisations", description = "The directory, by ODS code, keyset-paged: pass the "
            + "returned 'next' as 'after'. Contacts are shown only to the organisation itself and to NHS Digital.")
    public Page<OrganisationView> list(@QueryParam("after") String after, @QueryParam("limit") Integer limit) {
        int size = Preconditions.limit(limit);
        List<Organisation> rows = Organisation.<Organisation>find("odsCode > ?1 order by odsCode", after == null ? "" : after)
                .page(0, size + 1).list();
        Viewer viewer = access.viewer();
        return Page.of(rows, size, o -> o.odsCode, o -> view(o, viewer));
    }

    @GET
    @Path("/{odsCode}")
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "Get an organisation", description = "One organisation; its contacts if it is yours or you are NHS Digital.")
    public Response get(@PathParam("odsCode") String odsCode) {
        Organisation organisation = find(odsCode);
        return Response.ok(view(organisation, access.viewer())).header(HttpHeaders.ETAG, Preconditions.etag(organisation.version))
                .build();
    }

    @PUT
    @Path("/{odsCode}/contacts")
    @RolesAllowed({ Roles.SUPPLIER, Roles.EUO, Roles.ADMIN })
    @Transactional
    @Operation(summary = "Replace the contact log", description = "The organisation's people by TOM contact role "
            + "(owner, SIRO, CSO, agreement signatories, ...), at most 100. Requires If-Match with the organisation's ETag.")
    public Response replaceContacts(@PathParam("odsCode") String odsCode, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Size(max = MAX_CONTACTS) List<@Valid @NotNull ContactDto> contacts) {
        Organisation organisation = find(odsCode);
        Viewer viewer = access.viewer();
        if (!odsCode.equals(viewer.organisation()) && !viewer.roles().contains(Roles.ADMIN)) {
            throw ProblemException.forbidden("Only the organisation itself (or an admin) maintains its contacts");
        }
        Preconditions.requireMatch(ifMatch, organisation.version);
        Contact.delete("odsCode", odsCode);
        for (ContactDto dto : contacts) {
            Contact contact = new Contact();
            contact.id = Ids.next();
            contact.odsCode = odsCode;
            contact.role = dto.role().name();
            contact.name = dto.name();
            contact.email = dto.email();
            contact.phone = dto.phone();
            contact.persist();
        }
        // The contacts are part of the organisation: bump its version so that the ETag moves.
        Organisation.getEntityManager().lock(organisation, LockModeType.PESSIMISTIC_FORCE_INCREMENT);
        Organisation.flush();
        outbox.record(AssessmentEvents.CONTACTS_CHANGED, odsCode, new AssessmentEvents.ContactsChanged(odsCode,
                contacts.stream().map(c -> new AssessmentEvents.Contact(c.role().name(), c.name(), c.email(), c.phone())).toList(),
                access.username()));
        return Response.ok(view(organisation, viewer)).header(HttpHeaders.ETAG, Preconditions.etag(organisation.version)).build();
    }

    private static Organisation find(String odsCode) {
        Organisation organisation = Organisation.findById(odsCode);
        if (organisation == null) {
            throw ProblemException.notFound("Organisation " + odsCode);
        }
        return organisation;
    }

    private static OrganisationView view(Organisation o, Viewer viewer) {
        boolean mayReadContacts = viewer.isCentral() || o.odsCode.equals(viewer.organisation());
        List<ContactDto> contacts = mayReadContacts ? Contact.of(o.odsCode).stream()
                .map(c -> new ContactDto(Contact.Role.valueOf(c.role), c.name, c.email, c.phone)).toList() : null;
        return new OrganisationView(o.odsCode, o.name, o.kinds, contacts, Preconditions.etag(o.version), o.createdAt);
    }
}
