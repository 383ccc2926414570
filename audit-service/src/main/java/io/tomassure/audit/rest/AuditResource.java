package io.tomassure.audit.rest;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
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

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tomassure.audit.service.AuditLog;
import io.tomassure.audit.service.AuditStore;
import io.tomassure.audit.service.CompletenessAudit;
import io.tomassure.audit.service.EntryFilter;
import io.tomassure.audit.service.SigningKeys;
import io.tomassure.auditlog.AuditEntry;
import io.tomassure.auditlog.Checkpoint;
import io.tomassure.auditlog.Export;
import io.tomassure.auditlog.Keys;
import io.tomassure.auditlog.Verification;
import io.tomassure.support.problem.ProblemException;
import io.tomassure.support.rest.Page;
import io.tomassure.support.rest.Preconditions;
import io.tomassure.support.security.Caller;
import io.tomassure.support.security.Roles;
import io.tomassure.support.security.Viewer;

@Path("/api/v1/audit")
@Tag(name = "Audit", description = "The central, append-only, hash-chained audit log: query, live stream, proofs, verification, export, completeness audit")
@Blocking
public class AuditResource {

    /** An inclusion proof: entry {@code seq}'s leaf is in the tree of {@code treeSize} with root {@code rootHash}. */
    public record Proof(long seq, String leafHash, long treeSize, String rootHash, List<String> path) {
    }

    public record AuditedRequest(@Size(max = 20000) String notes) {
    }

    private static final Duration STREAM_POLL = Duration.ofMillis(200);

    private final AuditStore store;
    private final AuditLog log;
    private final SigningKeys keys;
    private final CompletenessAudit completeness;
    private final Caller caller;
    private final ObjectMapper json;
    private final AuditStreams streams;

    AuditResource(AuditStore store, AuditLog log, SigningKeys keys, CompletenessAudit completeness, Caller caller,
            ObjectMapper json, AuditStreams streams) {
        this.streams = streams;
        this.store = store;
        this.log = log;
        this.keys = keys;
        this.completeness = completeness;
        this.caller = caller;
        this.json = json;
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
            @QueryParam("limit") Integer limit) throws SQLException {
        int size = Preconditions.limit(limit);
        EntryFilter filter = new EntryFilter(organisation, assessment, deployment, type, actor, from, to, visibleTo());
        return Page.of(store.entries(filter, after == null ? 0 : after, size + 1), size, e -> Long.toString(e.seq()), e -> e);
    }

    @GET
    @Path("/assessments/{id}/history")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "The history of an assessment", description = "Everything logged about one assessment, in order, keyset-paged.")
    public Page<AuditEntry> history(@PathParam("id") UUID id, @QueryParam("after") Long after, @QueryParam("limit") Integer limit)
            throws SQLException {
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
            @QueryParam("type") String type, @QueryParam("actor") String actor) throws SQLException {
        EntryFilter filter = new EntryFilter(organisation, assessment, deployment, type, actor, null, null, visibleTo());
        AtomicLong cursor = new AtomicLong(resumeFrom(lastEventId, after, store.size()));
        String who = caller.subject();
        Duration lifetime = streams.lifetime(Instant.now(), caller.tokenExpiry().orElse(Instant.now()));
        streams.open(who);
        return Multi.createFrom().ticks().every(STREAM_POLL)
                .select().first(lifetime) // ends with its token: the client resumes with a fresh one and Last-Event-ID
                .onTermination().invoke(() -> streams.close(who))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .onItem().transformToIterable(tick -> {
                    try {
                        List<AuditEntry> batch = store.entries(filter, cursor.get(), 500);
                        if (!batch.isEmpty()) {
                            cursor.set(batch.get(batch.size() - 1).seq());
                        }
                        return batch;
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .map(entry -> sse.newEventBuilder().id(Long.toString(entry.seq())).name("audit-entry")
                        .mediaType(MediaType.APPLICATION_JSON_TYPE).data(AuditEntry.class, entry).build());
    }

    @GET
    @Path("/entries/{seq}/proof")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "Inclusion proof", description = "The audit path (O(log n) hashes) proving entry seq is in the "
            + "latest signed checkpoint's tree (RFC 6962).")
    public Proof proof(@PathParam("seq") long seq) throws SQLException {
        AuditEntry entry = visibleEntry(seq);
        Checkpoint checkpoint = store.latestCheckpoint().filter(cp -> cp.treeSize() >= seq)
                .orElseThrow(() -> ProblemException.conflict("not-sealed", "Not sealed yet",
                        "Entry " + seq + " is not covered by a signed checkpoint yet; try again after the next seal"));
        return new Proof(seq, java.util.HexFormat.of().formatHex(entry.leafHash()), checkpoint.treeSize(),
                checkpoint.rootHash(), log.proof(seq, checkpoint.treeSize()));
    }

    @GET
    @Path("/checkpoints/latest")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "The latest signed checkpoint", description = "Tree size, Merkle root, time and Ed25519 signature.")
    public Checkpoint latestCheckpoint() throws SQLException {
        return store.latestCheckpoint().orElseThrow(() -> ProblemException.notFound("A checkpoint"));
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
    public Verification.Report verify(@QueryParam("from") Long from, @QueryParam("to") Long to) throws SQLException {
        long first = from == null ? 1 : from;
        long last = to == null ? store.size() : to;
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
            @QueryParam("from") Instant from, @QueryParam("to") Instant to) throws SQLException {
        // Reading changes nothing: the export proves against the latest checkpoint that the sealer signed, so any
        // caller may export as often as it likes without making the service sign anything.
        Checkpoint checkpoint = store.latestCheckpoint().orElseThrow(() -> ProblemException.conflict("not-sealed",
                "Nothing sealed yet", "No checkpoint has been signed yet; export again after the next seal"));
        EntryFilter filter = new EntryFilter(organisation, assessment, deployment, type, actor, from, to, visibleTo());
        StreamingOutput body = output -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            writer.write(json.writeValueAsString(Export.Line.of(checkpoint, !filter.filtered())));
            writer.newLine();
            long after = 0;
            try {
                while (true) {
                    List<AuditEntry> batch = store.entries(filter, after, 1000);
                    for (AuditEntry entry : batch) {
                        if (entry.seq() > checkpoint.treeSize()) {
                            writer.flush();
                            return;
                        }
                        writer.write(json.writeValueAsString(Export.Line.of(entry, log.proof(entry.seq(), checkpoint.treeSize()))));
                        writer.newLine();
                    }
                    if (batch.size() < 1000) {
                        break;
                    }
                    after = batch.get(batch.size() - 1).seq();
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            writer.flush();
        };
        return Response.ok(body).header("Content-Disposition", "attachment; filename=\"audit-export.jsonl\"").build();
    }

    @GET
    @Path("/completeness")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "Completeness audit report", description = "Submitted TOMs with their completeness, missing rows, "
            + "open non-conformances and audit state (DUE, AUDITED); ?state=DUE lists those due for audit.")
    public List<CompletenessAudit.Item> completeness(@QueryParam("state") String state) throws SQLException {
        return completeness.report(state, visibleTo());
    }

    @POST
    @Path("/completeness/{submissionId}/audited")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.AUDITOR, Roles.ASSURANCE })
    @Operation(summary = "Mark a TOM audited", description = "Records that NHS Digital audited a submitted TOM, by whom, with notes.")
    public Response audited(@PathParam("submissionId") UUID submissionId, @Valid AuditedRequest request) throws SQLException {
        if (!completeness.audited(submissionId, caller.username(), request == null ? null : request.notes())) {
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

    private AuditEntry visibleEntry(long seq) throws SQLException {
        List<AuditEntry> found = store.entries(new EntryFilter(null, null, null, null, null, null, null, visibleTo()), seq - 1, 1);
        if (found.isEmpty() || found.get(0).seq() != seq) {
            throw ProblemException.notFound("Audit entry " + seq);
        }
        return found.get(0);
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
