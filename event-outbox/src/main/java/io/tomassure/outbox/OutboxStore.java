package io.tomassure.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

/** The relay's view of the outbox table: plain JDBC, one short transaction per batch. */
@ApplicationScoped
public class OutboxStore {

    private static final Logger LOG = Logger.getLogger(OutboxStore.class);

    /** What a batch publication did, to be written back in the batch's transaction. */
    interface BatchPublisher {
        PublishOutcome publish(List<PendingEvent> batch);
    }

    /**
     * What one batch did: events published, events set aside because the broker refused them for good, and the
     * passing failure (the broker away, say) that stopped it, if any.
     */
    record Round(int published, int deadLettered, Exception failure) {

        static final Round NOTHING = new Round(0, 0, null);
    }

    private final DataSource dataSource;

    OutboxStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Claims the oldest unpublished events, lets {@code publisher} send them and marks the acknowledged prefix
     * published, all in one transaction. Only one relay in the cluster works at a time (a transaction-scoped
     * advisory lock), so events leave in {@code seq} order. An event the broker refuses for good is moved to the dead
     * letters, so that it cannot hold back the events behind it; the rest keep their order.
     *
     * @return what was done, or {@link Round#NOTHING} when there was nothing to do or another relay is busy
     */
    Round publishNextBatch(int batchSize, BatchPublisher publisher) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Round round = publishInTransaction(connection, batchSize, publisher);
                connection.commit();
                return round;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private Round publishInTransaction(Connection connection, int batchSize, BatchPublisher publisher)
            throws SQLException {
        if (!tryRelayLock(connection)) {
            return Round.NOTHING;
        }
        List<PendingEvent> batch = pending(connection, batchSize);
        if (batch.isEmpty()) {
            return Round.NOTHING;
        }
        PublishOutcome outcome = publisher.publish(batch);
        markPublished(connection, batch.subList(0, outcome.acknowledged()));
        if (outcome.failure() == null) {
            return new Round(outcome.acknowledged(), 0, null);
        }
        PendingEvent failed = batch.get(outcome.acknowledged());
        if (outcome.refusedForGood()) {
            deadLetter(connection, failed, outcome.failure());
            return new Round(outcome.acknowledged(), 1, null);
        }
        recordFailure(connection, failed, outcome.failure());
        return new Round(outcome.acknowledged(), 0, outcome.failure());
    }

    /** Moves an event out of the outbox into the dead letters (again, if it was re-driven and refused once more). */
    private static void deadLetter(Connection connection, PendingEvent event, Exception failure) throws SQLException {
        try (PreparedStatement move = connection.prepareStatement("""
                with moved as (delete from outbox_event where seq = ?
                               returning event_id, seq, topic, message_key, event_type, payload, created_at, attempts)
                insert into outbox_dead_letter (event_id, seq, topic, message_key, event_type, payload, created_at,
                                                attempts, reason)
                select event_id, seq, topic, message_key, event_type, payload, created_at, attempts + 1, ? from moved
                on conflict (event_id) do update set seq = excluded.seq, reason = excluded.reason,
                    attempts = outbox_dead_letter.attempts + excluded.attempts, dead_lettered_at = now(),
                    redriven_at = null""")) {
            move.setLong(1, event.seq());
            move.setString(2, String.valueOf(failure.getMessage()));
            move.executeUpdate();
        }
        LOG.warnf("outbox event %s (seq %d, key %s) refused by the broker for good, moved to the dead letters: %s",
                event.eventId(), event.seq(), event.key(), failure.getMessage());
    }

    private static boolean tryRelayLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_xact_lock(?, 0)")) {
            lock.setInt(1, Outbox.RELAY_LOCK);
            try (ResultSet rs = lock.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static List<PendingEvent> pending(Connection connection, int batchSize) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                select seq, event_id, topic, message_key, payload from outbox_event
                where published_at is null order by seq limit ?""")) {
            select.setInt(1, batchSize);
            List<PendingEvent> batch = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    batch.add(new PendingEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5)));
                }
            }
            return batch;
        }
    }

    private static void markPublished(Connection connection, List<PendingEvent> published) throws SQLException {
        if (published.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(
                "update outbox_event set published_at = now(), attempts = attempts + 1 where seq = any(?)")) {
            update.setArray(1, connection.createArrayOf("bigint", published.stream().map(PendingEvent::seq).toArray()));
            update.executeUpdate();
        }
    }

    private static void recordFailure(Connection connection, PendingEvent event, Exception failure) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "update outbox_event set attempts = attempts + 1, last_error = ? where seq = ?")) {
            update.setString(1, String.valueOf(failure.getMessage()));
            update.setLong(2, event.seq());
            update.executeUpdate();
        }
    }

    /**
     * Deletes published events older than {@code retention}; returns how many. The database's clock, which stamped
     * them published, says how old they are.
     */
    int purgePublished(Duration retention) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "delete from outbox_event where published_at < now() - make_interval(secs => ?)")) {
            delete.setDouble(1, retention.toMillis() / 1000.0);
            return delete.executeUpdate();
        }
    }

    /** Backlog figures for operators. */
    public OutboxStatus status() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        select count(*) filter (where published_at is null),
                               min(created_at) filter (where published_at is null),
                               max(published_at),
                               (select last_error from outbox_event where published_at is null and last_error is not null
                                order by seq limit 1),
                               (select count(*) from outbox_dead_letter where redriven_at is null)
                        from outbox_event""");
                ResultSet rs = select.executeQuery()) {
            rs.next();
            return new OutboxStatus(rs.getLong(1), instant(rs.getTimestamp(2)), instant(rs.getTimestamp(3)),
                    rs.getString(4), rs.getLong(5));
        }
    }

    /** The events waiting in the dead letters, oldest first, at most {@code limit}. */
    public List<DeadLetter> deadLetters(int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        select event_id, event_type, topic, message_key, octet_length(payload), attempts, reason,
                               created_at, dead_lettered_at, redriven
                        from outbox_dead_letter where redriven_at is null order by dead_lettered_at, seq limit ?""")) {
            select.setInt(1, limit);
            List<DeadLetter> letters = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    letters.add(new DeadLetter(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getLong(5), rs.getInt(6), rs.getString(7), instant(rs.getTimestamp(8)),
                            instant(rs.getTimestamp(9)), rs.getInt(10)));
                }
            }
            return letters;
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
