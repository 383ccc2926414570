package io.tomassure.assessment.events;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.tomassure.assessment.domain.Phase;
import io.tomassure.assessment.domain.PhaseStatus;
import io.tomassure.assessment.service.Answers;
import io.tomassure.assessment.service.Phases;
import io.tomassure.events.EventEnvelope;
import io.tomassure.events.approval.ApprovalEvents;
import io.tomassure.outbox.EventInbox;
import io.tomassure.outbox.UnprocessableEventException;
import io.tomassure.support.time.TimeSource;

/**
 * Shows each phase's decision: approval-service's decisions move the phase out of review (a return or a
 * rejection makes its rows editable again). A decision about an older revision than the latest changes nothing.
 */
@ApplicationScoped
public class DecisionListener {

    static final String CONSUMER = "assessment-service";
    private static final Logger LOG = Logger.getLogger(DecisionListener.class);

    private final EventInbox inbox;
    private final TimeSource time;

    DecisionListener(EventInbox inbox, TimeSource time) {
        this.inbox = inbox;
        this.time = time;
    }

    @Incoming("approval-events")
    @Blocking
    public CompletionStage<Void> onApprovalEvents(KafkaRecordBatch<String, String> batch) {
        return inbox.consume(CONSUMER, batch, EventInbox.eachEvent(this::apply));
    }

    void apply(EventEnvelope event) {
        if (!ApprovalEvents.PHASE_DECIDED.name().equals(event.type())) {
            return;
        }
        ApprovalEvents.PhaseDecided decision = event.dataAs(ApprovalEvents.PHASE_DECIDED);
        ApprovalEvents.Outcome outcome = outcome(decision);
        Phase phase = Phase.fromLabel(decision.phase());
        PhaseStatus status = Phases.status(decision.assessmentId(), decision.deploymentId(), phase).orElse(null);
        if (status == null || status.revision != decision.revision()) {
            LOG.infof("decision %s on %s phase %s revision %d ignored: the latest revision is %s", event.id(),
                    decision.assessmentId(), decision.phase(), decision.revision(), status == null ? "none" : status.revision);
            return;
        }
        status.state = outcome.name();
        if (outcome == ApprovalEvents.Outcome.APPROVED) {
            status.approvedRevision = decision.revision();
        }
        status.reason = decision.reason();
        status.updatedAt = time.now();
        Answers.revise(decision.assessmentId(), decision.deploymentId()); // the phase state is part of the view's ETag
    }

    private static ApprovalEvents.Outcome outcome(ApprovalEvents.PhaseDecided decision) {
        try {
            return ApprovalEvents.Outcome.valueOf(String.valueOf(decision.outcome()));
        } catch (IllegalArgumentException e) {
            throw new UnprocessableEventException("unknown decision outcome '" + decision.outcome() + "'");
        }
    }
}
