package io.tomassure.outbox;

import java.time.Instant;

/**
 * The outbox backlog as operators see it; {@code deadLetters} counts the events the broker refused for good, which
 * wait aside for an admin to re-drive them.
 */
public record OutboxStatus(long pending, Instant oldestPendingSince, Instant lastPublishedAt, String lastError,
        long deadLetters) {
}
