package io.tomassure.auditlog;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Proof that the log signed at {@code to} extends the log signed at {@code from}: nothing in the first
 * {@code from.treeSize()} entries was changed, removed or reordered, entries were only appended (RFC 9162, 2.1.4).
 * An auditor who kept {@code from} checks it with the log's public key alone.
 *
 * @param path the consistency path, hex, as {@link Merkle#consistencyProof} makes it
 */
public record ConsistencyProof(Checkpoint from, Checkpoint to, List<String> path) {

    /** What is wrong with the proof: nothing, when {@code to} is signed and extends {@code from}, also signed. */
    public List<String> problems(PublicKey key) {
        List<String> problems = new ArrayList<>();
        if (!from.verify(key)) {
            problems.add("the checkpoint of " + from.treeSize() + " entries is not signed by this key");
        }
        if (!to.verify(key)) {
            problems.add("the checkpoint of " + to.treeSize() + " entries is not signed by this key");
        }
        HexFormat hex = HexFormat.of();
        if (!Merkle.verifyConsistency(from.treeSize(), to.treeSize(), hex.parseHex(from.rootHash()),
                hex.parseHex(to.rootHash()), path.stream().map(hex::parseHex).toList())) {
            problems.add("the log of " + to.treeSize() + " entries does not extend the log of " + from.treeSize()
                    + " entries as signed");
        }
        return problems;
    }
}
