package io.tomassure.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;

/**
 * A CloudEvents 1.0 event in structured JSON form: the unit that crosses service boundaries.
 *
 * <p>{@code id} is unique per event and is what consumers de-duplicate on; {@code subject} is the id of the
 * aggregate the event is about, and is also the Kafka key, so one aggregate's events stay in order.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventEnvelope(
        String specversion,
        UUID id,
        String type,
        String source,
        String subject,
        OffsetDateTime time,
        String datacontenttype,
        String dataschema,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";

    public EventEnvelope {
        requirePresent(specversion, "specversion");
        Objects.requireNonNull(id, "id");
        requirePresent(type, "type");
        requirePresent(source, "source");
        requirePresent(subject, "subject");
        Objects.requireNonNull(time, "time");
    }

    /** A new event of a catalogued type, with a fresh id and the current time. */
    public static <P> EventEnvelope of(EventType<P> type, String source, String subject, P payload) {
        return new EventEnvelope(SPEC_VERSION, UUID.randomUUID(), type.name(), source, subject,
                OffsetDateTime.now(ZoneOffset.UTC), JSON, type.dataschema(), EventJson.toTree(payload));
    }

    /** The payload as the record the catalogue declares for this event's type. */
    public <P> P dataAs(EventType<P> type) {
        if (!type.name().equals(this.type)) {
            throw new IllegalArgumentException("event " + id + " is a " + this.type + ", not a " + type.name());
        }
        return EventJson.fromTree(data, type.payloadClass());
    }

    private static void requirePresent(String value, String attribute) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("CloudEvents attribute '" + attribute + "' is required");
        }
    }
}
