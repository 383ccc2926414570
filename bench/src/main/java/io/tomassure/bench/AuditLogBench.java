package io.tomassure.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

import io.tomassure.audit.service.AuditStore;
import io.tomassure.auditlog.AuditEntry;
import io.tomassure.auditlog.Checkpoint;
import io.tomassure.auditlog.Keys;
import io.tomassure.auditlog.Merkle;
import io.tomassure.auditlog.Verification;
import io.tomassure.events.EventEnvelope;
import io.tomassure.events.EventJson;
import io.tomassure.events.approval.ApprovalEvents;
import io.tomassure.testing.TestDatabase;

/**
 * The audit log at scale (default one million entries): append throughput through the service's own append
 * path on a real PostgreSQL, full-chain verification speed, and inclusion-proof latency. Writes
 * docs/benchmarks/audit-log.md. Run: {@code bench/run-audit-log.sh} (or -Dentries=N for another size).
 */
public final class AuditLogBench {

    private static final int SAMPLE = 5_000;
    private static final int BULK_COMMIT_EVERY = 1_000;

    public static void main(String[] args) throws Exception {
        int entries = Integer.getInteger("entries", 1_000_000);
        Path report = Path.of(System.getProperty("report", "docs/benchmarks/audit-log.md"));
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(TestDatabase.jdbcUrl());
        dataSource.setUser(TestDatabase.user());
        dataSource.setPassword(TestDatabase.password());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/outbox", "classpath:db/migration").load().migrate();
        AuditStore store = new AuditStore(dataSource);
        Random random = new Random(42);
        List<String> lines = new ArrayList<>();

        // 1. Append throughput on an empty log: one transaction per event, as the service does.
        double emptyRate = appendRate(store, dataSource, SAMPLE, random, true);
        line(lines, "append, empty log, one transaction per event: %,.0f entries/s", emptyRate);

        // 2. Grow the log to the target size through the same path (commits batched, to get there sooner).
        long start = System.nanoTime();
        append(store, dataSource, entries - 2 * SAMPLE, random, false);
        line(lines, "grew to %,d entries in %.1f s (%,.0f entries/s, %d per commit)", entries - SAMPLE,
                seconds(start), (entries - 2 * SAMPLE) / seconds(start), BULK_COMMIT_EVERY);

        // 3. Append throughput at that size.
        double fullRate = appendRate(store, dataSource, SAMPLE, random, true);
        line(lines, "append at %,d entries, one transaction per event: %,.0f entries/s", entries, fullRate);

        // 4. Seal a signed checkpoint: the Merkle root from stored subtrees.
        var keys = Keys.generate();
        Checkpoint checkpoint;
        long sealStart = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            long size = size(c);
            checkpoint = Checkpoint.sign(size, HexFormat.of().formatHex(Merkle.root(store.nodes(c), size)),
                    Instant.now().toString(), keys.getPrivate());
        }
        line(lines, "seal (Merkle root from stored subtrees + Ed25519 signature) at %,d entries: %.2f ms",
                checkpoint.treeSize(), (System.nanoTime() - sealStart) / 1e6);

        // 5. Inclusion proofs from the database, random entries.
        long[] proofNanos = new long[1_000];
        byte[] root = HexFormat.of().parseHex(checkpoint.rootHash());
        try (Connection c = dataSource.getConnection()) {
            for (int i = 0; i < proofNanos.length; i++) {
                long seq = 1 + (long) (random.nextDouble() * checkpoint.treeSize());
                long t = System.nanoTime();
                List<byte[]> proof = Merkle.inclusionProof(store.nodes(c), seq - 1, checkpoint.treeSize());
                proofNanos[i] = System.nanoTime() - t;
                AuditEntry entry = store.range(seq, seq).get(0);
                if (!Merkle.verifyInclusion(entry.leafHash(), seq - 1, checkpoint.treeSize(), proof, root)) {
                    throw new IllegalStateException("proof of " + seq + " does not verify");
                }
            }
        }
        Arrays.sort(proofNanos);
        line(lines, "inclusion proof from the database at %,d entries: p50 %.2f ms, p99 %.2f ms (%d hashes)",
                checkpoint.treeSize(), proofNanos[500] / 1e6, proofNanos[990] / 1e6,
                64 - Long.numberOfLeadingZeros(checkpoint.treeSize() - 1));

        // 6. Full-chain verification: read every entry back, recompute every hash, link and the signed root.
        long readStart = System.nanoTime();
        List<AuditEntry> all = new ArrayList<>((int) checkpoint.treeSize());
        for (long from = 1; from <= checkpoint.treeSize(); from += 50_000) {
            all.addAll(store.range(from, Math.min(checkpoint.treeSize(), from + 49_999)));
        }
        double readSeconds = seconds(readStart);
        long verifyStart = System.nanoTime();
        Verification.Report verified = Verification.chain(all, checkpoint, keys.getPublic());
        double verifySeconds = seconds(verifyStart);
        if (!verified.intact()) {
            throw new IllegalStateException("the log does not verify: " + verified.problems());
        }
        line(lines, "full-chain verification of %,d entries: %.1f s (%,.0f entries/s); reading them from the database: %.1f s",
                all.size(), verifySeconds, all.size() / verifySeconds, readSeconds);

        Files.createDirectories(report.getParent());
        Files.writeString(report, markdown(entries, lines));
        System.out.println("written to " + report);
    }

    private static double appendRate(AuditStore store, PGSimpleDataSource dataSource, int count, Random random,
            boolean transactionPerEvent) throws Exception {
        long start = System.nanoTime();
        append(store, dataSource, count, random, transactionPerEvent);
        return count / seconds(start);
    }

    private static void append(AuditStore store, PGSimpleDataSource dataSource, int count, Random random,
            boolean transactionPerEvent) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                EventEnvelope event = event(random);
                store.append(c, "tom.approval.events", event, EventJson.write(event));
                if (transactionPerEvent || (i + 1) % BULK_COMMIT_EVERY == 0) {
                    c.commit();
                }
            }
            c.commit();
        }
    }

    /** A realistic event: an agreement signed for one of many deployments. */
    private static EventEnvelope event(Random random) {
        UUID deployment = new UUID(random.nextInt(1000), random.nextInt(1000));
        return EventEnvelope.of(ApprovalEvents.AGREEMENT_SIGNED, "approval-service", deployment.toString(),
                new ApprovalEvents.AgreementSigned(UUID.randomUUID(), "END_USER_POLICY", null, deployment,
                        "E" + random.nextInt(1000), "S" + random.nextInt(100), "Pat Signer", "Director",
                        LocalDate.of(2026, 11, 1), "v3", LocalDate.of(2027, 11, 1), "eve"));
    }

    private static long size(Connection c) throws Exception {
        try (PreparedStatement select = c.prepareStatement("select seq from chain_head"); ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void line(List<String> lines, String format, Object... values) {
        String line = String.format(Locale.ROOT, format, values);
        System.out.println(line);
        lines.add(line);
    }

    private static String markdown(int entries, List<String> lines) {
        return "# Audit log benchmark\n\n"
                + "Run: `bench/run-audit-log.sh` (`-Dentries=" + entries + "`), " + Instant.now() + ", on "
                + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + ", embedded PostgreSQL (" + TestDatabase.jdbcUrl().replaceAll("//[^/]+/", "//…/") + ").\n\n"
                + "The append path is the service's own (`AuditStore.append`: lock the chain head, hash, insert the entry "
                + "and the Merkle subtrees it completes, move the head); verification is `audit-log`'s, the code the "
                + "service's /verify endpoint and the offline verifier use.\n\n"
                + "Caveat: the embedded PostgreSQL (zonky) runs with fsync and synchronous_commit off, so commit rates here "
                + "are higher than a durable production server's.\n\n"
                + String.join("\n", lines.stream().map(l -> "- " + l).toList()) + "\n";
    }
}
