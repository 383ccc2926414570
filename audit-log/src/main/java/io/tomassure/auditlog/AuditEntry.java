package io.tomassure.auditlog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

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

    public byte[] leafHash() {
        return Merkle.leafHash(canonicalBytes());
    }

    /** This entry as the log stores it: its canonical form encoded once, and the hash over it. */
    public Stored seal() {
        byte[] canonical = canonicalBytes();
        return new Stored(seq, HexFormat.of().formatHex(Merkle.sha256().digest(canonical)), canonical);
    }

    /** This entry, sealed: its hash computed over its content and its predecessor's hash. */
    public AuditEntry sealed() {
        return withHash(seal().hash());
    }

    public AuditEntry withHash(String newHash) {
        return new AuditEntry(seq, eventId, type, source, subject, time, recordedAt, topic, organisations, assessmentId,
                deploymentId, actor, event, hashAlgorithm, prevHash, newHash);
    }

    /**
     * An entry as the log stores it: the canonical bytes its hash is over, kept from the append, so a verifier
     * hashes the bytes as stored instead of writing each entry again, and a reader is served exactly what is hashed.
     * {@code seq} is where the store holds it (the chain and the Merkle tree prove that order).
     */
    public record Stored(long seq, String hash, byte[] canonical) {
        private static final ObjectReader ENTRY = new ObjectMapper().readerFor(AuditEntry.class);
        private static final byte[] PREV_HASH_KEY = "\"prevHash\":\"".getBytes(StandardCharsets.US_ASCII);

        /** An entry as served, in its canonical form, with the hash it carries (which may not be its bytes'). */
        public static Stored of(AuditEntry entry) {
            return new Stored(entry.seq(), entry.hash(), entry.canonicalBytes());
        }

        /** The entry the bytes hold, with its hash. */
        public AuditEntry entry() {
            try {
                return ENTRY.<AuditEntry>readValue(canonical).withHash(hash);
            } catch (IOException e) {
                throw new UncheckedIOException("entry " + seq + " is not readable JSON", e);
            }
        }

        /**
         * The predecessor's hash, as the hashed bytes name it (null if they do not). Found from the end, where both
         * forms keep it: in JSON a quote inside a string is always escaped, so the key's pattern occurs only as the key.
         */
        public String prevHash() {
            for (int at = canonical.length - PREV_HASH_KEY.length - 64; at >= 0; at--) {
                if (startsWithKey(at)) {
                    return new String(canonical, at + PREV_HASH_KEY.length, 64, StandardCharsets.US_ASCII);
                }
            }
            return null;
        }

        private boolean startsWithKey(int at) {
            for (int i = 0; i < PREV_HASH_KEY.length; i++) {
                if (canonical[at + i] != PREV_HASH_KEY[i]) {
                    return false;
                }
            }
            return true;
        }

        public byte[] leafHash() {
            return Merkle.leafHash(canonical);
        }

        /** Whether the bytes hash to the hash stored with them. */
        public boolean intact() {
            return HexFormat.of().formatHex(Merkle.sha256().digest(canonical)).equals(hash);
        }
    }
}
