package io.tomassure.auditlog;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

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
            checkEntry(entry, previous, contiguous, problems);
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
        List<String> problems = new ArrayList<>();
        AuditEntry previous = null;
        Merkle.InMemory tree = new Merkle.InMemory();
        for (AuditEntry entry : entries) {
            checkEntry(entry, previous, true, problems);
            if (previous == null && entry.seq() == 1 && !AuditEntry.GENESIS.equals(entry.prevHash())) {
                problems.add("entry 1 does not start from the genesis hash");
            }
            tree.append(entry.leafHash());
            previous = entry;
        }
        if (checkpoint != null) {
            if (key != null && !checkpoint.verify(key)) {
                problems.add("the checkpoint's signature does not verify with this public key");
            }
            if (!entries.isEmpty() && entries.get(0).seq() == 1 && tree.size() >= checkpoint.treeSize()) {
                byte[] root = Merkle.root(tree, checkpoint.treeSize());
                if (!Arrays.equals(root, HexFormat.of().parseHex(checkpoint.rootHash()))) {
                    problems.add("the first " + checkpoint.treeSize() + " entries do not hash to the signed root");
                }
            }
        }
        return new Report(entries.size(), checkpoint == null ? 0 : checkpoint.treeSize(), problems);
    }

    private static void checkEntry(AuditEntry entry, AuditEntry previous, boolean contiguous, List<String> problems) {
        if (!entry.contentHash().equals(entry.hash())) {
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
