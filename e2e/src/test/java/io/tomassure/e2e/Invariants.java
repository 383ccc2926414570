package io.tomassure.e2e;

import static io.tomassure.e2e.Api.as;
import static io.tomassure.stack.TomService.AUDIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tomassure.stack.DemoUser;
import io.tomassure.stack.StackConfig;
import io.tomassure.stack.TomService;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What must hold after any fault, read from the services' own databases and APIs once the stack has settled: no event
 * lost or applied twice, one review case per submission and at most one decision per case, one go-live-ready per
 * gate opened, no email sent twice, and an audit chain that verifies. Each check is exact, and its counts are printed.
 */
final class Invariants {

    /** The counts after a fault, as printed. */
    record Counts(int events, int submissions, int cases, int decisions, int live, int goLiveReady, int emails) {
    }

    private static final Duration SETTLE = Duration.ofMinutes(2);

    private Invariants() {
    }

    static Counts check(String after) {
        StackConfig config = Api.config();
        // Settled: nothing left in any outbox, every consumer has taken every event published on its topics.
        settle(() -> lost(config).isEmpty());
        assertThat(lost(config)).as("events published but not processed, after %s", after).isEmpty();

        int events = 0;
        for (TomService owner : List.of(TomService.ASSESSMENT, TomService.APPROVAL, TomService.NOTIFICATION)) {
            Set<UUID> published = uuids(config, owner, "select event_id from outbox_event");
            events += published.size();
            assertThat(count(config, owner, "select count(*) from outbox_dead_letter")).as("%s dead letters", owner).isZero();
            assertThat(count(config, AUDIT, "select count(*) from audit_entry where event_id = any(?)", published))
                    .as("%s's events in the audit log, each once", owner).isEqualTo(published.size());
        }

        Set<UUID> submissions = uuids(config, TomService.ASSESSMENT, "select id from submission");
        List<UUID> casesBySubmission = list(config, TomService.APPROVAL, "select submission_id from review_case");
        assertThat(casesBySubmission).as("one review case per submission").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(submissions);
        int decisions = count(config, TomService.APPROVAL, "select count(*) from decision");
        assertThat(count(config, TomService.APPROVAL, "select count(*) from (select case_id from decision group by case_id "
                + "having count(*) > 1) twice")).as("cases decided twice").isZero();

        Set<UUID> live = uuids(config, TomService.APPROVAL, "select deployment_id from gate where live");
        Map<UUID, Integer> readyByDeployment = new HashMap<>();
        for (UUID deployment : list(config, AUDIT, "select deployment_id from audit_entry where type = 'tom.approval.go-live-ready'")) {
            readyByDeployment.merge(deployment, 1, Integer::sum);
        }
        assertThat(readyByDeployment).as("go-live-ready once per gate opened").allSatisfy((d, n) -> assertThat(n).isOne());
        assertThat(readyByDeployment.keySet()).as("every live deployment's gate opened").containsAll(live);

        // Deliveries are sent after their event is processed: counted once none is left to send (or in flight).
        settle(() -> count(config, TomService.NOTIFICATION, "select count(*) from delivery where status = 'PENDING'") == 0);
        int emails = count(config, TomService.NOTIFICATION, "select count(*) from delivery where channel = 'EMAIL' and status = 'SENT'");
        settle(() -> E2eStack.stack().mail().received().size() >= emails);
        assertThat(E2eStack.stack().mail().received()).as("emails received: each delivery sent once").hasSize(emails);
        assertThat(count(config, TomService.NOTIFICATION, "select count(*) from delivery where status = 'PENDING'"))
                .as("deliveries still pending").isZero();

        as(DemoUser.AUDITOR, AUDIT).post("/api/v1/audit/checkpoints").then().statusCode(200);
        assertThat(as(DemoUser.AUDITOR, AUDIT).get("/api/v1/audit/verify").then().statusCode(200).extract().jsonPath()
                .getList("problems")).as("the audit chain verifies").isEmpty();

        Counts counts = new Counts(events, submissions.size(), casesBySubmission.size(), decisions, live.size(),
                readyByDeployment.size(), emails);
        System.out.printf("[faults] after %s: %d events published, 0 lost, 0 applied twice (each processed by every consumer, logged once); "
                + "%d submissions, %d cases, %d decisions; %d deployments live, %d go-live-ready; %d emails, each sent once; "
                + "the chain verifies%n", after, counts.events(), counts.submissions(), counts.cases(), counts.decisions(),
                counts.live(), counts.goLiveReady(), counts.emails());
        return counts;
    }

    /** Waits for the stack to settle; an assertion after it says what did not. */
    private static void settle(java.util.concurrent.Callable<Boolean> settled) {
        try {
            await().atMost(SETTLE).pollInterval(Duration.ofSeconds(1)).until(settled);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            System.out.println("[faults] not settled after " + SETTLE + "; the check below says what is left");
        }
    }

    /** Events published on a topic that a consumer of it has not processed (or that are still in an outbox). */
    private static List<String> lost(StackConfig config) {
        List<String> lost = new ArrayList<>();
        for (TomService owner : TomService.values()) {
            if (count(config, owner, "select count(*) from outbox_event where published_at is null") > 0) {
                lost.add(owner.module() + " has unpublished events");
            }
        }
        for (TomService consumer : TomService.values()) {
            for (String topic : consumer.consumes()) {
                TomService owner = List.of(TomService.values()).stream().filter(s -> s.topic().equals(topic)).findFirst().orElseThrow();
                Set<UUID> published = uuids(config, owner, "select event_id from outbox_event");
                Set<UUID> processed = uuids(config, consumer, "select event_id from processed_event where event_id = any(?)", published);
                if (processed.size() != published.size()) {
                    lost.add(consumer.module() + " has processed " + processed.size() + " of " + published.size() + " " + topic);
                }
            }
        }
        return lost;
    }

    private static int count(StackConfig config, TomService service, String sql, Object... parameters) {
        return query(config, service, sql, parameters, rs -> rs.getInt(1)).get(0);
    }

    private static Set<UUID> uuids(StackConfig config, TomService service, String sql, Object... parameters) {
        return new HashSet<>(list(config, service, sql, parameters));
    }

    private static List<UUID> list(StackConfig config, TomService service, String sql, Object... parameters) {
        return query(config, service, sql, parameters, rs -> rs.getObject(1, UUID.class));
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private static <T> List<T> query(StackConfig config, TomService service, String sql, Object[] parameters, Row<T> row) {
        try (Connection c = DriverManager.getConnection(config.jdbcUrl(service.database()), StackConfig.DB_USER,
                StackConfig.DB_PASSWORD); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] instanceof Set<?> set) {
                    Array array = c.createArrayOf("uuid", set.toArray());
                    statement.setArray(i + 1, array);
                } else {
                    statement.setObject(i + 1, parameters[i]);
                }
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.read(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " on " + service.database(), e);
        }
    }
}
