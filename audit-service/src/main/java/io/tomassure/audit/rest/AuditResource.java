package io.tomassure.audit.rest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tomassure.audit.repository.CompletenessStore;
import io.tomassure.audit.repository.EntryFilter;
import io.tomassure.audit.service.AuditLog;
import io.tomassure.audit.service.AuditQueries;
import io.tomassure.audit.service.SigningKeys;
import io.tomassure.auditlog.AuditEntry;
import io.tomassure.auditlog.Checkpoint;
import io.tomassure.auditlog.ConsistencyProof;
import io.tomassure.auditlog.Keys;
import io.tomassure.auditlog.Verification;
import io.tomassure.support.paging.Page;
import io.tomassure.support.problem.ProblemException;
import io.tomassure.support.security.Caller;
import io.tomassure.support.security.Roles;
import io.tomassure.support.security.Viewer;
import io.tomassure.support.time.TimeSource;

@Path("/api/v1/audit")
@Tag(name = "Audit", description = "The central, append-only, hash-chained audit log: query, live stream, proofs, verification, export, completeness audit")
@Blocking
public class AuditResource {

    public record AuditedRequest(@Size(max = 20000) String notes) {
    }

    private static final Duration STREAM_POLL = Duration.ofMillis(200);

    private final AuditQueries queries;
    private final AuditLog log;
    private final SigningKeys keys;
    private final Caller caller;
    private final AuditStreams streams;
    private final TimeSource time;

    AuditResource(AuditQueries queries, AuditLog log, SigningKeys keys, Caller caller, AuditStreams streams,
            TimeSource time) {
        this.queries = queries;
        this.log = log;
        this.keys = keys;
        this.caller = caller;
        this.streams = streams;
        this.time = time;
    }

    @GET
    @Path("/entries")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "Query the audit log", description = "Entries in log order, filtered by organisation, assessment, "
            + "deployment, event type, actor and time range [from, to); keyset-paged: pass 'next' as 'after'. A supplier or "
            + "EUO sees only entries about its own organisation.")
    public Page<AuditEntry> entries(@QueryParam("organisation") String organisation, @QueryParam("assessment") UUID assessment,
            @QueryParam("deployment") UUID deployment, @QueryParam("type") String type, @QueryParam("actor") String actor,
            @QueryParam("from") Instant from, @QueryParam("to") Instant to, @QueryParam("after") Long after,
            @QueryParam("limit") Integer limit) {
        EntryFilter filter = new EntryFilter(organisation, assessment, deployment, type, actor, from, to, visibleTo());
        return Page.fetch(limit, rows -> queries.entries(filter, after == null ? 0 : after, rows),
                e -> Long.toString(e.seq()), e -> e);
    }

    @GET
    @Path("/assessments/{id}/history")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "The history of an assessment", description = "Everything logged about one assessment, in order, keyset-paged.")
    public Page<AuditEntry> history(@PathParam("id") UUID id, @QueryParam("after") Long after, @QueryParam("limit") Integer limit) {
        return entries(null, id, null, null, null, null, null, after, limit == null ? Page.MAX_LIMIT : limit);
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "Live stream of new entries", description = "Server-Sent Events, one per entry, with the entry's "
            + "sequence number as the event id. Reconnect with Last-Event-ID (or ?after=) to resume: nothing is missed and "
            + "nothing repeated. Takes the same filters as the query. A stream ends when the token that opened it expires "
            + "(reconnect with a fresh one), and a caller may hold 3 at once (429 beyond).")
    public Multi<OutboundSseEvent> stream(@Context Sse sse, @HeaderParam("Last-Event-ID") String lastEventId,
            @QueryParam("after") Long after, @QueryParam("organisation") String organisation,
            @QueryParam("assessment") UUID assessment, @QueryParam("deployment") UUID deployment,
            @QueryParam("type") String type, @QueryParam("actor") String actor) {
        EntryFilter filter = new EntryFilter(organisation, assessment, deployment, type, actor, null, null, visibleTo());
        AtomicLong cursor = new AtomicLong(resumeFrom(lastEventId, after, queries.size()));
        String who = caller.subject();
        Instant now = time.now();
        Duration lifetime = streams.lifetime(now, caller.tokenExpiry().orElse(now));
        streams.open(who);
        return Multi.createFrom().ticks().every(STREAM_POLL)
                .select().first(lifetime) // ends with its token: the client resumes with a fresh one and Last-Event-ID
                .onTermination().invoke(() -> streams.close(who))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .onItem().transformToIterable(tick -> {
                    List<AuditEntry> batch = queries.entries(filter, cursor.get(), 500);
                    if (!batch.isEmpty()) {
                        cursor.set(batch.get(batch.size() - 1).seq());
                    }
                    return batch;
                })
                .map(entry -> sse.newEventBuilder().id(Long.toString(entry.seq())).name("audit-entry")
                        .mediaType(MediaType.APPLICATION_JSON_TYPE).data(AuditEntry.class, entry).build());
    }

    @GET
    @Path("/entries/{seq}/proof")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "Inclusion proof", description = "The audit path (O(log n) hashes) proving entry seq is in the "
            + "tree of the latest signed checkpoint (RFC 6962; read at most a second ago, so a checkpoint sealed in the "
            + "last second may not be the one used). leafHash is the leaf as the tree holds it: a verifier computes it "
            + "from the entry it holds (SHA-256 of 0x00 and the entry's canonical form) and checks the path against the "
            + "signed root.")
    public AuditQueries.Proof proof(@PathParam("seq") long seq) {
        return queries.proof(seq, visibleTo());
    }

    @GET
    @Path("/checkpoints/latest")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "The latest signed checkpoint", description = "Tree size, Merkle root, time and Ed25519 signature.")
    public Checkpoint latestCheckpoint() {
        return queries.latestCheckpoint().orElseThrow(() -> ProblemException.notFound("A checkpoint"));
    }

    @GET
    @Path("/checkpoints/consistency")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "Prove that the log extends a checkpoint you kept", description = "A consistency proof (RFC "
            + "9162, 2.1.4) from the checkpoint signed at 'from' entries to the one signed at 'to' (the latest when "
            + "omitted): both checkpoints and the consistency path. With the log's public key alone, an auditor who kept "
            + "the older checkpoint checks that nothing before it was changed, removed or reordered since "
            + "(`java -jar audit-log.jar --consistency PROOF.json PUBLIC-KEY.pem`). 404 for a size the log was not signed at.")
    public ConsistencyProof consistency(@QueryParam("from") Long from, @QueryParam("to") Long to) {
        if (from == null || from < 1) {
            throw ProblemException.invalid("from", "from is the size of a signed checkpoint, 1 or more");
        }
        return queries.consistency(from, to);
    }

    @POST
    @Path("/checkpoints")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.AUDITOR })
    @Operation(summary = "Seal a checkpoint now", description = "Signs the log as it is now (it is also sealed periodically).")
    public Checkpoint seal() {
        return log.seal().orElseThrow(() -> ProblemException.conflict("empty-log", "Nothing to seal", "The log is empty"));
    }

    @GET
    @Path("/public-key")
    @Produces("application/x-pem-file")
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "The checkpoint public key", description = "Ed25519, PEM: what the offline verifier needs besides an export.")
    public String publicKey() {
        return Keys.publicPem(keys.publicKey());
    }

    @GET
    @Path("/verify")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ASSURANCE, Roles.AUDITOR, Roles.ADMIN })
    @Operation(summary = "Verify the log", description = "Recomputes entries from..to (default: the whole log) from their "
            + "content: hashes, links, and the Merkle root or inclusion against the latest signed checkpoint. Any "
            + "modified, removed or reordered entry is reported.")
    public Verification.Report verify(@QueryParam("from") Long from, @QueryParam("to") Long to) {
        long first = from == null ? 1 : from;
        long last = to == null ? queries.size() : to;
        if (first < 1 || last < first) {
            throw ProblemException.invalid("from", "from must be at least 1 and not after to");
        }
        return log.verify(first, last);
    }

    @GET
    @Path("/export")
    @Produces("application/x-ndjson")
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "Export with proofs", description = "JSON lines: the latest signed checkpoint, then every entry "
            + "it covers that matches the filters, each with its inclusion proof (entries logged since that checkpoint "
            + "come in the next export, after the next seal). Changes nothing. Verify offline with "
            + "`java -jar audit-log.jar EXPORT.jsonl PUBLIC-KEY.pem`.")
    public Response export(@QueryParam("organisation") String organisation, @QueryParam("assessment") UUID assessment,
            @QueryParam("deployment") UUID deployment, @QueryParam("type") String type, @QueryParam("actor") String actor,
            @QueryParam("from") Instant from, @QueryParam("to") Instant to) {
        Checkpoint checkpoint = queries.exportCheckpoint(); // before the response starts: a refusal is a problem
        EntryFilter filter = new EntryFilter(organisation, assessment, deployment, type, actor, from, to, visibleTo());
        StreamingOutput body = output -> queries.export(filter, checkpoint, output);
        return Response.ok(body).header("Content-Disposition", "attachment; filename=\"audit-export.jsonl\"").build();
    }

    @GET
    @Path("/completeness")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "Completeness audit report", description = "Submitted TOMs with their completeness, missing rows, "
            + "open non-conformances and audit state (DUE, AUDITED); ?state=DUE lists those due for audit.")
    public List<CompletenessStore.Item> completeness(@QueryParam("state") String state) {
        return queries.completeness(state, visibleTo());
    }

    @POST
    @Path("/completeness/{submissionId}/audited")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.AUDITOR, Roles.ASSURANCE })
    @Operation(summary = "Mark a TOM audited", description = "Records that NHS Digital audited a submitted TOM, by whom, with notes.")
    public Response audited(@PathParam("submissionId") UUID submissionId, @Valid AuditedRequest request) {
        if (!queries.audited(submissionId, caller.username(), request == null ? null : request.notes())) {
            throw ProblemException.notFound("Submission " + submissionId + " in the completeness audit");
        }
        return Response.noContent().build();
    }

    /** A supplier or EUO sees only entries about its own organisation; central roles see everything. */
    private String visibleTo() {
        Viewer viewer = caller.viewer();
        if (viewer.isCentral()) {
            return null;
        }
        return viewer.organisation() == null ? "-" : viewer.organisation(); // "-" is no ODS code: sees nothing
    }

    /** Where a stream starts: after the last event the client saw, or (a new client) after the current head. */
    private static long resumeFrom(String lastEventId, Long after, long head) {
        String value = lastEventId != null ? lastEventId : after != null ? after.toString() : null;
        if (value == null) {
            return head;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("Last-Event-ID", "the last event id is an entry sequence number");
        }
    }
}
