package io.tomassure.notification.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.tomassure.notification.config.NotificationConfig;
import io.tomassure.notification.repository.WebhookRepository;

/**
 * Webhook secrets at rest. A secret must be read back to sign each delivery, so it cannot be hashed: it is encrypted
 * with AES-256-GCM under a key kept outside the database ({@code tom.notification.webhooks.secret-key}), with the
 * webhook's id as associated data, so that a sealed secret copied onto another row does not open. Who can read the
 * database alone learns no secret.
 */
@ApplicationScoped
public class WebhookSecrets {

    private static final Logger LOG = Logger.getLogger(WebhookSecrets.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final WebhookRepository webhooks;
    private final NotificationConfig config;
    private volatile SecretKeySpec key;

    WebhookSecrets(WebhookRepository webhooks, NotificationConfig config) {
        this.webhooks = webhooks;
        this.config = config;
    }

    /** Seals the secrets an earlier version stored in the clear, once, at start. */
    void onStart(@Observes StartupEvent event) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (WebhookRepository.ClearSecret clear : webhooks.clearSecrets()) {
                webhooks.replaceClearSecret(clear.id(), seal(clear.id(), clear.secret()));
            }
        });
    }

    /** A new random secret, as the receiver is given it (64 hex digits). */
    public static String newSecret() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }

    public byte[] seal(UUID webhook, String secret) {
        return seal(key(), webhook, secret);
    }

    public String open(UUID webhook, byte[] sealed) {
        return open(key(), webhook, sealed);
    }

    static byte[] seal(SecretKeySpec key, UUID webhook, String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(bytes(webhook));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a webhook secret", e);
        }
    }

    static String open(SecretKeySpec key, UUID webhook, byte[] sealed) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(bytes(webhook));
            return new String(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot open the secret of webhook " + webhook + " (another key?)", e);
        }
    }

    static SecretKeySpec key(byte[] bytes) {
        if (bytes.length != 32) {
            throw new IllegalArgumentException("a webhook secret key is 32 bytes (AES-256), Base64-encoded");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    private SecretKeySpec key() {
        if (key == null) {
            synchronized (this) {
                if (key == null) {
                    key = key(config.webhooks().secretKey().map(Base64.getDecoder()::decode).orElseGet(this::storedKey));
                }
            }
        }
        return key;
    }

    private byte[] storedKey() {
        LOG.warn("no tom.notification.webhooks.secret-key is configured: webhook secrets are encrypted with a key kept in "
                + "the database, which suits development only");
        byte[] candidate = new byte[32];
        RANDOM.nextBytes(candidate);
        return QuarkusTransaction.requiringNew().call(() -> webhooks.storedKey(candidate));
    }

    private static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }
}
