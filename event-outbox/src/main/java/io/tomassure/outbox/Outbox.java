package io.tomassure.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;

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

    /** Records a ready-made event for {@code topic}, keyed by its subject. */
    @Transactional(TxType.MANDATORY)
    public void record(String topic, EventEnvelope event) {
        String json = EventJson.write(event);
        // Inside a JTA transaction the pool hands out the transaction's own connection: these statements commit
        // or roll back with the caller's state change.
        try (Connection connection = dataSource.getConnection()) {
            // The aggregate lock serialises writers of one aggregate until commit, so that outbox order (seq) is
            // commit order for that aggregate. The NOTIFY is delivered on commit only, never for a rollback.
            try (PreparedStatement lock = connection.prepareStatement(
                    "select pg_advisory_xact_lock(?, hashtext(?)), pg_notify('" + CHANNEL + "', '')")) {
                lock.setInt(1, AGGREGATE_LOCKS);
                lock.setString(2, event.subject());
                lock.executeQuery().close();
            }
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into outbox_event (event_id, topic, message_key, event_type, payload, created_at)
                    values (?, ?, ?, ?, ?, ?)""")) {
                insert.setObject(1, event.id());
                insert.setString(2, topic);
                insert.setString(3, event.subject());
                insert.setString(4, event.type());
                insert.setString(5, json);
                insert.setTimestamp(6, Timestamp.from(event.time().toInstant()));
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record event " + event.id() + " in the outbox", e);
        }
    }
}
