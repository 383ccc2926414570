package io.tomassure.console.pages;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.tomassure.console.api.AuditApi;
import io.tomassure.console.api.Models.AuditEntry;
import io.tomassure.console.api.Models.Checkpoint;
import io.tomassure.console.api.Models.Proof;

/**
 * The auditor's view of the log: an assessment's history, and an entry's inclusion proof, which the browser checks
 * itself (SHA-256 up the Merkle path to the signed root, then the Ed25519 signature against the public key) so that
 * the answer does not rest on trusting this server.
 */
@Path("/audit")
public class AuditPages {

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance history(String assessment, List<AuditEntry> entries, String next);

        static native TemplateInstance proof(Proof proof, Checkpoint checkpoint, String publicKey);
    }

    @Inject
    @RestClient
    AuditApi audit;

    @GET
    public TemplateInstance history(@QueryParam("assessment") UUID assessment, @QueryParam("after") Long after) {
        if (assessment == null) {
            return Templates.history(null, List.of(), null);
        }
        var page = audit.history(assessment, after, 100);
        return Templates.history(assessment.toString(), page.items(), page.next());
    }

    @GET
    @Path("entries/{seq}")
    public TemplateInstance proof(@PathParam("seq") long seq) {
        Checkpoint checkpoint = audit.latestCheckpoint();
        Proof proof = audit.proof(seq);
        if (proof.treeSize() != checkpoint.treeSize()) { // sealed in between: the proof is against the newer one
            checkpoint = audit.latestCheckpoint();
        }
        return Templates.proof(proof, checkpoint, audit.publicKey());
    }
}
