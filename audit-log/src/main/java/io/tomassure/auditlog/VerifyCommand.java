package io.tomassure.auditlog;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The offline verifier, needing nothing but the log's public key and what audit-service served:
 * {@code java -jar audit-log.jar EXPORT.jsonl PUBLIC-KEY.pem} checks an export;
 * {@code java -jar audit-log.jar --consistency PROOF.json PUBLIC-KEY.pem} checks that a later checkpoint extends one
 * kept earlier (compare the proof's {@code from} with the one you kept). Exit code 0: intact; 1: tampered (the
 * problems are listed); 2: unusable input.
 */
public final class VerifyCommand {

    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private VerifyCommand() {
    }

    public static void main(String[] args) {
        boolean consistency = args.length == 3 && args[0].equals("--consistency");
        if (args.length != 2 && !consistency) {
            System.err.println("usage: java -jar audit-log.jar EXPORT.jsonl PUBLIC-KEY.pem\n"
                    + "       java -jar audit-log.jar --consistency PROOF.json PUBLIC-KEY.pem");
            System.exit(2);
        }
        try {
            if (consistency) {
                List<String> problems = verifyConsistency(Path.of(args[1]), Files.readString(Path.of(args[2])));
                System.out.println(describe(JSON.readValue(Path.of(args[1]).toFile(), ConsistencyProof.class), problems));
                System.exit(problems.isEmpty() ? 0 : 1);
            }
            Verification.Report report = verify(Path.of(args[0]), Files.readString(Path.of(args[1])));
            System.out.println(describe(report));
            System.exit(report.intact() ? 0 : 1);
        } catch (IOException | RuntimeException e) {
            System.err.println("cannot verify: " + e.getMessage());
            System.exit(2);
        }
    }

    public static Verification.Report verify(Path export, String publicKeyPem) throws IOException {
        PublicKey key = Keys.publicKey(publicKeyPem);
        Checkpoint checkpoint = null;
        boolean contiguous = false;
        List<Export.Line> entries = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            String text;
            while ((text = reader.readLine()) != null) {
                if (text.isBlank()) {
                    continue;
                }
                Export.Line line = JSON.readValue(text, Export.Line.class);
                if (line.checkpoint() != null) {
                    checkpoint = line.checkpoint();
                    contiguous = Boolean.TRUE.equals(line.contiguous());
                } else if (line.entry() != null) {
                    entries.add(line);
                }
            }
        }
        return Verification.export(checkpoint, contiguous, entries, key);
    }

    public static List<String> verifyConsistency(Path proof, String publicKeyPem) throws IOException {
        return JSON.readValue(proof.toFile(), ConsistencyProof.class).problems(Keys.publicKey(publicKeyPem));
    }

    static String describe(ConsistencyProof proof, List<String> problems) {
        if (problems.isEmpty()) {
            return "CONSISTENT: the log of " + proof.to().treeSize() + " entries (root " + proof.to().rootHash()
                    + ") extends the log of " + proof.from().treeSize() + " entries (root " + proof.from().rootHash() + ")";
        }
        return "INCONSISTENT:\n  " + String.join("\n  ", problems);
    }

    static String describe(Verification.Report report) {
        if (report.intact()) {
            return "INTACT: " + report.entries() + " entries verified against the signed tree of " + report.treeSize();
        }
        return "TAMPERED: " + report.problems().size() + " problem(s) in " + report.entries() + " entries\n  "
                + String.join("\n  ", report.problems());
    }
}
