package io.tomassure.notification.events;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.tomassure.events.EventEnvelope;
import io.tomassure.events.assessment.AssessmentEvents;
import io.tomassure.notification.service.Directory;
import io.tomassure.notification.service.Notices;
import io.tomassure.notification.service.Reminders;
import io.tomassure.outbox.EventInbox;

/** The other services' events, applied once each: the directory, what reminders watch, and the notices. */
@ApplicationScoped
public class EventsListener {

    static final String CONSUMER = "notification-service";

    private final EventInbox inbox;
    private final Directory directory;
    private final Notices notices;
    private final Reminders reminders;

    EventsListener(EventInbox inbox, Directory directory, Notices notices, Reminders reminders) {
        this.inbox = inbox;
        this.directory = directory;
        this.notices = notices;
        this.reminders = reminders;
    }

    @Incoming("assessment-events")
    @Blocking
    public CompletionStage<Void> onAssessmentEvents(KafkaRecordBatch<String, String> batch) {
        return inbox.consume(CONSUMER, batch, EventInbox.eachEvent(this::apply));
    }

    @Incoming("approval-events")
    @Blocking
    public CompletionStage<Void> onApprovalEvents(KafkaRecordBatch<String, String> batch) {
        return inbox.consume(CONSUMER, batch, EventInbox.eachEvent(this::apply));
    }

    void apply(EventEnvelope event) {
        if (AssessmentEvents.ORGANISATION_REGISTERED.name().equals(event.type())) {
            directory.registered(event.dataAs(AssessmentEvents.ORGANISATION_REGISTERED));
        } else if (AssessmentEvents.CONTACTS_CHANGED.name().equals(event.type())) {
            directory.contactsChanged(event.dataAs(AssessmentEvents.CONTACTS_CHANGED));
        }
        reminders.track(event);
        notices.notify(event);
    }
}
