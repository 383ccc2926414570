package io.tomassure.outbox;

import java.time.Instant;
import java.util.UUID;

/** An event the broker refused for good, set aside with the reason (its payload stays in the table). */
public record DeadLetter(UUID eventId, String eventType, String topic, String key, long sizeBytes, int attempts,
        String reason, Instant createdAt, Instant deadLetteredAt, int redriven) {
}
