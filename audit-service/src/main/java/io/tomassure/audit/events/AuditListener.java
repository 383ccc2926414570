package io.tomassure.audit.events;

import java.sql.SQLException;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.tomassure.audit.service.AuditLog;
import io.tomassure.audit.service.CompletenessAudit;
import io.tomassure.events.Topics;
import io.tomassure.events.approval.ApprovalEvents;
import io.tomassure.events.assessment.AssessmentEvents;
import io.tomassure.outbox.EventInbox;

/**
 * Every event of every service's topic, logged once, through the shared idempotent consumer: the entry and the
 * completeness audit change in one transaction, a transient failure is retried, and a message that is not an
 * event goes to the dead-letter topic (the partition moves on).
 */
@ApplicationScoped
public class AuditListener {

    static final String CONSUMER = "audit-service";

    private final EventInbox inbox;
    private final AuditLog log;
    private final CompletenessAudit completeness;

    AuditListener(EventInbox inbox, AuditLog log, CompletenessAudit completeness) {
        this.inbox = inbox;
        this.log = log;
        this.completeness = completeness;
    }

    @Incoming("assessment-events")
    @Blocking
    public void onAssessmentEvent(String message) {
        record(Topics.ASSESSMENT, message);
    }

    @Incoming("approval-events")
    @Blocking
    public void onApprovalEvent(String message) {
        record(Topics.APPROVAL, message);
    }

    @Incoming("notification-events")
    @Blocking
    public void onNotificationEvent(String message) {
        record(Topics.NOTIFICATION, message);
    }

    void record(String topic, String message) {
        inbox.consume(CONSUMER, message, event -> {
            try {
                log.append(topic, event, message);
                if (AssessmentEvents.PHASE_SUBMITTED.name().equals(event.type())) {
                    completeness.submitted(event.dataAs(AssessmentEvents.PHASE_SUBMITTED), Instant.now());
                } else if (ApprovalEvents.NON_CONFORMANCE_REVIEWED.name().equals(event.type())) {
                    completeness.reviewed(event.dataAs(ApprovalEvents.NON_CONFORMANCE_REVIEWED));
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
