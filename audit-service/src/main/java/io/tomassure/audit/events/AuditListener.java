package io.tomassure.audit.events;

import java.sql.SQLException;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.tomassure.audit.repository.CompletenessStore;
import io.tomassure.audit.service.AuditLog;
import io.tomassure.events.EventEnvelope;
import io.tomassure.events.Topics;
import io.tomassure.events.approval.ApprovalEvents;
import io.tomassure.events.assessment.AssessmentEvents;
import io.tomassure.outbox.EventInbox;
import io.tomassure.outbox.UnprocessableEventException;
import io.tomassure.support.time.TimeSource;

/**
 * Every event of every service's topic, logged once, through the shared idempotent consumer: a poll's entries and
 * the completeness audit's changes in one transaction, a transient failure retried, and a message that is not an
 * event sent to the dead-letter topic (the partition moves on).
 */
@ApplicationScoped
public class AuditListener {

    static final String CONSUMER = "audit-service";

    private final EventInbox inbox;
    private final AuditLog log;
    private final CompletenessStore completeness;
    private final TimeSource time;

    AuditListener(EventInbox inbox, AuditLog log, CompletenessStore completeness, TimeSource time) {
        this.inbox = inbox;
        this.log = log;
        this.completeness = completeness;
        this.time = time;
    }

    @Incoming("assessment-events")
    @Blocking
    public CompletionStage<Void> onAssessmentEvents(KafkaRecordBatch<String, String> batch) {
        return record(Topics.ASSESSMENT, batch);
    }

    @Incoming("approval-events")
    @Blocking
    public CompletionStage<Void> onApprovalEvents(KafkaRecordBatch<String, String> batch) {
        return record(Topics.APPROVAL, batch);
    }

    @Incoming("notification-events")
    @Blocking
    public CompletionStage<Void> onNotificationEvents(KafkaRecordBatch<String, String> batch) {
        return record(Topics.NOTIFICATION, batch);
    }

    CompletionStage<Void> record(String topic, KafkaRecordBatch<String, String> batch) {
        String owner = Topics.owner(topic);
        return inbox.consume(CONSUMER, batch, deliveries -> {
            for (EventInbox.Delivery delivery : deliveries) {
                refuseForeign(delivery.event(), topic, owner);
            }
            try {
                log.append(topic, deliveries);
                for (EventInbox.Delivery delivery : deliveries) {
                    EventEnvelope event = delivery.event();
                    if (AssessmentEvents.PHASE_SUBMITTED.name().equals(event.type())) {
                        completeness.submitted(event.dataAs(AssessmentEvents.PHASE_SUBMITTED), time.now());
                    } else if (ApprovalEvents.NON_CONFORMANCE_REVIEWED.name().equals(event.type())) {
                        completeness.reviewed(event.dataAs(ApprovalEvents.NON_CONFORMANCE_REVIEWED));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * The log signs what it chains, so it takes an event only from the service that owns its topic: one saying it
     * comes from another (a forgery, or a misconfigured service) is dead-lettered with the reason, never logged.
     */
    static void refuseForeign(EventEnvelope event, String topic, String owner) {
        if (!owner.equals(event.source())) {
            throw new UnprocessableEventException("event " + event.id() + " on " + topic + " says it comes from '"
                    + event.source() + "', but only " + owner + " publishes there");
        }
    }
}
