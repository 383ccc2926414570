package io.tomassure.notification.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.tomassure.events.assessment.AssessmentEvents;
import io.tomassure.notification.domain.Rule;
import io.tomassure.notification.repository.DirectoryRepository;

/** Who is who: organisations and their contacts by TOM role, as assessment-service publishes them. */
@ApplicationScoped
public class Directory {

    private final DirectoryRepository repository;

    Directory(DirectoryRepository repository) {
        this.repository = repository;
    }

    public void registered(AssessmentEvents.OrganisationRegistered o) {
        repository.saveOrganisation(o.odsCode(), o.kinds());
    }

    /** Replaces an organisation's recipients with its new contact log (people without an email cannot be told). */
    public void contactsChanged(AssessmentEvents.ContactsChanged changed) {
        repository.replaceRecipients(changed.odsCode(), changed.contacts().stream()
                .filter(contact -> contact.email() != null && !contact.email().isBlank()).toList());
    }

    /**
     * The organisations a rule's target names in this event's data: one, or several where the field is a list (the
     * EUOs deploying an uplifted assessment). NHS Digital: every NHS Digital organisation.
     */
    public List<String> organisations(Rule.Party party, JsonNode data) {
        if (party.field() != null) {
            JsonNode value = data == null ? null : data.get(party.field());
            if (value == null || value.isNull()) {
                return List.of();
            }
            List<String> named = new ArrayList<>();
            (value.isArray() ? value : List.of(value)).forEach(v -> named.add(v.asText()));
            return named;
        }
        return repository.nhsDigitalOrganisations();
    }

    public List<String> emails(String odsCode, List<String> roles) {
        return repository.emails(odsCode, roles);
    }
}
