package io.tomassure.auditlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class MerkleFrontierTest {

    @Test
    void buildsTheSameTreeAsTheStoredSubtreesAtEverySize() {
        Merkle.InMemory stored = new Merkle.InMemory();
        Merkle.Frontier frontier = new Merkle.Frontier();
        for (int i = 0; i < 70; i++) {
            assertThat(frontier.root()).isEqualTo(Merkle.root(stored, i));
            assertThat(Merkle.Frontier.of(stored, i).root()).isEqualTo(frontier.root());
            byte[] leaf = Merkle.leafHash(("leaf " + i).getBytes(StandardCharsets.UTF_8));
            stored.append(leaf);
            for (Merkle.Node node : frontier.append(leaf)) {
                assertThat(node.hash()).isEqualTo(stored.node(node.level(), node.index()));
            }
        }
    }
}
