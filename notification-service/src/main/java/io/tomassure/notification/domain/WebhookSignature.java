package io.tomassure.notification.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook signatures: {@code X-TOM-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>} with the Unix
 * time in {@code X-TOM-Timestamp}. A receiver recomputes it and refuses stale timestamps, so a captured request
 * cannot be replayed later, nor its body changed.
 */
public final class WebhookSignature {

    public static final String SIGNATURE_HEADER = "X-TOM-Signature";
    public static final String TIMESTAMP_HEADER = "X-TOM-Timestamp";

    private WebhookSignature() {
    }

    public static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "v1=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a receiver does: the signature matches and the timestamp is within {@code tolerance} of now. */
    public static boolean verify(String secret, String signature, String timestamp, String body, Instant now,
            Duration tolerance) {
        long sent;
        try {
            sent = Long.parseLong(timestamp);
        } catch (NumberFormatException | NullPointerException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - sent) > tolerance.toSeconds() || signature == null) {
            return false;
        }
        return MessageDigest.isEqual(sign(secret, sent, body).getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8));
    }
}
