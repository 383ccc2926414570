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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEntry(long seq, String eventId, String type, String source, String subject, String time,
        String recordedAt, String topic, List<String> organisations, String assessmentId, String deploymentId,
        String actor, String event, String prevHash, String hash) {

    /** The predecessor of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    /** The bytes that are hashed: every field but {@code hash}, in a fixed order. */
    public byte[] canonicalBytes() {
        return new CanonicalJson(640 + (event == null ? 0 : event.length() * 9 / 8)) // the fields and hashes, the event escaped
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
                deploymentId, actor, event, prevHash, contentHash());
    }
}
