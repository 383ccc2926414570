package io.tomassure.events.notification;

import java.util.UUID;

import io.tomassure.events.EventType;
import io.tomassure.events.Topics;

/** Events published by notification-service on {@link Topics#NOTIFICATION}: every delivery, so the audit log sees it. */
public final class NotificationEvents {

    private NotificationEvents() {
    }

    public static final EventType<Delivery> DELIVERED = EventType.of(
            "tom.notification.delivered", Topics.NOTIFICATION, Delivery.class);
    public static final EventType<Delivery> FAILED = EventType.of(
            "tom.notification.failed", Topics.NOTIFICATION, Delivery.class);

    /**
     * A delivery of a notice about {@code eventId} by {@code channel} (EMAIL, WEBHOOK, INBOX) to organisation
     * {@code organisation}; {@code dead} when it was given up after {@code attempts}.
     */
    public record Delivery(UUID deliveryId, UUID eventId, String eventType, String rule, String channel,
            String organisation, String recipient, int attempts, boolean dead, String error, String by) {
    }
}
