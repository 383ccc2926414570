package io.tomassure.console.api;

import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

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
