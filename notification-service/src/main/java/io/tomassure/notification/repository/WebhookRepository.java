package io.tomassure.notification.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.tomassure.support.jdbc.DataAccessException;

/**
 * Webhook endpoints, in plain JDBC like the rest of this service's tables: small rows read by id or organisation on
 * the delivery path, where an entity session would add nothing. Callers bring the transaction.
 */
@ApplicationScoped
public class WebhookRepository {

    /** A stored endpoint, its secrets still sealed. */
    public record Webhook(UUID id, String organisation, String url, byte[] secret, byte[] previousSecret,
            Instant previousSecretUntil, Instant createdAt) {
    }

    /** A secret an earlier version stored in the clear, to be sealed. */
    public record ClearSecret(UUID id, String secret) {
    }

    private final DataSource dataSource;

    WebhookRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Serialises registrations of one organisation until commit, so that its cap holds under concurrent requests. */
    public void lockOrganisation(String organisation) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(hashtext('webhooks:' || ?))")) {
            lock.setString(1, organisation);
            lock.executeQuery().close();
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    public int countActive(String organisation) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("select count(*) from webhook where ods_code = ? and active")) {
            select.setString(1, organisation);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    public void insert(Webhook webhook, String createdBy) {
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement("""
                insert into webhook (id, ods_code, url, secret_sealed, created_by, created_at) values (?, ?, ?, ?, ?, ?)""")) {
            insert.setObject(1, webhook.id());
            insert.setString(2, webhook.organisation());
            insert.setString(3, webhook.url());
            insert.setBytes(4, webhook.secret());
            insert.setString(5, createdBy);
            insert.setTimestamp(6, Timestamp.from(webhook.createdAt()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** An active webhook; of {@code organisation} only, unless that is null (the dispatcher's view). */
    public Optional<Webhook> find(UUID id, String organisation) {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement("""
                select id, ods_code, url, secret_sealed, previous_secret_sealed, previous_secret_until, created_at
                from webhook where id = ? and active and (cast(? as text) is null or ods_code = ?)""")) {
            select.setObject(1, id);
            select.setString(2, organisation);
            select.setString(3, organisation);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(webhook(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    public List<Webhook> active(String organisation) {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement("""
                select id, ods_code, url, secret_sealed, previous_secret_sealed, previous_secret_until, created_at
                from webhook where ods_code = ? and active order by created_at""")) {
            select.setString(1, organisation);
            return Jdbc.list(select, WebhookRepository::webhook);
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** The ids of {@code organisation}'s active webhooks, oldest first: where its notices go. */
    public List<UUID> activeIds(String organisation) {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "select id from webhook where ods_code = ? and active order by created_at")) {
            select.setString(1, organisation);
            return Jdbc.list(select, rs -> rs.getObject(1, UUID.class));
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** Replaces the secret, keeping the one it replaces in force until {@code previousUntil}. */
    public boolean rotate(UUID id, String organisation, byte[] secret, Instant previousUntil) {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement("""
                update webhook set previous_secret_sealed = secret_sealed, previous_secret_until = ?, secret_sealed = ?
                where id = ? and ods_code = ? and active""")) {
            update.setTimestamp(1, Timestamp.from(previousUntil));
            update.setBytes(2, secret);
            update.setObject(3, id);
            update.setString(4, organisation);
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    public boolean deactivate(UUID id, String organisation) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement("update webhook set active = false where id = ? and ods_code = ?")) {
            update.setObject(1, id);
            update.setString(2, organisation);
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** Secrets stored in the clear by an earlier version. */
    public List<ClearSecret> clearSecrets() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("select id, secret from webhook where secret is not null")) {
            return Jdbc.list(select, rs -> new ClearSecret(rs.getObject(1, UUID.class), rs.getString(2)));
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    public void replaceClearSecret(UUID id, byte[] sealed) {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(
                "update webhook set secret_sealed = ?, secret = null where id = ?")) {
            update.setBytes(1, sealed);
            update.setObject(2, id);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** The stored key for secrets, made on first use (development only: production configures one). */
    public byte[] storedKey(byte[] candidate) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement insert = c.prepareStatement(
                    "insert into webhook_key (id, key) values (1, ?) on conflict (id) do nothing")) {
                insert.setBytes(1, candidate);
                insert.executeUpdate();
            }
            try (PreparedStatement select = c.prepareStatement("select key from webhook_key where id = 1");
                    ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getBytes(1);
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    private static Webhook webhook(ResultSet rs) throws SQLException {
        return new Webhook(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getBytes(4), rs.getBytes(5),
                Jdbc.instant(rs.getTimestamp(6)), rs.getTimestamp(7).toInstant());
    }
}
