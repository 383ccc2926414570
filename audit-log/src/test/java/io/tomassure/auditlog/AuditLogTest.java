package io.tomassure.auditlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

class AuditLogTest {

    private static final KeyPair KEYS = Keys.generate();

    /** A log that changed form half way: its first half in the log's first form, the rest in JCS, as on a live log. */
    static List<AuditEntry> log(int size) {
        List<AuditEntry> entries = new ArrayList<>();
        String previous = AuditEntry.GENESIS;
        for (int i = 1; i <= size; i++) {
            AuditEntry entry = new AuditEntry(i, "e-" + i, "tom.test.event", "test", "agg-" + (i % 3), "2026-11-21T10:00:00Z",
                    "2026-11-21T10:00:01Z", "tom.test", List.of("YGM24"), null, null, "sam", "{\"n\":" + i + "}",
                    i > size / 2 ? AuditEntry.JCS : null, previous, null).sealed();
            entries.add(entry);
            previous = entry.hash();
        }
        return entries;
    }

    static Merkle.InMemory tree(List<AuditEntry> entries) {
        Merkle.InMemory tree = new Merkle.InMemory();
        entries.forEach(e -> tree.append(e.leafHash()));
        return tree;
    }

    @Test
    void rootsMatchRfc6962ForEverySizeAndEveryInclusionProofVerifies() {
        for (int size = 1; size <= 33; size++) {
            List<AuditEntry> entries = log(size);
            Merkle.InMemory tree = tree(entries);
            byte[] root = Merkle.root(tree, size);
            assertThat(root).isEqualTo(naiveRoot(entries.stream().map(AuditEntry::leafHash).toList()));
            for (int i = 0; i < size; i++) {
                List<byte[]> proof = Merkle.inclusionProof(tree, i, size);
                assertThat(proof.size()).isLessThanOrEqualTo(64 - Long.numberOfLeadingZeros(size - 1));
                assertThat(Merkle.verifyInclusion(entries.get(i).leafHash(), i, size, proof, root)).isTrue();
                assertThat(Merkle.verifyInclusion(entries.get((i + 1) % size).leafHash(), i, size, proof, root) && size > 1)
                        .as("another leaf does not verify at %d of %d", i, size).isFalse();
            }
        }
    }

    @Test
    void anIntactChainVerifiesAndAnyTamperingIsNamed() {
        List<AuditEntry> entries = log(10);
        Checkpoint checkpoint = Checkpoint.sign(10, HexFormat.of().formatHex(Merkle.root(tree(entries), 10)),
                "2026-11-21T10:05:00Z", KEYS.getPrivate());
        assertThat(Verification.chain(entries, checkpoint, KEYS.getPublic()).intact()).isTrue();

        List<AuditEntry> modified = new ArrayList<>(entries);
        AuditEntry fifth = entries.get(4);
        modified.set(4, new AuditEntry(5, fifth.eventId(), fifth.type(), fifth.source(), fifth.subject(), fifth.time(),
                fifth.recordedAt(), fifth.topic(), fifth.organisations(), null, null, "mallory", fifth.event(), fifth.hashAlgorithm(), fifth.prevHash(),
                fifth.hash()));
        assertThat(Verification.chain(modified, checkpoint, KEYS.getPublic()).problems())
                .contains("entry 5 was modified: its content does not hash to " + fifth.hash());
        AuditEntry seventh = entries.get(6);
        modified = new ArrayList<>(entries);
        modified.set(6, new AuditEntry(7, seventh.eventId(), seventh.type(), seventh.source(), seventh.subject(),
                seventh.time(), seventh.recordedAt(), seventh.topic(), seventh.organisations(), null, null, "sam",
                seventh.event(), null, seventh.prevHash(), seventh.hash()));
        assertThat(Verification.chain(modified, checkpoint, KEYS.getPublic()).problems())
                .as("a JCS entry passed off as one of the first form").contains("entry 7 was modified: its content does not hash to " + seventh.hash());

        List<AuditEntry> deleted = new ArrayList<>(entries);
        deleted.remove(6);
        assertThat(Verification.chain(deleted, checkpoint, KEYS.getPublic()).intact()).isFalse();

        List<AuditEntry> reordered = new ArrayList<>(entries);
        reordered.set(2, entries.get(3));
        reordered.set(3, entries.get(2));
        assertThat(Verification.chain(reordered, checkpoint, KEYS.getPublic()).problems()).anyMatch(p -> p.contains("out of order"));

        // Resealing a modified entry does not help: it no longer links, and the signed root no longer matches.
        List<AuditEntry> resealed = new ArrayList<>(entries);
        resealed.set(4, new AuditEntry(5, fifth.eventId(), fifth.type(), fifth.source(), fifth.subject(), fifth.time(),
                fifth.recordedAt(), fifth.topic(), fifth.organisations(), null, null, "mallory", fifth.event(), fifth.hashAlgorithm(), fifth.prevHash(),
                null).sealed());
        assertThat(Verification.chain(resealed, checkpoint, KEYS.getPublic()).problems())
                .contains("entry 6 does not link to entry 5", "the first 10 entries do not hash to the signed root");
    }

    /** The log as stored, bytes and all, verifies without writing any entry again; a changed byte or place is named. */
    @Test
    void storedBytesAreCheckedAsStored() {
        List<AuditEntry> entries = log(10);
        Checkpoint checkpoint = Checkpoint.sign(10, HexFormat.of().formatHex(Merkle.root(tree(entries), 10)),
                "2026-11-21T10:05:00Z", KEYS.getPrivate());
        List<AuditEntry.Stored> stored = entries.stream().map(AuditEntry::seal).toList();
        assertThat(verifyStored(stored, checkpoint).problems()).isEmpty();

        List<AuditEntry.Stored> modified = new ArrayList<>(stored);
        byte[] changed = stored.get(4).canonical().clone();
        changed[changed.length / 2] ^= 1;
        modified.set(4, new AuditEntry.Stored(5, stored.get(4).hash(), changed));
        assertThat(verifyStored(modified, checkpoint).problems())
                .contains("entry 5 was modified: its content does not hash to " + stored.get(4).hash());

        // the store's numbering swapped, each entry keeping its bytes: the links name it
        List<AuditEntry.Stored> swapped = new ArrayList<>(stored);
        swapped.set(2, new AuditEntry.Stored(3, stored.get(3).hash(), stored.get(3).canonical()));
        swapped.set(3, new AuditEntry.Stored(4, stored.get(2).hash(), stored.get(2).canonical()));
        assertThat(verifyStored(swapped, checkpoint).problems()).contains("entry 3 does not link to entry 2",
                "the first 10 entries do not hash to the signed root");
    }

    private static Verification.Report verifyStored(List<AuditEntry.Stored> stored, Checkpoint checkpoint) {
        Verification.Chain chain = new Verification.Chain(checkpoint, KEYS.getPublic());
        chain.addStored(stored);
        return chain.finish();
    }

    @Test
    void aCheckpointSignedWithAnotherKeyIsRefused() {
        Checkpoint checkpoint = Checkpoint.sign(1, "00", "2026-11-21T10:05:00Z", KEYS.getPrivate());
        assertThat(checkpoint.verify(KEYS.getPublic())).isTrue();
        assertThat(checkpoint.verify(Keys.generate().getPublic())).isFalse();
        assertThat(new Checkpoint(2, "00", "2026-11-21T10:05:00Z", checkpoint.signature()).verify(KEYS.getPublic())).isFalse();
        assertThat(Keys.publicKey(Keys.publicPem(KEYS.getPublic()))).isEqualTo(KEYS.getPublic());
        assertThat(Keys.privateKey(Keys.privatePem(KEYS.getPrivate())).getEncoded()).isEqualTo(KEYS.getPrivate().getEncoded());
    }

    @Test
    void theOfflineVerifierChecksAnExportFileWithOnlyThePublicKey(@TempDir Path dir) throws Exception {
        List<AuditEntry> entries = log(20);
        Merkle.InMemory tree = tree(entries);
        Checkpoint checkpoint = Checkpoint.sign(20, HexFormat.of().formatHex(Merkle.root(tree, 20)), "2026-11-21T10:05:00Z",
                KEYS.getPrivate());
        ObjectMapper json = new ObjectMapper();
        List<String> lines = new ArrayList<>();
        lines.add(json.writeValueAsString(Export.Line.of(checkpoint, true)));
        for (int i = 0; i < 20; i++) {
            lines.add(json.writeValueAsString(Export.Line.of(entries.get(i),
                    Merkle.inclusionProof(tree, i, 20).stream().map(HexFormat.of()::formatHex).toList())));
        }
        Path export = dir.resolve("export.jsonl");
        Files.write(export, lines);
        String pem = Keys.publicPem(KEYS.getPublic());

        Verification.Report intact = VerifyCommand.verify(export, pem);
        assertThat(intact.intact()).isTrue();
        assertThat(VerifyCommand.describe(intact)).isEqualTo("INTACT: 20 entries verified against the signed tree of 20");

        Files.write(export, lines.stream().map(l -> l.replace("\\\"n\\\":8}", "\\\"n\\\":800}")
                .replace("\\\"n\\\":15}", "\\\"n\\\":1500}")).toList());
        assertThat(VerifyCommand.verify(export, pem).problems()).contains(
                "entry 8 was modified: its content does not hash to " + entries.get(7).hash(),
                "entry 8 is not included in the signed tree of 20",
                "entry 15 was modified: its content does not hash to " + entries.get(14).hash());

        List<String> withoutOne = new ArrayList<>(lines);
        withoutOne.remove(3);
        Files.write(export, withoutOne);
        assertThat(VerifyCommand.verify(export, pem).intact()).as("a contiguous range with a hole: a broken link").isFalse();

        Files.write(export, lines.subList(0, lines.size() - 1));
        assertThat(VerifyCommand.verify(export, pem).problems()).as("a truncated export")
                .contains("the export ends at entry 19, not at 20");

        Files.write(export, lines);
        assertThat(VerifyCommand.verify(export, Keys.publicPem(Keys.generate().getPublic())).problems())
                .contains("the checkpoint's signature does not verify with this public key");
    }

    /** RFC 6962 MTH, straight from its definition. */
    static byte[] naiveRoot(List<byte[]> leaves) {
        if (leaves.size() == 1) {
            return leaves.get(0);
        }
        int k = Integer.highestOneBit(leaves.size() - 1);
        return Merkle.nodeHash(naiveRoot(leaves.subList(0, k)), naiveRoot(leaves.subList(k, leaves.size())));
    }
}
