package io.tomassure.auditlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** RFC 6962/9162 consistency proofs: every older tree is proved a prefix of every newer one, and nothing else is. */
class MerkleConsistencyTest {

    private static final int LEAVES = 40;

    @Test
    void everyOlderTreeIsProvedThePrefixOfEveryNewerOne() {
        Merkle.InMemory tree = tree("leaf ");
        for (long to = 1; to <= LEAVES; to++) {
            byte[] toRoot = Merkle.root(tree, to);
            for (long from = 1; from <= to; from++) {
                List<byte[]> proof = Merkle.consistencyProof(tree, from, to);
                byte[] fromRoot = Merkle.root(tree, from);
                assertThat(Merkle.verifyConsistency(from, to, fromRoot, toRoot, proof)).as("%d -> %d", from, to).isTrue();
                assertThat(proof.size()).as("O(log n) hashes").isLessThanOrEqualTo(2 * (64 - Long.numberOfLeadingZeros(to)));
            }
        }
    }

    @Test
    void aRewrittenHistoryOrAWrongSizeIsNotProved() {
        Merkle.InMemory tree = tree("leaf ");
        Merkle.InMemory forged = tree("forged ");
        for (long to = 2; to <= LEAVES; to++) {
            byte[] toRoot = Merkle.root(tree, to);
            for (long from = 1; from < to; from++) {
                List<byte[]> proof = Merkle.consistencyProof(tree, from, to);
                assertThat(Merkle.verifyConsistency(from, to, Merkle.root(forged, from), toRoot, proof))
                        .as("an old root the log never had, %d -> %d", from, to).isFalse();
                assertThat(Merkle.verifyConsistency(from, to, Merkle.root(tree, from), Merkle.root(forged, to), proof))
                        .as("a new root that does not extend it").isFalse();
                if (from + 1 < to) {
                    assertThat(Merkle.verifyConsistency(from + 1, to, Merkle.root(tree, from + 1), toRoot, proof))
                            .as("the proof of another size").isFalse();
                }
                List<byte[]> truncated = new ArrayList<>(proof.subList(0, proof.size() - 1));
                assertThat(Merkle.verifyConsistency(from, to, Merkle.root(tree, from), toRoot, truncated)).isFalse();
            }
        }
    }

    @Test
    void namesExactlyTheSubtreesEveryProofReads() {
        Merkle.InMemory stored = tree("leaf ");
        for (long to = 1; to <= LEAVES; to++) {
            for (long from = 1; from <= to; from++) {
                Set<Merkle.NodeRef> named = Merkle.consistencyNodes(from, to);
                Merkle.Nodes onlyNamed = (level, i) -> {
                    assertThat(named).contains(new Merkle.NodeRef(level, i));
                    return stored.node(level, i);
                };
                assertThat(Merkle.consistencyProof(onlyNamed, from, to))
                        .containsExactlyElementsOf(Merkle.consistencyProof(stored, from, to));
            }
        }
    }

    private static Merkle.InMemory tree(String prefix) {
        Merkle.InMemory tree = new Merkle.InMemory();
        for (int i = 0; i < LEAVES; i++) {
            tree.append(Merkle.leafHash((prefix + i).getBytes(StandardCharsets.UTF_8)));
        }
        return tree;
    }
}
