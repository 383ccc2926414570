package io.tomassure.outbox;

import java.time.Instant;

/** The outbox backlog as operators see it. */
public record OutboxStatus(long pending, Instant oldestPendingSince, Instant lastPublishedAt, String lastError) {
}
