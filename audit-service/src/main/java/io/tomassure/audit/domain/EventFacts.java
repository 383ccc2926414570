package io.tomassure.audit.domain;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import io.tomassure.events.EventEnvelope;

/** What an event is about, for filtering and scoping: organisations, assessment, deployment and who acted. */
public record EventFacts(List<String> organisations, String assessmentId, String deploymentId, String actor) {

    private static final List<String> ORGANISATION_FIELDS = List.of("supplierOds", "euoOds", "odsCode", "organisation");

    public static EventFacts of(EventEnvelope event) {
        JsonNode data = event.data();
        if (data == null || !data.isObject()) {
            return new EventFacts(List.of(), null, null, null);
        }
        TreeSet<String> organisations = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = data.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (ORGANISATION_FIELDS.contains(field.getKey())) {
                // one organisation, or several (the EUOs deploying an uplifted assessment)
                (field.getValue().isArray() ? field.getValue() : List.of(field.getValue())).forEach(value -> {
                    if (value.isTextual()) {
                        organisations.add(value.asText());
                    }
                });
            }
        }
        return new EventFacts(List.copyOf(organisations), text(data, "assessmentId"), text(data, "deploymentId"),
                text(data, "by"));
    }

    private static String text(JsonNode data, String field) {
        JsonNode value = data.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
