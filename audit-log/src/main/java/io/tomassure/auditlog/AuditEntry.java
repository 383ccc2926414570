package io.tomassure.auditlog;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One entry of the audit log. {@code hash} is the SHA-256 of the entry's canonical form, which includes
 * {@code prevHash}, the hash of the entry before it: changing, removing or reordering any past entry breaks
 * every hash after it. The canonical form is also the entry's Merkle leaf.
 *
 * @param event the CloudEvent exactly as it was received
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEntry(long seq, String eventId, String type, String source, String subject, String time,
        String recordedAt, String topic, List<String> organisations, String assessmentId, String deploymentId,
        String actor, String event, String prevHash, String hash) {

    /** The predecessor of the first entry. */
    public static final String GENESIS = "0".repeat(64);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The bytes that are hashed: every field but {@code hash}, in a fixed order. */
    public byte[] canonicalBytes() {
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("seq", seq);
        canonical.put("eventId", eventId);
        canonical.put("type", type);
        canonical.put("source", source);
        canonical.put("subject", subject);
        canonical.put("time", time);
        canonical.put("recordedAt", recordedAt);
        canonical.put("topic", topic);
        canonical.put("organisations", organisations);
        canonical.put("assessmentId", assessmentId);
        canonical.put("deploymentId", deploymentId);
        canonical.put("actor", actor);
        canonical.put("event", event);
        canonical.put("prevHash", prevHash);
        try {
            return JSON.writeValueAsString(canonical).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SHA-256 of the canonical form: the hash this entry must carry. */
    public String contentHash() {
        return HexFormat.of().formatHex(Merkle.sha256().digest(canonicalBytes()));
    }

    public byte[] leafHash() {
        return Merkle.leafHash(canonicalBytes());
    }

    /** This entry, sealed: its hash computed over its content and its predecessor's hash. */
    public AuditEntry sealed() {
        return new AuditEntry(seq, eventId, type, source, subject, time, recordedAt, topic, organisations, assessmentId,
                deploymentId, actor, event, prevHash, contentHash());
    }
}
