package io.tomassure.console.pages;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.qute.CheckedTemplate;
import io.smallrye.mutiny.Multi;
import io.quarkus.qute.TemplateInstance;
import io.tomassure.console.api.AuditApi;
import io.tomassure.console.api.Models.AuditEntry;
import io.tomassure.console.api.Models.Checkpoint;
import io.tomassure.console.api.Models.Proof;

/**
 * The auditor's view of the log: an assessment's history, the live stream, and an entry's inclusion proof, which the browser checks
 * itself (the entry's leaf from the entry, SHA-256 up the Merkle path to the signed root, then the Ed25519 signature
 * against the public key) so that the answer does not rest on trusting this server.
 */
@Path("/audit")
public class AuditPages {

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance history(String assessment, List<AuditEntry> entries, String next);

        static native TemplateInstance proof(Proof proof, String entry, Checkpoint checkpoint, String publicKey);

        static native TemplateInstance live(long after);
    }

    /** How many of the latest entries the live page starts with, before the new ones arrive. */
    static final int LIVE_BACKLOG = 25;

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

    /** The live stream: the latest entries, then each new one as audit-service logs it. */
    @GET
    @Path("live")
    public TemplateInstance live() {
        return Templates.live(Math.max(0, audit.latestCheckpoint().treeSize() - LIVE_BACKLOG));
    }

    /**
     * audit-service's stream relayed with the person's token (a browser's EventSource cannot send one). When that
     * stream ends with the token, the browser reconnects with Last-Event-ID and resumes on a refreshed token, nothing
     * missed; when the browser goes, the relay's cancellation closes the stream upstream, freeing its slot. One
     * deployment's entries only, for its gate's page.
     */
    @GET
    @Path("live/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> events(@Context Sse sse, @HeaderParam("Last-Event-ID") String lastEventId,
            @QueryParam("after") Long after, @QueryParam("deployment") UUID deployment) {
        return audit.stream(lastEventId, after, deployment).map(event -> sse.newEventBuilder().id(event.id()).name(event.name())
                .mediaType(MediaType.APPLICATION_JSON_TYPE).data(event.data()).build());
    }

    @GET
    @Path("entries/{seq}")
    public TemplateInstance proof(@PathParam("seq") long seq) {
        Checkpoint checkpoint = audit.latestCheckpoint();
        Proof proof = audit.proof(seq);
        if (proof.treeSize() != checkpoint.treeSize()) { // sealed in between: the proof is against the newer one
            checkpoint = audit.latestCheckpoint();
        }
        // The entry itself, so that the browser computes its leaf instead of taking the one the proof names.
        String entry = audit.entries(seq - 1, 1).items().stream().findFirst().map(Object::toString).orElse("{}");
        return Templates.proof(proof, entry, checkpoint, audit.publicKey());
    }
}
