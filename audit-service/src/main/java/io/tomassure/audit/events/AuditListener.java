package io.tomassure.audit.events;

import java.sql.SQLException;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.tomassure.audit.service.AuditLog;
import io.tomassure.audit.service.CompletenessAudit;
import io.tomassure.events.EventEnvelope;
import io.tomassure.events.EventJson;
import io.tomassure.events.Topics;
import io.tomassure.events.approval.ApprovalEvents;
import io.tomassure.events.assessment.AssessmentEvents;

/**
 * Every event of every service's topic, logged once. A message that is not an event goes to the dead-letter
 * topic (and the partition moves on); a redelivered event finds its id logged already.
 */
@ApplicationScoped
public class AuditListener {

    private final AuditLog log;
    private final CompletenessAudit completeness;

    AuditListener(AuditLog log, CompletenessAudit completeness) {
        this.log = log;
        this.completeness = completeness;
    }

    @Incoming("assessment-events")
    @Blocking
    public void onAssessmentEvent(String message) throws SQLException {
        record(Topics.ASSESSMENT, message);
    }

    @Incoming("approval-events")
    @Blocking
    public void onApprovalEvent(String message) throws SQLException {
        record(Topics.APPROVAL, message);
    }

    @Incoming("notification-events")
    @Blocking
    public void onNotificationEvent(String message) throws SQLException {
        record(Topics.NOTIFICATION, message);
    }

    void record(String topic, String message) throws SQLException {
        EventEnvelope event = EventJson.read(message);
        log.append(topic, event, message);
        if (AssessmentEvents.PHASE_SUBMITTED.name().equals(event.type())) {
            completeness.submitted(event.dataAs(AssessmentEvents.PHASE_SUBMITTED), Instant.now());
        } else if (ApprovalEvents.NON_CONFORMANCE_REVIEWED.name().equals(event.type())) {
            completeness.reviewed(event.dataAs(ApprovalEvents.NON_CONFORMANCE_REVIEWED));
        }
    }
}
