package io.tomassure.console.api;

import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.client.SseEvent;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Multi;
import io.tomassure.console.api.Models.AuditEntry;
import io.tomassure.console.api.Models.Checkpoint;
import io.tomassure.console.api.Models.Page;
import io.tomassure.console.api.Models.Proof;

/** audit-service's public API, as the signed-in person. */
@RegisterRestClient(configKey = "audit")
@RegisterClientHeaders(UserToken.class)
@Path("/api/v1/audit")
public interface AuditApi {

    @GET
    @Path("/assessments/{id}/history")
    Page<AuditEntry> history(@PathParam("id") UUID assessmentId, @QueryParam("after") Long after,
            @QueryParam("limit") int limit);

    /** Entries in log order after {@code after}, as audit-service serves them (every field, for hashing). */
    @GET
    @Path("/entries")
    Page<JsonNode> entries(@QueryParam("after") long after, @QueryParam("limit") int limit);

    /** New entries as they are logged, from {@code after} or the Last-Event-ID the browser resumes with. */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    Multi<SseEvent<String>> stream(@HeaderParam("Last-Event-ID") String lastEventId, @QueryParam("after") Long after,
            @QueryParam("deployment") UUID deployment);

    @GET
    @Path("/entries/{seq}/proof")
    Proof proof(@PathParam("seq") long seq);

    @GET
    @Path("/checkpoints/latest")
    Checkpoint latestCheckpoint();

    @GET
    @Path("/public-key")
    @Produces("application/x-pem-file")
    String publicKey();
}
