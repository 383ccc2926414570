package io.tomassure.auditlog;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The lines of an export file (JSON lines): first the signed checkpoint, then each entry with its inclusion
 * proof against that checkpoint. The file and the log's public key are all a verifier needs.
 */
public final class Export {

    private Export() {
    }

    /**
     * A line: the checkpoint (with {@code contiguous} true when the export holds every entry of its range, so that a
     * missing one is detectable), or an entry with its proof.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(Checkpoint checkpoint, Boolean contiguous, AuditEntry entry, List<String> proof) {

        public static Line of(Checkpoint checkpoint, boolean contiguous) {
            return new Line(checkpoint, contiguous, null, null);
        }

        public static Line of(AuditEntry entry, List<String> proof) {
            return new Line(null, null, entry, proof);
        }
    }
}
