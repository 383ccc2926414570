package io.tomassure.support.auditlog;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

/** The part of audit-service's API a service reads the log through, as itself ({@link AuditLogReader}). */
@RegisterRestClient(configKey = "audit-log")
@Path("/api/v1/audit")
public interface AuditLogApi {

    /** An entry as a replay needs it: its place in the log, the CloudEvent as received, and its hash. */
    record Entry(long seq, String type, String time, String event, String hash) {
    }

    record Entries(List<Entry> items, String next) {
    }

    @GET
    @Path("/entries")
    Entries entries(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @QueryParam("assessment") UUID assessment,
            @QueryParam("deployment") UUID deployment, @QueryParam("type") String type,
            @QueryParam("organisation") String organisation, @QueryParam("after") Long after, @QueryParam("limit") int limit);

    @GET
    @Path("/entries/{seq}/proof")
    JsonNode proof(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("seq") long seq);
}
