package io.tomassure.outbox;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * How a batch went: the first {@code acknowledged} events were acknowledged by every in-sync replica;
 * {@code failure} is why the next one was not (null when the whole batch went).
 */
record PublishOutcome(int acknowledged, Exception failure) {

    static final PublishOutcome NOTHING = new PublishOutcome(0, null);

    /** Whether the event that failed was refused for what it is: sending it again can never succeed. */
    boolean refusedForGood() {
        return failure != null && refusedForGood(failure);
    }

    /**
     * Refusals of the record itself (its size or form), as opposed to the broker being away, slow or misconfigured,
     * which time mends and which must keep the events waiting in order.
     */
    static boolean refusedForGood(Throwable failure) {
        return failure instanceof RecordTooLargeException || failure instanceof RecordBatchTooLargeException
                || failure instanceof InvalidRecordException || failure instanceof SerializationException;
    }
}
