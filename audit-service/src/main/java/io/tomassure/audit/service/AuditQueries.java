package io.tomassure.audit.service;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.tomassure.audit.repository.AuditStore;
import io.tomassure.audit.repository.CompletenessStore;
import io.tomassure.audit.repository.EntryFilter;
import io.tomassure.auditlog.AuditEntry;
import io.tomassure.auditlog.Checkpoint;
import io.tomassure.auditlog.ConsistencyProof;
import io.tomassure.auditlog.Export;
import io.tomassure.support.jdbc.DataAccessException;
import io.tomassure.support.problem.ProblemException;

/**
 * Reading the log as callers may: entries through a filter that holds the caller's organisation, proofs of entries
 * they see, checkpoints, exports and the completeness audit. Changes nothing.
 */
@ApplicationScoped
public class AuditQueries {

    /** An inclusion proof: entry {@code seq}'s leaf is in the tree of {@code treeSize} with root {@code rootHash}. */
    /** An inclusion proof, with the signed checkpoint whose root it leads to: all a verifier needs but the public key. */
    public record Proof(long seq, String leafHash, long treeSize, String rootHash, List<String> path, Checkpoint checkpoint) {
    }

    private static final int EXPORT_BATCH = 1000;

    private final AuditStore store;
    private final AuditLog log;
    private final CompletenessStore completeness;
    private final ObjectMapper json;

    AuditQueries(AuditStore store, AuditLog log, CompletenessStore completeness, ObjectMapper json) {
        this.store = store;
        this.log = log;
        this.completeness = completeness;
        this.json = json;
    }

    /** Up to {@code limit} entries matching {@code filter}, after {@code afterSeq}, in log order. */
    public List<AuditEntry> entries(EntryFilter filter, long afterSeq, int limit) {
        return DataAccessException.unchecked(() -> store.entries(filter, afterSeq, limit));
    }

    /** How many entries the log holds. */
    public long size() {
        return DataAccessException.unchecked(store::size);
    }

    public Optional<Checkpoint> latestCheckpoint() {
        return DataAccessException.unchecked(store::latestCheckpoint);
    }

    /**
     * Entry {@code seq}'s inclusion in the latest checkpoint (kept in memory), if the caller sees the entry
     * ({@code visibleTo}): the entry looked up by its key (never a scan for the next one the caller sees) in the same
     * query as its leaf and audit path.
     */
    public Proof proof(long seq, String visibleTo) {
        return DataAccessException.unchecked(() -> {
            try (Connection c = store.dataSource().getConnection()) {
                Optional<Checkpoint> covering = log.checkpointCovering(seq);
                if (covering.isEmpty()) {
                    if (!store.visible(c, seq, visibleTo)) {
                        throw notFound(seq);
                    }
                    throw ProblemException.conflict("not-sealed", "Not sealed yet", "Entry " + seq + " is not covered by a "
                            + "signed checkpoint yet; try again after the next seal");
                }
                Checkpoint checkpoint = covering.get();
                AuditLog.Inclusion inclusion = log.inclusionIfVisible(c, seq, checkpoint.treeSize(), visibleTo)
                        .orElseThrow(() -> notFound(seq));
                return new Proof(seq, inclusion.leafHash(), checkpoint.treeSize(), checkpoint.rootHash(), inclusion.path(),
                        checkpoint);
            }
        });
    }

    private static ProblemException notFound(long seq) {
        return ProblemException.notFound("Audit entry " + seq);
    }

    /**
     * Proof that the log signed at {@code to} entries (the latest checkpoint when null) extends the log signed at
     * {@code from}: both must be sizes the log was signed at.
     */
    public ConsistencyProof consistency(long from, Long to) {
        Checkpoint newer = (to == null ? latestCheckpoint() : DataAccessException.unchecked(() -> store.checkpoint(to)))
                .orElseThrow(() -> ProblemException.notFound("A checkpoint of " + (to == null ? "the log" : to + " entries")));
        Checkpoint older = DataAccessException.unchecked(() -> store.checkpoint(from))
                .orElseThrow(() -> ProblemException.notFound("A checkpoint of " + from + " entries"));
        if (older.treeSize() > newer.treeSize()) {
            throw ProblemException.invalid("from", "from must not be after to");
        }
        return new ConsistencyProof(older, newer, log.consistency(older.treeSize(), newer.treeSize()));
    }

    /**
     * The export: the latest signed checkpoint, then every entry it covers that matches {@code filter}, each with its
     * inclusion proof, as JSON lines. It proves against what the sealer signed, so exporting signs nothing.
     */
    public Checkpoint exportCheckpoint() {
        return latestCheckpoint().orElseThrow(() -> ProblemException.conflict("not-sealed", "Nothing sealed yet",
                "No checkpoint has been signed yet; export again after the next seal"));
    }

    public void export(EntryFilter filter, Checkpoint checkpoint, OutputStream output) throws IOException {
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
        writer.write(json.writeValueAsString(Export.Line.of(checkpoint, !filter.filtered())));
        writer.newLine();
        long after = 0;
        while (true) {
            List<AuditEntry> batch = entries(filter, after, EXPORT_BATCH);
            for (AuditEntry entry : batch) {
                if (entry.seq() > checkpoint.treeSize()) {
                    writer.flush();
                    return;
                }
                writer.write(json.writeValueAsString(Export.Line.of(entry, log.proof(entry.seq(), checkpoint.treeSize()))));
                writer.newLine();
            }
            if (batch.size() < EXPORT_BATCH) {
                break;
            }
            after = batch.get(batch.size() - 1).seq();
        }
        writer.flush();
    }

    /** The completeness audit's submitted TOMs, of one state or all, as {@code visibleTo} may see them. */
    public List<CompletenessStore.Item> completeness(String state, String visibleTo) {
        return DataAccessException.unchecked(() -> completeness.report(state, visibleTo));
    }

    /** Records that NHS Digital audited a submitted TOM; false when the audit does not know it. */
    public boolean audited(UUID submissionId, String by, String notes) {
        return DataAccessException.unchecked(() -> completeness.audited(submissionId, by, notes));
    }
}
