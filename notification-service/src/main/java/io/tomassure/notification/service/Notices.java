package io.tomassure.notification.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.qute.Engine;
import io.tomassure.events.EventEnvelope;
import io.tomassure.events.EventJson;
import io.tomassure.events.notification.NotificationEvents;
import io.tomassure.notification.domain.Channel;
import io.tomassure.notification.domain.Rule;
import io.tomassure.notification.domain.RoutingRules;
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
    private final DataSource dataSource;
    private final Engine templates;
    private final Outbox outbox;
    private final TimeSource time;
    private final ObjectMapper json = new ObjectMapper();

    Notices(Directory directory, DataSource dataSource, Engine templates, Outbox outbox, TimeSource time) {
        this.directory = directory;
        this.dataSource = dataSource;
        this.templates = templates;
        this.outbox = outbox;
        this.time = time;
    }

    public RoutingRules rules() {
        return rules;
    }

    /** Creates the deliveries this event calls for, in the caller's transaction. */
    public void notify(EventEnvelope event) throws SQLException {
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
                    Set<Channel> channels = Channel.forNotice(rule.mandatory(), muted(odsCode, event.type()));
                    if (channels.contains(Channel.EMAIL)) {
                        for (String email : directory.emails(odsCode, target.roles())) {
                            deliver(event, rule, Channel.EMAIL, odsCode, email, title, body);
                        }
                    }
                    if (channels.contains(Channel.WEBHOOK)) {
                        for (UUID webhook : webhooks(odsCode)) {
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
            String body) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement("""
                insert into delivery (id, event_id, event_type, rule, channel, ods_code, recipient, subject, body, status,
                                      next_attempt_at, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?) on conflict do nothing""")) {
            Timestamp now = Timestamp.from(time.now());
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, event.id());
            insert.setString(3, event.type());
            insert.setString(4, rule.id());
            insert.setString(5, channel.name());
            insert.setString(6, odsCode);
            insert.setString(7, recipient);
            insert.setString(8, title);
            insert.setString(9, body);
            insert.setTimestamp(10, now);
            insert.setTimestamp(11, now);
            insert.executeUpdate();
        }
    }

    /** The inbox is in this service's own database: the item is the delivery. */
    private void toInbox(EventEnvelope event, Rule rule, String odsCode, String title, String body) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement insert = c.prepareStatement("""
                    insert into inbox_item (id, ods_code, event_id, event_type, title, body, created_at)
                    values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")) {
                insert.setObject(1, Ids.next()); // time-ordered: the inbox pages newest first by id
                insert.setString(2, odsCode);
                insert.setObject(3, event.id());
                insert.setString(4, event.type());
                insert.setString(5, title);
                insert.setString(6, body);
                insert.setTimestamp(7, Timestamp.from(time.now()));
                if (insert.executeUpdate() == 0) {
                    return;
                }
            }
            UUID delivery = UUID.randomUUID();
            try (PreparedStatement insert = c.prepareStatement("""
                    insert into delivery (id, event_id, event_type, rule, channel, ods_code, recipient, subject, body, status,
                                          attempts, next_attempt_at, created_at, sent_at)
                    values (?, ?, ?, ?, 'INBOX', ?, 'inbox', ?, ?, 'SENT', 1, ?, ?, ?) on conflict do nothing""")) {
                Timestamp now = Timestamp.from(time.now());
                insert.setObject(1, delivery);
                insert.setObject(2, event.id());
                insert.setString(3, event.type());
                insert.setString(4, rule.id());
                insert.setString(5, odsCode);
                insert.setString(6, title);
                insert.setString(7, body);
                insert.setTimestamp(8, now);
                insert.setTimestamp(9, now);
                insert.setTimestamp(10, now);
                insert.executeUpdate();
            }
            outbox.record(NotificationEvents.DELIVERED, delivery.toString(), new NotificationEvents.Delivery(delivery,
                    event.id(), event.type(), rule.id(), Channel.INBOX.name(), odsCode, "inbox", 1, false, null, SELF));
        }
    }

    private Set<Channel> muted(String odsCode, String eventType) throws SQLException {
        Set<Channel> muted = EnumSet.noneOf(Channel.class);
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "select channel from preference where ods_code = ? and event_type = ? and muted")) {
            select.setString(1, odsCode);
            select.setString(2, eventType);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    muted.add(Channel.valueOf(rs.getString(1)));
                }
            }
        }
        return muted;
    }

    private List<UUID> webhooks(String odsCode) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "select id from webhook where ods_code = ? and active order by created_at")) {
            select.setString(1, odsCode);
            List<UUID> ids = new java.util.ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            return ids;
        }
    }
}
