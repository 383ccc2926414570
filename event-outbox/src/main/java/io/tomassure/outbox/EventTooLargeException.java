package io.tomassure.outbox;

/**
 * A change would record an event larger than {@code tom.events.max-event-bytes}. Thrown by {@link Outbox#record}
 * inside the change's transaction, which it rolls back: the change is refused rather than leave an event the broker
 * would never take at the head of the outbox.
 */
public class EventTooLargeException extends RuntimeException {

    private final String eventType;
    private final long size;
    private final long limit;

    EventTooLargeException(String eventType, long size, long limit) {
        super("event " + eventType + " would be " + size + " bytes; events are limited to " + limit);
        this.eventType = eventType;
        this.size = size;
        this.limit = limit;
    }

    public String eventType() {
        return eventType;
    }

    public long size() {
        return size;
    }

    public long limit() {
        return limit;
    }
}
