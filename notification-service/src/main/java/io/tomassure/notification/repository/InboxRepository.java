package io.tomassure.notification.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.tomassure.support.jdbc.DataAccessException;

/**
 * Organisations' inboxes, in plain JDBC: small rows written once per notice and read by organisation, a page or a
 * count at a time, where an entity session would add nothing. Callers bring the transaction.
 */
@ApplicationScoped
public class InboxRepository {

    /** A notice in an organisation's inbox, as the API shows it (the name is its schema's). */
    public record InboxItem(UUID id, UUID eventId, String eventType, String title, String body, Instant createdAt,
            Instant readAt) {
    }

    private final DataSource dataSource;

    InboxRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Puts a notice in {@code organisation}'s inbox; false if the event put one there already. */
    public boolean insert(String organisation, InboxItem item) {
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement("""
                insert into inbox_item (id, ods_code, event_id, event_type, title, body, created_at)
                values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")) {
            insert.setObject(1, item.id());
            insert.setString(2, organisation);
            insert.setObject(3, item.eventId());
            insert.setString(4, item.eventType());
            insert.setString(5, item.title());
            insert.setString(6, item.body());
            insert.setTimestamp(7, Timestamp.from(item.createdAt()));
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** Up to {@code limit} of {@code organisation}'s notices older than {@code after} (or the newest), newest first. */
    public List<InboxItem> page(String organisation, UUID after, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement("""
                select id, event_id, event_type, title, body, created_at, read_at from inbox_item
                where ods_code = ? and (cast(? as uuid) is null or id < ?) order by id desc limit ?""")) {
            select.setString(1, organisation);
            select.setObject(2, after);
            select.setObject(3, after);
            select.setInt(4, limit);
            return Jdbc.list(select, rs -> new InboxItem(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                    rs.getString(3), rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant(),
                    Jdbc.instant(rs.getTimestamp(7))));
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    public long countUnread(String organisation) {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "select count(*) from inbox_item where ods_code = ? and read_at is null")) {
            select.setString(1, organisation);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** Marks a notice of {@code organisation} read, keeping the first time; false if it has no such notice. */
    public boolean markRead(UUID id, String organisation) {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(
                "update inbox_item set read_at = coalesce(read_at, now()) where id = ? and ods_code = ?")) {
            update.setObject(1, id);
            update.setString(2, organisation);
            return update.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }
}
