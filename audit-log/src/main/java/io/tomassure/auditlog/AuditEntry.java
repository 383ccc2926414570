package io.tomassure.auditlog;

import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of the audit log. {@code hash} is the SHA-256 of the entry's canonical form, which includes
 * {@code prevHash}, the hash of the entry before it: changing, removing or reordering any past entry breaks
 * every hash after it. The canonical form is also the entry's Merkle leaf.
 *
 * @param event the CloudEvent exactly as it was received
 * @param hashAlgorithm how the entry is written before hashing: {@link #JCS}, or null for the entries logged before
 *        it, which keep the log's first form
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEntry(long seq, String eventId, String type, String source, String subject, String time,
        String recordedAt, String topic, List<String> organisations, String assessmentId, String deploymentId,
        String actor, String event, String hashAlgorithm, String prevHash, String hash) {

    /** The predecessor of the first entry. */
    public static final String GENESIS = "0".repeat(64);
    /**
     * SHA-256 over RFC 8785's canonical form of the entry as the API serves it, {@code hash} left out: anyone can
     * recompute it with a standard JCS tool.
     */
    public static final String JCS = "sha-256/jcs";

    /**
     * The bytes that are hashed: every field but {@code hash}. In JCS when the entry names it (the name is among
     * the bytes hashed, so it cannot be changed either); otherwise in the log's first form, a fixed order with nulls.
     */
    public byte[] canonicalBytes() {
        int capacity = 640 + (event == null ? 0 : event.length() * 9 / 8); // the fields and hashes, the event escaped
        if (hashAlgorithm == null) {
            return new CanonicalJson(CanonicalJson.Form.FIXED_ORDER, capacity)
                    .field("seq", seq)
                    .field("eventId", eventId)
                    .field("type", type)
                    .field("source", source)
                    .field("subject", subject)
                    .field("time", time)
                    .field("recordedAt", recordedAt)
                    .field("topic", topic)
                    .field("organisations", organisations)
                    .field("assessmentId", assessmentId)
                    .field("deploymentId", deploymentId)
                    .field("actor", actor)
                    .field("event", event)
                    .field("prevHash", prevHash)
                    .end();
        }
        return new CanonicalJson(CanonicalJson.Form.JCS, capacity)
                .field("actor", actor)
                .field("assessmentId", assessmentId)
                .field("deploymentId", deploymentId)
                .field("event", event)
                .field("eventId", eventId)
                .field("hashAlgorithm", hashAlgorithm)
                .field("organisations", organisations)
                .field("prevHash", prevHash)
                .field("recordedAt", recordedAt)
                .field("seq", seq)
                .field("source", source)
                .field("subject", subject)
                .field("time", time)
                .field("topic", topic)
                .field("type", type)
                .end();
    }

    /** The SHA-256 of the canonical form: the hash this entry must carry. */
    public String contentHash() {
        return HexFormat.of().formatHex(Merkle.sha256().digest(canonicalBytes()));
    }

    public byte[] leafHash() {
        return Merkle.leafHash(canonicalBytes());
    }

    /** Both hashes from one encoding of the canonical form: what a verifier needs of each entry. */
    public Hashes hashes() {
        byte[] canonical = canonicalBytes();
        return new Hashes(Merkle.sha256().digest(canonical), Merkle.leafHash(canonical));
    }

    /** An entry's content hash (the chain's) and Merkle leaf hash. */
    public record Hashes(byte[] content, byte[] leaf) {

        /** Whether the content hashes to {@code hex}, the hash the entry carries. */
        public boolean contentIs(String hex) {
            return HexFormat.of().formatHex(content).equals(hex);
        }
    }

    /** This entry, sealed: its hash computed over its content and its predecessor's hash. */
    public AuditEntry sealed() {
        return new AuditEntry(seq, eventId, type, source, subject, time, recordedAt, topic, organisations, assessmentId,
                deploymentId, actor, event, hashAlgorithm, prevHash, contentHash());
    }
}
