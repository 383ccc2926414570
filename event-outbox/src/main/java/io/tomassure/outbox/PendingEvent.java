package io.tomassure.outbox;

/** An outbox row waiting to be published. */
record PendingEvent(long seq, String eventId, String topic, String key, String payload) {
}
