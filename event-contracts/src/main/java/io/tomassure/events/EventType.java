package io.tomassure.events;

import java.util.Objects;

/**
 * A catalogued event type: its CloudEvents {@code type}, the topic of the service that owns it and the
 * record its {@code data} carries. Catalogues of types live in one class per owning service.
 */
public record EventType<P>(String name, String topic, Class<P> payloadClass) {

    public EventType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payloadClass, "payloadClass");
    }

    public static <P> EventType<P> of(String name, String topic, Class<P> payloadClass) {
        return new EventType<>(name, topic, payloadClass);
    }

    /** The CloudEvents {@code dataschema}: names the type and the payload's schema version. */
    public String dataschema() {
        return "urn:tomassure:event:" + name + ":v" + Topics.SCHEMA_VERSION;
    }
}
