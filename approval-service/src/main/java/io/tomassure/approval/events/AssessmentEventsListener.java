package io.tomassure.approval.events;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.tomassure.approval.domain.DeploymentRef;
import io.tomassure.approval.service.Cases;
import io.tomassure.approval.service.Gates;
import io.tomassure.approval.service.References;
import io.tomassure.events.EventEnvelope;
import io.tomassure.events.assessment.AssessmentEvents;
import io.tomassure.outbox.EventInbox;

/**
 * assessment-service's events, applied once each: assessments and deployments become known, submissions open
 * review cases, required evidence is judged in or out of date. Every change re-evaluates the gates it touches, so the order of arrival does not matter.
 */
@ApplicationScoped
public class AssessmentEventsListener {

    static final String CONSUMER = "approval-service";

    private final EventInbox inbox;
    private final Cases cases;
    private final Gates gates;
    private final References references;

    AssessmentEventsListener(EventInbox inbox, Cases cases, Gates gates, References references) {
        this.inbox = inbox;
        this.cases = cases;
        this.gates = gates;
        this.references = references;
    }

    @Incoming("assessment-events")
    @Blocking
    public CompletionStage<Void> onAssessmentEvents(KafkaRecordBatch<String, String> batch) {
        return inbox.consume(CONSUMER, batch, EventInbox.eachEvent(this::apply));
    }

    void apply(EventEnvelope event) {
        if (AssessmentEvents.CREATED.name().equals(event.type())) {
            var created = event.dataAs(AssessmentEvents.CREATED);
            references.assessment(created.assessmentId(), created.productId(), created.productVersion(),
                    created.supplierOds(), created.programme());
            gates.reevaluateAssessment(created.assessmentId());
        } else if (AssessmentEvents.DEPLOYMENT_CREATED.name().equals(event.type())) {
            var created = event.dataAs(AssessmentEvents.DEPLOYMENT_CREATED);
            DeploymentRef deployment = references.deployment(created.deploymentId(), created.assessmentId(),
                    created.supplierOds(), created.euoOds());
            gates.reevaluate(deployment);
        } else if (AssessmentEvents.PHASE_SUBMITTED.name().equals(event.type())) {
            cases.open(event.dataAs(AssessmentEvents.PHASE_SUBMITTED));
        } else if (AssessmentEvents.REQUIRED_EVIDENCE_CHANGED.name().equals(event.type())) {
            gates.evidenceChanged(event.dataAs(AssessmentEvents.REQUIRED_EVIDENCE_CHANGED));
        }
    }
}
