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

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** The relay's view of the outbox table: plain JDBC, one short transaction per batch. */
@ApplicationScoped
public class OutboxStore {

    /** What a batch publication did, to be written back in the batch's transaction. */
    interface BatchPublisher {
        PublishOutcome publish(List<PendingEvent> batch);
    }

    private final DataSource dataSource;

    OutboxStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Claims the oldest unpublished events, lets {@code publisher} send them and marks the acknowledged prefix
     * published, all in one transaction. Only one relay in the cluster works at a time (a transaction-scoped
     * advisory lock), so events leave in {@code seq} order.
     *
     * @return the outcome, or {@link PublishOutcome#NOTHING} when there was nothing to do or another relay is busy
     */
    PublishOutcome publishNextBatch(int batchSize, BatchPublisher publisher) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                PublishOutcome outcome = publishInTransaction(connection, batchSize, publisher);
                connection.commit();
                return outcome;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private PublishOutcome publishInTransaction(Connection connection, int batchSize, BatchPublisher publisher)
            throws SQLException {
        if (!tryRelayLock(connection)) {
            return PublishOutcome.NOTHING;
        }
        List<PendingEvent> batch = pending(connection, batchSize);
        if (batch.isEmpty()) {
            return PublishOutcome.NOTHING;
        }
        PublishOutcome outcome = publisher.publish(batch);
        markPublished(connection, batch.subList(0, outcome.acknowledged()));
        if (outcome.failure() != null) {
            recordFailure(connection, batch.get(outcome.acknowledged()), outcome.failure());
        }
        return outcome;
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

    /** Deletes published events older than {@code retention}; returns how many. */
    int purgePublished(Duration retention) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "delete from outbox_event where published_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(Instant.now().minus(retention)));
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
                                order by seq limit 1)
                        from outbox_event""");
                ResultSet rs = select.executeQuery()) {
            rs.next();
            return new OutboxStatus(rs.getLong(1), instant(rs.getTimestamp(2)), instant(rs.getTimestamp(3)),
                    rs.getString(4));
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
