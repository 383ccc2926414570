package io.tomassure.audit.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The development signing key, kept in the database (production configures one from a secret): one row, read at
 * start, in plain SQL like the rest of this service's tables.
 */
@ApplicationScoped
public class SigningKeyStore {

    /** A key pair as PEM text. */
    public record StoredKeys(String privatePem, String publicPem) {
    }

    private final DataSource dataSource;

    SigningKeyStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<StoredKeys> stored() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("select private_pem, public_pem from signing_key where id = 1");
                ResultSet rs = select.executeQuery()) {
            return rs.next() ? Optional.of(new StoredKeys(rs.getString(1), rs.getString(2))) : Optional.empty();
        }
    }

    /** Keeps {@code keys} unless a pair is kept already (another instance may have stored one first). */
    public void storeIfAbsent(StoredKeys keys) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(
                "insert into signing_key (id, private_pem, public_pem) values (1, ?, ?) on conflict do nothing")) {
            insert.setString(1, keys.privatePem());
            insert.setString(2, keys.publicPem());
            insert.executeUpdate();
        }
    }
}
