package io.tomassure.audit.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.tomassure.audit.repository.AuditStore;
import io.tomassure.auditlog.AuditEntry;
import io.tomassure.auditlog.Checkpoint;
import io.tomassure.auditlog.Merkle;
import io.tomassure.auditlog.Verification;
import io.tomassure.outbox.EventInbox;
import io.tomassure.support.jdbc.DataAccessException;
import io.tomassure.support.time.TimeSource;

/**
 * The audit log: appends each event once, as the next link of the hash chain and the next leaf of the Merkle
 * tree; seals signed checkpoints; proves inclusion; verifies itself.
 */
@ApplicationScoped
public class AuditLog {
    /**
     * Entries read and checked at a time: verifying a log of any size takes bounded memory. Two batches are held at
     * once (one read ahead), and kept small enough to die young: at 10,000 they outgrew the young generation of the
     * service's small heap, so each was promoted and the old generation filled every third of a second.
     */
    private static final int VERIFY_BATCH = 2_000;
    private static final long CHECKPOINT_FRESH_NANOS = 1_000_000_000L;

    private static final Logger LOG = Logger.getLogger(AuditLog.class);

    private final AuditStore store;
    private final SigningKeys keys;
    private final TimeSource time;
    private final AtomicReference<LatestCheckpoint> lastRead = new AtomicReference<>();

    AuditLog(AuditStore store, SigningKeys keys, TimeSource time) {
        this.store = store;
        this.keys = keys;
        this.time = time;
    }

    /**
     * Appends the delivered events (received from {@code topic}) in order, in the caller's transaction if there is
     * one; returns the entries appended (none for an event logged already).
     */
    public List<AuditEntry> append(String topic, List<EventInbox.Delivery> deliveries) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            try (Connection c = store.dataSource().getConnection()) {
                return store.append(c, topic, deliveries, time.now());
            }
        });
    }

    @Scheduled(every = "${tom.audit.seal-every:30s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sealPeriodically() {
        try {
            seal();
        } catch (RuntimeException e) {
            LOG.warnf("could not seal a checkpoint: %s", e.getMessage());
        }
    }

    /** Signs a checkpoint of the log as it is now, unless the latest already covers it or another instance is sealing. */
    public Optional<Checkpoint> seal() {
        Optional<Checkpoint> sealed = QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = store.dataSource().getConnection()) {
                if (!store.trySealerLock(c)) {
                    return store.latestCheckpoint();
                }
                long size = store.size();
                Optional<Checkpoint> latest = store.latestCheckpoint();
                if (size == 0 || latest.map(cp -> cp.treeSize() >= size).orElse(false)) {
                    return latest;
                }
                String root = HexFormat.of().formatHex(store.frontier(c, size).root());
                Checkpoint checkpoint = Checkpoint.sign(size, root, time.now().toString(), keys.privateKey());
                store.insertCheckpoint(c, checkpoint);
                return Optional.of(checkpoint);
            }
        });
        sealed.ifPresent(checkpoint -> lastRead.set(new LatestCheckpoint(checkpoint, System.nanoTime())));
        return sealed;
    }

    /**
     * The latest signed checkpoint if it covers {@code seq}, read from the database at most once a second (and at once
     * after this instance seals): a proof against a checkpoint a second old proves as much, and proofs are asked for
     * far more often than the log is sealed.
     */
    public Optional<Checkpoint> checkpointCovering(long seq) {
        LatestCheckpoint cached = lastRead.get();
        if (cached != null && cached.checkpoint().treeSize() >= seq
                && System.nanoTime() - cached.readAt() < CHECKPOINT_FRESH_NANOS) {
            return Optional.of(cached.checkpoint());
        }
        Optional<Checkpoint> read = DataAccessException.unchecked(store::latestCheckpoint);
        read.ifPresent(checkpoint -> lastRead.set(new LatestCheckpoint(checkpoint, System.nanoTime())));
        return read.filter(checkpoint -> checkpoint.treeSize() >= seq);
    }

    private record LatestCheckpoint(Checkpoint checkpoint, long readAt) {
    }

    /** Entry {@code seq}'s leaf hash, as the tree stores it, and its audit path in a tree of some size. */
    public record Inclusion(String leafHash, List<String> path) {
    }

    /** The inclusion proof of entry {@code seq} in the tree of the given checkpoint. */
    public List<String> proof(long seq, long treeSize) {
        return DataAccessException.unchecked(() -> {
            try (Connection c = store.dataSource().getConnection()) {
                return inclusion(c, seq, treeSize).path();
            }
        });
    }

    /** Entry {@code seq}'s leaf and audit path in the tree of {@code treeSize}, read in one query. */
    public Inclusion inclusion(Connection c, long seq, long treeSize) throws SQLException {
        return inclusion(seq, treeSize, store.nodes(c, inclusionNodes(seq, treeSize)));
    }

    /**
     * As {@link #inclusion}, if entry {@code seq} is logged and {@code visibleTo} (when given) sees it: the check and
     * the path in one query.
     */
    public Optional<Inclusion> inclusionIfVisible(Connection c, long seq, long treeSize, String visibleTo)
            throws SQLException {
        return store.nodesIfVisible(c, inclusionNodes(seq, treeSize), seq, visibleTo)
                .map(nodes -> inclusion(seq, treeSize, nodes));
    }

    private static Set<Merkle.NodeRef> inclusionNodes(long seq, long treeSize) {
        Set<Merkle.NodeRef> wanted = new LinkedHashSet<>(Merkle.proofNodes(seq - 1, treeSize));
        wanted.add(new Merkle.NodeRef(0, seq - 1));
        return wanted;
    }

    private static Inclusion inclusion(long seq, long treeSize, Merkle.Nodes nodes) {
        return new Inclusion(HexFormat.of().formatHex(nodes.node(0, seq - 1)),
                Merkle.inclusionProof(nodes, seq - 1, treeSize).stream().map(HexFormat.of()::formatHex).toList());
    }

    /** The consistency path from the tree of {@code from} entries to the tree of {@code to} (RFC 9162, 2.1.4). */
    public List<String> consistency(long from, long to) {
        return DataAccessException.unchecked(() -> {
            try (Connection c = store.dataSource().getConnection()) {
                Merkle.Nodes path = store.nodes(c, Merkle.consistencyNodes(from, to));
                return Merkle.consistencyProof(path, from, to).stream().map(HexFormat.of()::formatHex).toList();
            }
        });
    }

    /**
     * Verifies entries {@code from..to} from their content: hashes, links and, against the latest signed checkpoint,
     * inclusion (a range) or the root itself (the whole log). Detects modified, removed and reordered entries.
     */
    public Verification.Report verify(long from, long to) {
        return DataAccessException.unchecked(() -> verifyStored(from, to));
    }

    private Verification.Report verifyStored(long from, long to) throws SQLException {
        Optional<Checkpoint> checkpoint = store.latestCheckpoint();
        long last = Math.min(to, store.size());
        // Whole log: the chain from the genesis hash and the signed root. A range: its own links and each entry's inclusion.
        Verification.Chain chain = from == 1 ? new Verification.Chain(checkpoint.orElse(null), keys.publicKey())
                : new Verification.Chain(null, null);
        List<String> problems = new ArrayList<>();
        long[] expected = {from};
        store.scan(from, last, VERIFY_BATCH, batch -> {
            for (AuditEntry.Stored entry : batch) {
                if (entry.seq() != expected[0]) {
                    problems.add("entries " + expected[0] + " to " + (entry.seq() - 1) + " are missing");
                }
                expected[0] = entry.seq() + 1;
            }
            chain.addStored(batch);
            if (from != 1) {
                checkpoint.ifPresent(cp -> problems.addAll(inclusion(batch, cp)));
            }
        });
        if (expected[0] <= last) {
            problems.add("entries " + expected[0] + " to " + last + " are missing");
        }
        Verification.Report report = chain.finish();
        problems.addAll(report.problems().stream().filter(p -> from == 1 || !p.startsWith("entry " + from + " does not link")).toList());
        return new Verification.Report(report.entries(), checkpoint.map(Checkpoint::treeSize).orElse(0L),
                problems.stream().distinct().toList());
    }

    private List<String> inclusion(List<AuditEntry.Stored> entries, Checkpoint checkpoint) {
        List<String> problems = new ArrayList<>();
        byte[] root = HexFormat.of().parseHex(checkpoint.rootHash());
        for (AuditEntry.Stored entry : entries) {
            if (entry.seq() > checkpoint.treeSize()) {
                continue;
            }
            List<byte[]> proof = proof(entry.seq(), checkpoint.treeSize()).stream().map(HexFormat.of()::parseHex).toList();
            if (!Merkle.verifyInclusion(entry.leafHash(), entry.seq() - 1, checkpoint.treeSize(), proof, root)) {
                problems.add("entry " + entry.seq() + " is not included in the signed tree of " + checkpoint.treeSize());
            }
        }
        return problems;
    }
}
