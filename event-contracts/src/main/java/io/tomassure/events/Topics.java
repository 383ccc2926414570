package io.tomassure.events;

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

    private Topics() {
    }

    public static String deadLetter(String topic, String consumer) {
        return topic + ".dlq." + consumer;
    }
}
