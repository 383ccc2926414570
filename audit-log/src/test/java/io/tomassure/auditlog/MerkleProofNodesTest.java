package io.tomassure.auditlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.junit.jupiter.api.Test;

class MerkleProofNodesTest {

    @Test
    void namesExactlyTheSubtreesEveryInclusionProofReads() {
        Merkle.InMemory stored = new Merkle.InMemory();
        for (int i = 0; i < 70; i++) {
            stored.append(Merkle.leafHash(("leaf " + i).getBytes(StandardCharsets.UTF_8)));
        }
        for (long size = 1; size <= 70; size++) {
            for (long index = 0; index < size; index++) {
                Set<Merkle.NodeRef> named = Merkle.proofNodes(index, size);
                Merkle.Nodes onlyNamed = (level, i) -> {
                    assertThat(named).contains(new Merkle.NodeRef(level, i));
                    return stored.node(level, i);
                };
                assertThat(Merkle.inclusionProof(onlyNamed, index, size)).containsExactlyElementsOf(
                        Merkle.inclusionProof(stored, index, size));
            }
        }
        assertThat(Merkle.proofNodes(0, 1_000_000)).hasSizeLessThanOrEqualTo(40);
    }
}
