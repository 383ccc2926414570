package io.tomassure.auditlog;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Checks entries against each other and against a signed checkpoint: every entry's hash is its content's, each
 * entry links to its predecessor, each is included in the checkpoint's tree, and the checkpoint is signed by
 * the log's key. Any change to a past entry, a removal or a reordering shows up as a problem.
 */
public final class Verification {

    /** The outcome: how many entries were checked and what is wrong (nothing, when the log is intact). */
    public record Report(long entries, long treeSize, List<String> problems) {

        public boolean intact() {
            return problems.isEmpty();
        }
    }

    private Verification() {
    }

    /**
     * Verifies an export: entries with inclusion proofs against the checkpoint, signed with {@code key}; in a
     * {@code contiguous} export, a gap between entries is a missing entry.
     */
    public static Report export(Checkpoint checkpoint, boolean contiguous, List<Export.Line> entries, PublicKey key) {
        List<String> problems = new ArrayList<>();
        if (checkpoint == null) {
            return new Report(0, 0, List.of("the export has no checkpoint"));
        }
        if (!checkpoint.verify(key)) {
            problems.add("the checkpoint's signature does not verify with this public key");
        }
        byte[] root = HexFormat.of().parseHex(checkpoint.rootHash());
        AuditEntry previous = null;
        for (Export.Line line : entries) {
            AuditEntry entry = line.entry();
            AuditEntry.Hashes hashes = entry.hashes();
            checkEntry(entry, hashes.contentIs(entry.hash()), previous, contiguous, problems);
            List<byte[]> proof = line.proof() == null ? List.of() : line.proof().stream().map(HexFormat.of()::parseHex).toList();
            if (entry.seq() > checkpoint.treeSize()
                    || !Merkle.verifyInclusion(hashes.leaf(), entry.seq() - 1, checkpoint.treeSize(), proof, root)) {
                problems.add("entry " + entry.seq() + " is not included in the signed tree of " + checkpoint.treeSize());
            }
            previous = entry;
        }
        if (contiguous) {
            long first = entries.isEmpty() ? 0 : entries.get(0).entry().seq();
            long last = previous == null ? 0 : previous.seq();
            if (first != 1 || !AuditEntry.GENESIS.equals(entries.get(0).entry().prevHash())) {
                problems.add("the export does not start at entry 1");
            }
            if (last != checkpoint.treeSize()) {
                problems.add("the export ends at entry " + last + ", not at " + checkpoint.treeSize());
            }
        }
        return new Report(entries.size(), checkpoint.treeSize(), problems);
    }

    /**
     * Verifies a contiguous run of entries from the first: hashes, links, and (when {@code checkpoint} is given)
     * the Merkle root of the first {@code checkpoint.treeSize()} entries.
     */
    public static Report chain(List<AuditEntry> entries, Checkpoint checkpoint, PublicKey key) {
        Chain chain = new Chain(checkpoint, key);
        chain.add(entries);
        return chain.finish();
    }

    /**
     * The chain verified a batch at a time, so a log of any size is checked in bounded memory: it keeps the last
     * entry and the Merkle {@link Merkle.Frontier} (one hash per level), never the entries. Each batch is hashed and its
     * hashes compared on every core (they depend on an entry's content alone); links and the tree are then checked in
     * order.
     */
    public static final class Chain {
        private final Checkpoint checkpoint;
        private final PublicKey key;
        private final List<String> problems = new ArrayList<>();
        private final Merkle.Frontier tree = new Merkle.Frontier();
        private AuditEntry first;
        private AuditEntry previous;
        private long entries;

        public Chain(Checkpoint checkpoint, PublicKey key) {
            this.checkpoint = checkpoint;
            this.key = key;
        }

        public void add(List<AuditEntry> batch) {
            byte[][] leaves = new byte[batch.size()][];
            boolean[] contentIntact = new boolean[batch.size()];
            IntStream.range(0, leaves.length).parallel().forEach(i -> {
                AuditEntry.Hashes hashes = batch.get(i).hashes();
                leaves[i] = hashes.leaf();
                contentIntact[i] = hashes.contentIs(batch.get(i).hash());
            });
            for (int i = 0; i < leaves.length; i++) {
                AuditEntry entry = batch.get(i);
                checkEntry(entry, contentIntact[i], previous, true, problems);
                if (first == null) {
                    first = entry;
                    if (entry.seq() == 1 && !AuditEntry.GENESIS.equals(entry.prevHash())) {
                        problems.add("entry 1 does not start from the genesis hash");
                    }
                }
                if (checkpoint != null && first.seq() == 1 && tree.size() < checkpoint.treeSize()) {
                    tree.append(leaves[i]);
                }
                previous = entry;
                entries++;
            }
        }

        public Report finish() {
            if (checkpoint != null) {
                if (key != null && !checkpoint.verify(key)) {
                    problems.add("the checkpoint's signature does not verify with this public key");
                }
                if (first != null && first.seq() == 1 && tree.size() == checkpoint.treeSize()
                        && !Arrays.equals(tree.root(), HexFormat.of().parseHex(checkpoint.rootHash()))) {
                    problems.add("the first " + checkpoint.treeSize() + " entries do not hash to the signed root");
                }
            }
            return new Report(entries, checkpoint == null ? 0 : checkpoint.treeSize(), List.copyOf(problems));
        }
    }

    private static void checkEntry(AuditEntry entry, boolean contentIntact, AuditEntry previous, boolean contiguous,
            List<String> problems) {
        if (!contentIntact) {
            problems.add("entry " + entry.seq() + " was modified: its content does not hash to " + entry.hash());
        }
        if (previous == null) {
            return;
        }
        if (entry.seq() <= previous.seq()) {
            problems.add("entry " + entry.seq() + " comes after entry " + previous.seq() + ": out of order");
        } else if (entry.seq() > previous.seq() + 1 && contiguous) {
            problems.add("entries " + (previous.seq() + 1) + " to " + (entry.seq() - 1) + " are missing");
        } else if (entry.seq() == previous.seq() + 1 && !previous.hash().equals(entry.prevHash())) {
            problems.add("entry " + entry.seq() + " does not link to entry " + previous.seq());
        }
    }
}
