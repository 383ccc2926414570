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
        AuditEntry.Stored previous = null;
        for (Export.Line line : entries) {
            AuditEntry.Stored entry = AuditEntry.Stored.of(line.entry());
            checkEntry(entry.intact(), entry, entry.prevHash(), previous, contiguous, problems);
            List<byte[]> proof = line.proof() == null ? List.of() : line.proof().stream().map(HexFormat.of()::parseHex).toList();
            if (entry.seq() > checkpoint.treeSize()
                    || !Merkle.verifyInclusion(entry.leafHash(), entry.seq() - 1, checkpoint.treeSize(), proof, root)) {
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
     * entry and the Merkle {@link Merkle.Frontier} (one hash per level), never the entries. Each batch is hashed on
     * every core (an entry's hashes depend on its bytes alone); links and the tree are then checked in order. Stored
     * entries are checked as their bytes were stored, with nothing written again: the cost is SHA-256's.
     */
    public static final class Chain {
        private final Checkpoint checkpoint;
        private final PublicKey key;
        private final List<String> problems = new ArrayList<>();
        private final Merkle.Frontier tree = new Merkle.Frontier();
        private AuditEntry.Stored first;
        private AuditEntry.Stored previous;
        private long entries;

        public Chain(Checkpoint checkpoint, PublicKey key) {
            this.checkpoint = checkpoint;
            this.key = key;
        }

        /** Entries as served: each written in its canonical form first. */
        public void add(List<AuditEntry> batch) {
            addStored(batch.parallelStream().map(AuditEntry.Stored::of).toList());
        }

        public void addStored(List<AuditEntry.Stored> batch) {
            byte[][] leaves = new byte[batch.size()][];
            boolean[] intact = new boolean[batch.size()];
            String[] prevHashes = new String[batch.size()];
            IntStream.range(0, leaves.length).parallel().forEach(i -> {
                leaves[i] = batch.get(i).leafHash();
                intact[i] = batch.get(i).intact();
                prevHashes[i] = batch.get(i).prevHash();
            });
            for (int i = 0; i < leaves.length; i++) {
                AuditEntry.Stored entry = batch.get(i);
                checkEntry(intact[i], entry, prevHashes[i], previous, true, problems);
                if (first == null) {
                    first = entry;
                    if (entry.seq() == 1 && !AuditEntry.GENESIS.equals(prevHashes[i])) {
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

    private static void checkEntry(boolean intact, AuditEntry.Stored entry, String prevHash, AuditEntry.Stored previous,
            boolean contiguous, List<String> problems) {
        if (!intact) {
            problems.add("entry " + entry.seq() + " was modified: its content does not hash to " + entry.hash());
        }
        if (previous == null) {
            return;
        }
        if (entry.seq() <= previous.seq()) {
            problems.add("entry " + entry.seq() + " comes after entry " + previous.seq() + ": out of order");
        } else if (entry.seq() > previous.seq() + 1 && contiguous) {
            problems.add("entries " + (previous.seq() + 1) + " to " + (entry.seq() - 1) + " are missing");
        } else if (entry.seq() == previous.seq() + 1 && !previous.hash().equals(prevHash)) {
            problems.add("entry " + entry.seq() + " does not link to entry " + previous.seq());
        }
    }
}
