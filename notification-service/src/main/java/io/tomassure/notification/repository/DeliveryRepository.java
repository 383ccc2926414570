package io.tomassure.notification.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.tomassure.notification.domain.Channel;
import io.tomassure.support.jdbc.DataAccessException;

/**
 * Deliveries, in plain JDBC: small rows inserted per notice, claimed by the dispatcher in one native query (ranked per
 * recipient, FOR UPDATE SKIP LOCKED) and updated by id, where an entity session would add nothing. Callers bring the
 * transaction.
 */
@ApplicationScoped
public class DeliveryRepository {

    /** What a delivery sends, to whom, in answer to which event and rule, and the attempts made at it. */
    public record Delivery(UUID id, UUID eventId, String eventType, String rule, Channel channel, String odsCode,
            String recipient, String subject, String body, int attempts) {
    }

    /** A delivery as admins list it (the name is the API schema's). */
    public record DeliveryView(UUID id, UUID eventId, String eventType, String rule, String channel, String organisation,
            String recipient, String status, int attempts, String lastError, Instant createdAt, Instant sentAt) {
    }

    private final DataSource dataSource;

    DeliveryRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Records a delivery, created and due at {@code now}: PENDING for the dispatcher to send, or already SENT (at
     * {@code sentAt}) where recording it delivered it. Nothing if the event has this delivery already.
     */
    public void insert(Delivery delivery, String status, Instant now, Instant sentAt) {
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement("""
                insert into delivery (id, event_id, event_type, rule, channel, ods_code, recipient, subject, body, status,
                                      attempts, next_attempt_at, created_at, sent_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")) {
            insert.setObject(1, delivery.id());
            insert.setObject(2, delivery.eventId());
            insert.setString(3, delivery.eventType());
            insert.setString(4, delivery.rule());
            insert.setString(5, delivery.channel().name());
            insert.setString(6, delivery.odsCode());
            insert.setString(7, delivery.recipient());
            insert.setString(8, delivery.subject());
            insert.setString(9, delivery.body());
            insert.setString(10, status);
            insert.setInt(11, delivery.attempts());
            insert.setTimestamp(12, Timestamp.from(now));
            insert.setTimestamp(13, Timestamp.from(now));
            insert.setTimestamp(14, sentAt == null ? null : Timestamp.from(sentAt));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /**
     * Claims up to {@code limit} PENDING deliveries of {@code channel} due at {@code now}, leasing them until
     * {@code leasedUntil} (not due again before): at most {@code eachRecipient} to one recipient, and none to the
     * {@code busy} ones. The claim holds their rows until the caller's transaction ends. The outer conditions are
     * checked again on each row as it is once locked: a row another instance claimed (leased) since this query's
     * snapshot is skipped, where the ranked subquery alone would still pick it.
     */
    public List<Delivery> claim(Channel channel, int limit, int eachRecipient, List<String> busy, Instant now,
            Instant leasedUntil) {
        try (Connection c = dataSource.getConnection()) {
            List<Delivery> due;
            try (PreparedStatement select = c.prepareStatement("""
                    select id, event_id, event_type, rule, channel, ods_code, recipient, subject, body, attempts from delivery
                    where id in (select id from (select id, row_number() over (partition by recipient order by next_attempt_at) nth
                                                 from delivery where status = 'PENDING' and next_attempt_at <= ?
                                                 and channel = ? and recipient <> all(?)) ranked
                                 where nth <= ?)
                    and status = 'PENDING' and next_attempt_at <= ?
                    order by next_attempt_at limit ? for update skip locked""")) {
                select.setTimestamp(1, Timestamp.from(now));
                select.setString(2, channel.name());
                select.setArray(3, c.createArrayOf("text", busy.toArray()));
                select.setInt(4, eachRecipient);
                select.setTimestamp(5, Timestamp.from(now));
                select.setInt(6, limit);
                due = Jdbc.list(select, rs -> new Delivery(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getString(4), Channel.valueOf(rs.getString(5)), rs.getString(6),
                        rs.getString(7), rs.getString(8), rs.getString(9), rs.getInt(10)));
            }
            try (PreparedStatement lease = c.prepareStatement("update delivery set next_attempt_at = ? where id = any(?)")) {
                lease.setTimestamp(1, Timestamp.from(leasedUntil));
                lease.setArray(2, c.createArrayOf("uuid", due.stream().map(Delivery::id).toArray()));
                lease.executeUpdate();
            }
            return due;
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /**
     * Extends the lease of a delivery that is still held under {@code heldUntil}, the lease its claim set: false when
     * it has been sent or claimed again since (its lease ran out while it waited in its batch).
     */
    public boolean renewLease(UUID id, Instant heldUntil, Instant until) {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(
                "update delivery set next_attempt_at = ? where id = ? and status = 'PENDING' and next_attempt_at = ?")) {
            update.setTimestamp(1, Timestamp.from(until));
            update.setObject(2, id);
            update.setTimestamp(3, Timestamp.from(heldUntil));
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** Counts the attempt that delivered it. */
    public void markSent(UUID id, Instant sentAt) {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(
                "update delivery set status = 'SENT', attempts = attempts + 1, sent_at = ?, last_error = null where id = ?")) {
            update.setTimestamp(1, Timestamp.from(sentAt));
            update.setObject(2, id);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** Records a failed attempt: PENDING again from {@code nextAttemptAt}, or DEAD. */
    public void markFailed(UUID id, String status, int attempts, Instant nextAttemptAt, String lastError) {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(
                "update delivery set status = ?, attempts = ?, next_attempt_at = ?, last_error = ? where id = ?")) {
            update.setString(1, status);
            update.setInt(2, attempts);
            update.setTimestamp(3, Timestamp.from(nextAttemptAt));
            update.setString(4, lastError);
            update.setObject(5, id);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** The newest 200 deliveries, of {@code status} only unless that is null. */
    public List<DeliveryView> list(String status) {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement("""
                select id, event_id, event_type, rule, channel, ods_code, recipient, status, attempts, last_error, created_at,
                       sent_at from delivery where (cast(? as text) is null or status = ?) order by created_at desc limit 200""")) {
            select.setString(1, status);
            select.setString(2, status);
            return Jdbc.list(select, rs -> new DeliveryView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                    rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                    rs.getInt(9), rs.getString(10), rs.getTimestamp(11).toInstant(), Jdbc.instant(rs.getTimestamp(12))));
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** Makes a DEAD delivery due now, from a fresh count of attempts; false if there is no such dead delivery. */
    public boolean redrive(UUID id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(
                "update delivery set status = 'PENDING', attempts = 0, next_attempt_at = now() where id = ? and status = 'DEAD'")) {
            update.setObject(1, id);
            return update.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }
}
