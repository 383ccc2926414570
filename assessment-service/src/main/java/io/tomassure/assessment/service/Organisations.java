package io.tomassure.assessment.service;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.tomassure.assessment.domain.Contact;
import io.tomassure.assessment.domain.Organisation;
import io.tomassure.events.assessment.AssessmentEvents;
import io.tomassure.outbox.Outbox;
import io.tomassure.support.Ids;
import io.tomassure.support.concurrency.Preconditions;
import io.tomassure.support.problem.ProblemException;
import io.tomassure.support.security.Roles;
import io.tomassure.support.security.Viewer;
import io.tomassure.support.time.TimeSource;

/** The parties to TOMs, by ODS code, and their contact logs: who is told, and who signs. */
@ApplicationScoped
public class Organisations {

    /** One person of the contact log, in a TOM role. */
    public record ContactDto(@NotNull Contact.Role role, @NotBlank @Size(max = 300) String name,
            @Email @Size(max = 300) String email, @Size(max = 50) String phone) {
    }

    private final Outbox outbox;
    private final TimeSource time;

    Organisations(Outbox outbox, TimeSource time) {
        this.outbox = outbox;
        this.time = time;
    }

    @Transactional
    public Organisation register(String odsCode, String name, Set<Organisation.Kind> kinds, String by) {
        if (Organisation.findById(odsCode) != null) {
            throw ProblemException.conflict("duplicate", "Organisation exists", odsCode + " is already registered");
        }
        Organisation organisation = new Organisation();
        organisation.odsCode = odsCode;
        organisation.name = name;
        organisation.kinds = kinds.stream().map(Enum::name).sorted().toList();
        organisation.createdAt = time.now();
        organisation.persistAndFlush();
        outbox.record(AssessmentEvents.ORGANISATION_REGISTERED, organisation.odsCode, new AssessmentEvents.OrganisationRegistered(
                organisation.odsCode, organisation.name, organisation.kinds, by));
        return organisation;
    }

    public Organisation find(String odsCode) {
        Organisation organisation = Organisation.findById(odsCode);
        if (organisation == null) {
            throw ProblemException.notFound("Organisation " + odsCode);
        }
        return organisation;
    }

    /** Up to {@code rows} of the directory after the cursor, by ODS code. */
    public List<Organisation> page(String after, int rows) {
        return Organisation.<Organisation>find("odsCode > ?1 order by odsCode", after == null ? "" : after)
                .page(0, rows).list();
    }

    /**
     * Replaces the organisation's contact log, by the organisation itself or an admin, quoting the organisation's
     * version. The contacts are part of the organisation, so its version moves with them.
     */
    @Transactional
    public Organisation replaceContacts(Viewer viewer, String by, String odsCode, String ifMatch, List<ContactDto> contacts) {
        Organisation organisation = find(odsCode);
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
        Organisation.getEntityManager().lock(organisation, LockModeType.PESSIMISTIC_FORCE_INCREMENT);
        Organisation.flush();
        outbox.record(AssessmentEvents.CONTACTS_CHANGED, odsCode, new AssessmentEvents.ContactsChanged(odsCode,
                contacts.stream().map(c -> new AssessmentEvents.Contact(c.role().name(), c.name(), c.email(), c.phone())).toList(),
                by));
        return organisation;
    }

    /** The contact log, for the organisation itself and NHS Digital; null (not shown) for anyone else. */
    public List<ContactDto> contacts(Organisation organisation, Viewer viewer) {
        boolean mayRead = viewer.isCentral() || organisation.odsCode.equals(viewer.organisation());
        return mayRead ? Contact.of(organisation.odsCode).stream()
                .map(c -> new ContactDto(Contact.Role.valueOf(c.role), c.name, c.email, c.phone)).toList() : null;
    }
}
