package io.tomassure.notification.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook signatures: {@code X-TOM-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>} with the Unix
 * time in {@code X-TOM-Timestamp}. A receiver recomputes it and refuses stale timestamps, so a captured request
 * cannot be replayed later, nor its body changed. While a secret is being rotated the header carries one signature
 * per secret in force, newest first ({@code v1=<new>,v1=<old>}): a receiver accepts the request if any matches.
 */
public final class WebhookSignature {

    public static final String SIGNATURE_HEADER = "X-TOM-Signature";
    public static final String TIMESTAMP_HEADER = "X-TOM-Timestamp";

    private WebhookSignature() {
    }

    /** The header value for the secrets in force, newest first. */
    public static String sign(List<String> secrets, long timestamp, String body) {
        return String.join(",", secrets.stream().map(secret -> sign(secret, timestamp, body)).toList());
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
        byte[] expected = sign(secret, sent, body).getBytes(StandardCharsets.UTF_8);
        boolean matches = false;
        for (String candidate : signature.split(",")) {
            matches |= MessageDigest.isEqual(expected, candidate.strip().getBytes(StandardCharsets.UTF_8));
        }
        return matches;
    }
}
