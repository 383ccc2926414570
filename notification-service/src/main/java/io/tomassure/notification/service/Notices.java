package io.tomassure.notification.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.qute.Engine;
import io.tomassure.events.EventEnvelope;
import io.tomassure.events.EventJson;
import io.tomassure.events.notification.NotificationEvents;
import io.tomassure.notification.domain.Channel;
import io.tomassure.notification.domain.RoutingRules;
import io.tomassure.notification.domain.Rule;
import io.tomassure.notification.repository.DeliveryRepository;
import io.tomassure.notification.repository.DeliveryRepository.Delivery;
import io.tomassure.notification.repository.InboxRepository;
import io.tomassure.notification.repository.InboxRepository.InboxItem;
import io.tomassure.notification.repository.PreferenceRepository;
import io.tomassure.notification.repository.WebhookRepository;
import io.tomassure.outbox.Outbox;
import io.tomassure.support.Ids;
import io.tomassure.support.time.TimeSource;

/**
 * Turns an event into notices: the routing rules say who is told; each organisation gets an email per recipient
 * of the named roles, a signed webhook call per registered endpoint and an inbox item, less what it muted. Every
 * delivery is one row keyed by (event, channel, recipient), so a redelivered event sends nothing twice.
 */
@ApplicationScoped
public class Notices {

    static final String SELF = "notification-service";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final RoutingRules rules = RoutingRules.standard();
    private final Directory directory;
    private final PreferenceRepository preferences;
    private final WebhookRepository webhooks;
    private final DeliveryRepository deliveries;
    private final InboxRepository inbox;
    private final Engine templates;
    private final Outbox outbox;
    private final TimeSource time;
    private final ObjectMapper json = new ObjectMapper();

    Notices(Directory directory, PreferenceRepository preferences, WebhookRepository webhooks,
            DeliveryRepository deliveries, InboxRepository inbox, Engine templates, Outbox outbox, TimeSource time) {
        this.directory = directory;
        this.preferences = preferences;
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.inbox = inbox;
        this.templates = templates;
        this.outbox = outbox;
        this.time = time;
    }

    public RoutingRules rules() {
        return rules;
    }

    /** Creates the deliveries this event calls for, in the caller's transaction. */
    public void notify(EventEnvelope event) {
        List<Rule> matching = rules.matching(event.type(), event.data());
        if (matching.isEmpty()) {
            return;
        }
        Map<String, Object> data = json.convertValue(event.data(), MAP);
        String raw = EventJson.write(event);
        for (Rule rule : matching) {
            String title = templates.parse(rule.title()).data("data", data).render().trim();
            String body = templates.getTemplate("notices/" + rule.id()).data("data", data).data("event", event).render();
            for (Rule.Target target : rule.tell()) {
                for (String odsCode : directory.organisations(target.party(), event.data())) {
                    Set<Channel> channels = Channel.forNotice(rule.mandatory(), preferences.muted(odsCode, event.type()));
                    if (channels.contains(Channel.EMAIL)) {
                        for (String email : directory.emails(odsCode, target.roles())) {
                            deliver(event, rule, Channel.EMAIL, odsCode, email, title, body);
                        }
                    }
                    if (channels.contains(Channel.WEBHOOK)) {
                        for (UUID webhook : webhooks.activeIds(odsCode)) {
                            deliver(event, rule, Channel.WEBHOOK, odsCode, webhook.toString(), title, raw);
                        }
                    }
                    if (channels.contains(Channel.INBOX)) {
                        toInbox(event, rule, odsCode, title, body);
                    }
                }
            }
        }
    }

    private void deliver(EventEnvelope event, Rule rule, Channel channel, String odsCode, String recipient, String title,
            String body) {
        deliveries.insert(new Delivery(Ids.next(), event.id(), event.type(), rule.id(), channel, odsCode, recipient, title,
                body, 0), "PENDING", time.now(), null);
    }

    /** The inbox is in this service's own database: the item is the delivery. */
    private void toInbox(EventEnvelope event, Rule rule, String odsCode, String title, String body) {
        // The id is time-ordered: the inbox pages newest first by id.
        InboxItem item = new InboxItem(Ids.next(), event.id(), event.type(), title, body, time.now(), null);
        if (!inbox.insert(odsCode, item)) {
            return;
        }
        UUID delivery = Ids.next();
        Instant now = time.now();
        deliveries.insert(new Delivery(delivery, event.id(), event.type(), rule.id(), Channel.INBOX, odsCode, "inbox", title,
                body, 1), "SENT", now, now);
        outbox.record(NotificationEvents.DELIVERED, delivery.toString(), new NotificationEvents.Delivery(delivery,
                event.id(), event.type(), rule.id(), Channel.INBOX.name(), odsCode, "inbox", 1, false, null, SELF));
    }
}
