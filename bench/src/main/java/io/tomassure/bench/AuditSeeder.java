package io.tomassure.bench;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.postgresql.PGConnection;

import io.tomassure.audit.repository.AuditStore;
import io.tomassure.auditlog.AuditEntry;
import io.tomassure.auditlog.Merkle;

/**
 * Grows the audit log to a given size quickly and validly: entries are sealed with the log's own hashing (each links
 * to the one before), the Merkle subtrees they complete are computed from the stored frontier, and both go in with
 * COPY, in one transaction holding the chain head's lock (the service's appends wait). The result verifies as if
 * the service had appended every entry.
 */
final class AuditSeeder {
    private static final int COPY_BATCH = 20_000;

    static void growTo(AuditStore store, Connection c, long size, List<String> assessments) throws Exception {
        c.setAutoCommit(false);
        long seq;
        String hash;
        try (PreparedStatement head = c.prepareStatement("select seq, hash from chain_head where id = 1 for update");
                ResultSet rs = head.executeQuery()) {
            rs.next();
            seq = rs.getLong(1);
            hash = rs.getString(2);
        }
        Merkle.Frontier tree = store.frontier(c, seq);
        var copy = c.unwrap(PGConnection.class).getCopyAPI();
        long start = seq;
        while (seq < size) {
            StringBuilder entries = new StringBuilder();
            StringBuilder nodes = new StringBuilder();
            long batchEnd = Math.min(size, seq + COPY_BATCH);
            for (; seq < batchEnd; ) {
                AuditEntry unsealed = entry(seq + 1, hash, assessments.get((int) (seq % assessments.size())));
                AuditEntry.Stored stored = unsealed.seal();
                hash = stored.hash();
                seq = stored.seq();
                row(entries, unsealed.withHash(hash), stored.canonical());
                for (Merkle.Node node : tree.append(stored.leafHash())) {
                    nodes.append(node.level()).append('\t').append(node.index()).append("\t\\\\x")
                            .append(HexFormat.of().formatHex(node.hash())).append('\n');
                }
            }
            copy.copyIn("copy audit_entry (seq, event_id, type, organisations, assessment_id, deployment_id, actor, hash, "
                    + "recorded_at, canonical) from stdin", new StringReader(entries.toString()));
            copy.copyIn("copy merkle_node (level, idx, hash) from stdin", new StringReader(nodes.toString()));
        }
        try (PreparedStatement update = c.prepareStatement("update chain_head set seq = ?, hash = ? where id = 1")) {
            update.setLong(1, seq);
            update.setString(2, hash);
            update.executeUpdate();
        }
        c.commit();
        c.setAutoCommit(true);
        if (seq > start) {
            try (var analyze = c.createStatement()) {
                analyze.execute("vacuum analyze audit_entry");
                analyze.execute("vacuum analyze merkle_node");
            }
        }
    }

    /** An answer to a row, as assessment-service records it: a CloudEvent about the supplier's assessment, unsealed. */
    private static AuditEntry entry(long seq, String prevHash, String assessment) {
        String id = UUID.randomUUID().toString();
        String now = Instant.now().truncatedTo(ChronoUnit.MICROS).toString();
        String event = "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/tom/assessment-service\","
                + "\"type\":\"tom.assessment.updated\",\"subject\":\"" + assessment + "\",\"time\":\"" + now + "\","
                + "\"datacontenttype\":\"application/json\",\"data\":{\"assessmentId\":\"" + assessment + "\",\"deploymentId\":null,"
                + "\"supplierOds\":\"YGM27\",\"euoOds\":null,\"what\":\"response\",\"requirementId\":\"IO-01\",\"actor\":\"seeded\"}}";
        return new AuditEntry(seq, id, "tom.assessment.updated", "/tom/assessment-service", assessment, now, now,
                "tom.assessment.events", List.of("YGM27"), assessment, null, "seeded", event, AuditEntry.JCS, prevHash, null);
    }

    /** One COPY text row, as an append writes it: the index columns and the bytes (none holds a tab or newline). */
    private static void row(StringBuilder out, AuditEntry e, byte[] canonical) {
        out.append(e.seq()).append('\t').append(e.eventId()).append('\t').append(e.type()).append("\t{")
                .append(String.join(",", e.organisations())).append("}\t").append(e.assessmentId()).append("\t\\N\t")
                .append(e.actor()).append('\t').append(e.hash()).append('\t').append(e.recordedAt()).append("\t\\\\x")
                .append(HexFormat.of().formatHex(canonical)).append('\n');
    }

    private AuditSeeder() {
    }
}
