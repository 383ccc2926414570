package io.tomassure.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.tomassure.events.EventEnvelope;
import io.tomassure.events.EventJson;
import io.tomassure.events.EventType;

/**
 * Records events in the service's own database, in the caller's transaction: an event exists if and only if
 * the state change it describes was committed. {@link OutboxRelay} publishes it afterwards.
 */
@ApplicationScoped
public class Outbox {

    /** The PostgreSQL NOTIFY channel that wakes the relay when a transaction that recorded events commits. */
    static final String CHANNEL = "tom_outbox";
    /** Advisory-lock namespaces (first key of the two-key form), so ours never collide with anyone else's. */
    static final int AGGREGATE_LOCKS = 0x70B0_0001;
    static final int RELAY_LOCK = 0x70B0_0002;

    private final DataSource dataSource;
    private final EventsConfig config;

    Outbox(DataSource dataSource, EventsConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /** Records a new event of a catalogued type about aggregate {@code subject}; returns it as it will be published. */
    @Transactional(TxType.MANDATORY)
    public <P> EventEnvelope record(EventType<P> type, String subject, P payload) {
        EventEnvelope event = EventEnvelope.of(type, config.source(), subject, payload);
        record(type.topic(), event);
        return event;
    }

    /**
     * Records a ready-made event for {@code topic}, keyed by its subject. An event over the size limit is refused with
     * {@link EventTooLargeException}, which rolls the caller's change back: the broker would never take it.
     */
    @Transactional(TxType.MANDATORY)
    public void record(String topic, EventEnvelope event) {
        String json = EventJson.write(event);
        refuseIfTooLarge(event, json, config.maxEventBytes());
        insert(event.id(), topic, event.subject(), event.type(), json, Timestamp.from(event.time().toInstant()));
    }

    /**
     * Sends a dead-lettered event back to the end of the outbox, once an operator has fixed why the broker refused it
     * (a larger {@code max.request.size}, say). Returns false when no such event waits in the dead letters.
     */
    @Transactional
    public boolean redrive(UUID eventId) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement claim = connection.prepareStatement("""
                update outbox_dead_letter set redriven = redriven + 1, redriven_at = now()
                where event_id = ? and redriven_at is null
                returning topic, message_key, event_type, payload, created_at""")) {
            claim.setObject(1, eventId);
            try (ResultSet rs = claim.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                insert(eventId, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getTimestamp(5));
                return true;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot re-drive event " + eventId, e);
        }
    }

    private void insert(UUID eventId, String topic, String key, String type, String json, Timestamp createdAt) {
        // Inside a JTA transaction the pool hands out the transaction's own connection: this statement commits or
        // rolls back with the caller's state change. The aggregate lock serialises writers of one aggregate until
        // commit, so that outbox order (seq) is commit order for that aggregate. The NOTIFY is delivered on commit
        // only, never for a rollback. Both are taken in the insert's own statement: one round trip per event.
        try (Connection connection = dataSource.getConnection(); PreparedStatement row = connection.prepareStatement("""
                insert into outbox_event (event_id, topic, message_key, event_type, payload, created_at)
                select ?, ?, ?, ?, ?, ?::timestamptz
                from (select pg_advisory_xact_lock(?, hashtext(?)), pg_notify('%s', '')) locked"""
                .formatted(CHANNEL))) {
            row.setObject(1, eventId);
            row.setString(2, topic);
            row.setString(3, key);
            row.setString(4, type);
            row.setString(5, json);
            row.setTimestamp(6, createdAt);
            row.setInt(7, AGGREGATE_LOCKS);
            row.setString(8, key);
            row.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record event " + eventId + " in the outbox", e);
        }
    }

    static void refuseIfTooLarge(EventEnvelope event, String json, int limit) {
        if ((long) json.length() * 3 <= limit) {
            return; // surely within the limit: a char is at most 3 bytes of UTF-8, so nothing is counted
        }
        long size = json.getBytes(StandardCharsets.UTF_8).length;
        if (size > limit) {
            throw new EventTooLargeException(event.type(), size, limit);
        }
    }
}
