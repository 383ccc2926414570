package io.tomassure.support.ops;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.tomassure.events.EventType;
import io.tomassure.outbox.DeadLetter;
import io.tomassure.outbox.EventsConfig;
import io.tomassure.outbox.Outbox;
import io.tomassure.outbox.OutboxStatus;
import io.tomassure.outbox.OutboxStore;
import io.tomassure.support.paging.Page;
import io.tomassure.support.problem.ProblemException;
import io.tomassure.support.security.Caller;
import io.tomassure.support.security.Roles;
import io.tomassure.support.time.TimeSource;

@Path("/api/v1/ops/outbox")
@Tag(name = "Operations", description = "The health of this service's event publication")
public class OutboxResource {

    /** Payload of {@code tom.ops.probe}: an operator's end-to-end check of the event path. */
    public record Probe(String requestedBy, Instant requestedAt) {
    }

    /** Identifies a probe event, to follow it through the audit log. */
    public record ProbeRecorded(UUID eventId, String topic) {
    }

    private final OutboxStore store;
    private final Outbox outbox;
    private final Caller caller;
    private final TimeSource time;
    private final EventType<Probe> probeType;

    OutboxResource(OutboxStore store, Outbox outbox, Caller caller, TimeSource time, EventsConfig config) {
        this.store = store;
        this.outbox = outbox;
        this.caller = caller;
        this.time = time;
        this.probeType = EventType.of("tom.ops.probe", config.topic(), Probe.class);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.AUDITOR })
    @Operation(summary = "Outbox backlog", description = "How many events wait to be published, since when, when "
            + "the last one went out, the last publication error, and how many events the broker refused for good "
            + "(see dead-letters). A growing backlog means Kafka is unreachable; no event is lost meanwhile.")
    public OutboxStatus status() throws SQLException {
        return store.status();
    }

    @GET
    @Path("/dead-letters")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.AUDITOR })
    @Operation(summary = "Events the broker refused for good", description = "Events set aside because the broker "
            + "refused them for what they are (too large, invalid), oldest first, at most 200, with the reason. The "
            + "events behind them were published meanwhile. Re-drive one once its cause is fixed.")
    public List<DeadLetter> deadLetters() throws SQLException {
        return store.deadLetters(Page.MAX_LIMIT);
    }

    @POST
    @Path("/dead-letters/{eventId}/redrive")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Re-drive a dead-lettered event", description = "Sends the event back to the end of the "
            + "outbox, as it was recorded, for the relay to publish again (after the producer's or the broker's limit "
            + "was raised, say). Refused for good again, it returns to the dead letters.")
    public Response redrive(@PathParam("eventId") UUID eventId) {
        if (!outbox.redrive(eventId)) {
            throw ProblemException.notFound("Dead-lettered event " + eventId);
        }
        return Response.accepted().build();
    }

    @POST
    @Path("/probe")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    @Operation(summary = "Send a probe event", description = "Records a tom.ops.probe event through the outbox, "
            + "as any state change would, so an operator can follow it to Kafka and into the audit log.")
    public Response probe() {
        var event = outbox.record(probeType, "ops-probe", new Probe(caller.username(), time.now()));
        return Response.accepted(new ProbeRecorded(event.id(), probeType.topic())).build();
    }
}
