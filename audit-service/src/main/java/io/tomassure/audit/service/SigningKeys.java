package io.tomassure.audit.service;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.sql.SQLException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.tomassure.audit.config.AuditConfig;
import io.tomassure.audit.repository.SigningKeyStore;
import io.tomassure.auditlog.Keys;

/**
 * The checkpoint signing key: from configuration in production (a secret), or generated once and kept in the
 * database for development, with a warning.
 */
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    private final SigningKeyStore store;
    private final Optional<String> configuredPrivate;
    private final Optional<String> configuredPublic;
    private volatile KeyPair keys;

    SigningKeys(SigningKeyStore store, AuditConfig config) {
        this.store = store;
        this.configuredPrivate = config.signingKey();
        this.configuredPublic = config.publicKey();
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
        try {
            Optional<SigningKeyStore.StoredKeys> stored = store.stored();
            if (stored.isPresent()) {
                return new KeyPair(Keys.publicKey(stored.get().publicPem()), Keys.privateKey(stored.get().privatePem()));
            }
            KeyPair generated = Keys.generate();
            store.storeIfAbsent(new SigningKeyStore.StoredKeys(Keys.privatePem(generated.getPrivate()),
                    Keys.publicPem(generated.getPublic())));
            LOG.warn("no tom.audit.signing-key configured: generated a checkpoint signing key and kept it in the database "
                    + "(development only; configure a key from a secret in production)");
            return load();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load the checkpoint signing key", e);
        }
    }
}
