package io.tomassure.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tomassure.stack.TomService;

/**
 * Event propagation under a steady write load: for every event assessment-service recorded in the window, the time
 * from its transaction (the outbox row's timestamp) to its audit entry in audit-service (the entry's recorded time)
 * and to its processing by approval-service's consumer, which re-evaluates the go-live gate. All clocks are this
 * machine's; each timestamp is taken inside its transaction, a millisecond or less before the commit.
 */
final class Propagation {
    record Result(Stats write, Stats toAudit, Stats toApproval, long events) {
    }

    static Result measure(Bench bench, Fixtures fixtures, double rate) throws Exception {
        Instant from = Instant.now();
        Duration duration = bench.seconds(30);
        Stats write = bench.load("answer rows (propagation)", TomService.ASSESSMENT, "PUT", rate, duration, fixtures.answers(7));
        Instant to = Instant.now();
        Map<UUID, Instant> recorded = eventsRecorded(bench, from, to); // load() has waited for the consumers
        double seconds = Duration.between(from, to).toMillis() / 1000.0;
        double[] toAudit = delays(recorded, applied(bench, TomService.AUDIT,
                "select event_id, recorded_at from audit_entry where event_id = any(?)", recorded));
        double[] toApproval = delays(recorded, applied(bench, TomService.APPROVAL,
                "select event_id, processed_at from processed_event where consumer = 'approval-service' and event_id = any(?)",
                recorded));
        Stats audit = Stats.of("commit -> audit entry", rate, toAudit, recorded.size() - toAudit.length, seconds);
        Stats approval = Stats.of("commit -> approval-service applied", rate, toApproval, recorded.size() - toApproval.length,
                seconds);
        bench.log("  %d events: to audit p50 %.1f ms p99 %.1f ms; to approval p50 %.1f ms p99 %.1f ms".formatted(
                recorded.size(), audit.p50(), audit.p99(), approval.p50(), approval.p99()));
        return new Result(write, audit, approval, recorded.size());
    }

    private static Map<UUID, Instant> eventsRecorded(Bench bench, Instant from, Instant to) throws Exception {
        Map<UUID, Instant> events = new HashMap<>();
        try (Connection c = bench.db(TomService.ASSESSMENT); PreparedStatement select = c.prepareStatement(
                "select event_id, created_at from outbox_event where event_type = 'tom.assessment.updated' and created_at between ? and ?")) {
            select.setTimestamp(1, Timestamp.from(from));
            select.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    events.put(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant());
                }
            }
        }
        return events;
    }

    private static Map<UUID, Instant> applied(Bench bench, TomService service, String sql, Map<UUID, Instant> events)
            throws Exception {
        Map<UUID, Instant> applied = new HashMap<>();
        try (Connection c = bench.db(service); PreparedStatement select = c.prepareStatement(sql)) {
            select.setArray(1, c.createArrayOf("uuid", events.keySet().toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    applied.put(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant());
                }
            }
        }
        return applied;
    }

    /** Milliseconds from each event's commit to its arrival; an event that never arrived is left out. */
    static double[] delays(Map<UUID, Instant> committed, Map<UUID, Instant> arrived) {
        List<Double> delays = new ArrayList<>();
        committed.forEach((id, at) -> {
            Instant then = arrived.get(id);
            if (then != null) {
                delays.add(Duration.between(at, then).toNanos() / 1e6);
            }
        });
        return delays.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private Propagation() {
    }
}
