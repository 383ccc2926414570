package io.tomassure.auditlog;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * A signed statement of the log's state: its first {@code treeSize} entries have Merkle root {@code rootHash}.
 * Signed with Ed25519; anyone with the public key can check it, and every entry's inclusion against it.
 */
public record Checkpoint(long treeSize, String rootHash, String sealedAt, String signature) {

    static final String ALGORITHM = "Ed25519";

    /** What is signed: a domain-separated, line-based statement. */
    public byte[] statement() {
        return ("tom-assure-audit-checkpoint/v1\n" + treeSize + "\n" + rootHash + "\n" + sealedAt + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    public static Checkpoint sign(long treeSize, String rootHash, String sealedAt, PrivateKey key) {
        Checkpoint unsigned = new Checkpoint(treeSize, rootHash, sealedAt, null);
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(unsigned.statement());
            return new Checkpoint(treeSize, rootHash, sealedAt, Base64.getEncoder().encodeToString(signer.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the checkpoint", e);
        }
    }

    public boolean verify(PublicKey key) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(statement());
            return signature != null && verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
