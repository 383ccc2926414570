package io.tomassure.outbox;

/**
 * How a batch went: the first {@code acknowledged} events were acknowledged by every in-sync replica;
 * {@code failure} is why the next one was not (null when the whole batch went).
 */
record PublishOutcome(int acknowledged, Exception failure) {

    static final PublishOutcome NOTHING = new PublishOutcome(0, null);
}
