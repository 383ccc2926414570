package io.tomassure.audit.service;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.tomassure.auditlog.Keys;

/**
 * The checkpoint signing key: from configuration in production (a secret), or generated once and kept in the
 * database for development, with a warning.
 */
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    private final DataSource dataSource;
    private final Optional<String> configuredPrivate;
    private final Optional<String> configuredPublic;
    private volatile KeyPair keys;

    SigningKeys(DataSource dataSource, @ConfigProperty(name = "tom.audit.signing-key") Optional<String> configuredPrivate,
            @ConfigProperty(name = "tom.audit.public-key") Optional<String> configuredPublic) {
        this.dataSource = dataSource;
        this.configuredPrivate = configuredPrivate;
        this.configuredPublic = configuredPublic;
    }

    public PrivateKey privateKey() {
        return keys().getPrivate();
    }

    public PublicKey publicKey() {
        return keys().getPublic();
    }

    private KeyPair keys() {
        KeyPair loaded = keys;
        if (loaded == null) {
            synchronized (this) {
                if (keys == null) {
                    keys = load();
                }
                loaded = keys;
            }
        }
        return loaded;
    }

    private KeyPair load() {
        if (configuredPrivate.isPresent() && configuredPublic.isPresent()) {
            return new KeyPair(Keys.publicKey(configuredPublic.get()), Keys.privateKey(configuredPrivate.get()));
        }
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement select = c.prepareStatement("select private_pem, public_pem from signing_key where id = 1");
                    ResultSet rs = select.executeQuery()) {
                if (rs.next()) {
                    return new KeyPair(Keys.publicKey(rs.getString(2)), Keys.privateKey(rs.getString(1)));
                }
            }
            KeyPair generated = Keys.generate();
            try (PreparedStatement insert = c.prepareStatement(
                    "insert into signing_key (id, private_pem, public_pem) values (1, ?, ?) on conflict do nothing")) {
                insert.setString(1, Keys.privatePem(generated.getPrivate()));
                insert.setString(2, Keys.publicPem(generated.getPublic()));
                insert.executeUpdate();
            }
            LOG.warn("no tom.audit.signing-key configured: generated a checkpoint signing key and kept it in the database "
                    + "(development only; configure a key from a secret in production)");
            return load();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load the checkpoint signing key", e);
        }
    }
}
