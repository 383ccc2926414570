package io.tomassure.events;

import java.util.Map;

/**
 * Kafka topics: one per owning service, keyed by aggregate id. Dead letters go to
 * {@code <topic>.dlq.<consumer>} so each consumer's failures can be re-driven on their own.
 */
public final class Topics {

    /** Version of the payload schemas; bumped when a payload changes incompatibly. */
    public static final int SCHEMA_VERSION = 1;

    public static final String ASSESSMENT = "tom.assessment.events";
    public static final String APPROVAL = "tom.approval.events";
    public static final String AUDIT = "tom.audit.events";
    public static final String NOTIFICATION = "tom.notification.events";

    /** Who publishes each topic: the only service that may write it, whose name its events carry as their source. */
    private static final Map<String, String> OWNERS = Map.of(ASSESSMENT, "assessment-service", APPROVAL, "approval-service",
            AUDIT, "audit-service", NOTIFICATION, "notification-service");

    private Topics() {
    }

    /** The service that owns {@code topic}. */
    public static String owner(String topic) {
        String owner = OWNERS.get(topic);
        if (owner == null) {
            throw new IllegalArgumentException("not a TOM topic: " + topic);
        }
        return owner;
    }

    public static String deadLetter(String topic, String consumer) {
        return topic + ".dlq." + consumer;
    }
}
