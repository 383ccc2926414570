package io.tomassure.e2e;

import static io.tomassure.stack.TomService.APPROVAL;
import static io.tomassure.stack.TomService.ASSESSMENT;
import static io.tomassure.stack.TomService.AUDIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import io.tomassure.auditlog.ConsistencyProof;
import io.tomassure.auditlog.Keys;
import io.tomassure.stack.DemoData;
import io.tomassure.stack.DemoUser;
import io.tomassure.stack.LocalStack;
import io.tomassure.stack.StackConfig;
import io.tomassure.stack.TomService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hard faults against the scaled-out stack (two instances of every service behind HAProxy, three Kafka nodes), each
 * while products are taken to go-live at two organisations at once; after each, the load is driven to its end and
 * {@link Invariants} must hold exactly: nothing lost, nothing applied twice.
 */
@ExtendWith(E2eStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsTest {

    /** Products taken to go-live at once during each fault, each at two end-user organisations. */
    private static final int PRODUCTS = 2;

    private final ExecutorService journeys = Executors.newFixedThreadPool(PRODUCTS);
    private LocalStack stack;

    @BeforeAll
    void demoData() {
        stack = E2eStack.stack();
        new DemoData(Api.config(), line -> System.out.println("[faults demo] " + line)).sampleTemplateOnly().load();
    }

    @AfterAll
    void stopJourneys() {
        journeys.shutdownNow();
    }

    /** Two instances serving one assessment, each given a change quoting the same version: one wins, one gets 412. */
    @Test
    @Order(0)
    void concurrentEditsOnTwoInstancesNeverBothWin() {
        String organisation = "/api/v1/organisations/" + DemoUser.SUPPLIER.org();
        String etag = Api.as(DemoUser.SUPPLIER, ASSESSMENT).get(organisation).then().statusCode(200).extract().header("ETag");
        List<Integer> statuses = new ArrayList<>();
        for (int instance = 0; instance < 2; instance++) {
            statuses.add(Api.onInstance(DemoUser.SUPPLIER, ASSESSMENT, instance).header("If-Match", etag)
                    .body(List.of(Map.of("role", "OWNER", "name", "Owner " + instance, "email", "owner" + instance + "@example.org")))
                    .put(organisation + "/contacts").statusCode());
        }
        assertThat(statuses).containsExactly(200, 412);
    }

    @Test
    @Order(1)
    void theOutboxRelayMovesOnWhenTheInstanceHoldingItIsKilled() {
        Load load = startLoad("relay");
        int holder = lockHolder(ASSESSMENT, "assessment-service");
        stack.killInstance(ASSESSMENT, holder);
        fault("kill -9 " + stack.instanceName(ASSESSMENT, holder) + ", holding the outbox relay's lock");
        finish(load); // every event of the journeys left through the other instance's relay
        stack.startInstance(ASSESSMENT, holder);
        Invariants.check("the relay's holder was killed");
    }

    @Test
    @Order(2)
    void theOtherInstanceSealsWhenTheSealerIsKilledAndTheLogStaysConsistent() {
        Load load = startLoad("sealer");
        long kept = Api.onInstance(DemoUser.AUDITOR, AUDIT, 0).post("/api/v1/audit/checkpoints").then().statusCode(200)
                .extract().jsonPath().getLong("treeSize");
        stack.killInstance(AUDIT, 0);
        fault("kill -9 " + stack.instanceName(AUDIT, 0) + ", which sealed the checkpoint of " + kept + " entries");
        finish(load);
        long sealed = Api.onInstance(DemoUser.AUDITOR, AUDIT, 1).post("/api/v1/audit/checkpoints").then().statusCode(200)
                .extract().jsonPath().getLong("treeSize");
        assertThat(sealed).isGreaterThan(kept);
        ConsistencyProof proof = Api.as(DemoUser.AUDITOR, AUDIT).queryParam("from", kept)
                .get("/api/v1/audit/checkpoints/consistency").then().statusCode(200).extract().as(ConsistencyProof.class);
        String publicKey = Api.as(DemoUser.AUDITOR, AUDIT).get("/api/v1/audit/public-key").then().extract().asString();
        assertThat(proof.problems(Keys.publicKey(publicKey))).as("the checkpoint of %d entries extends that of %d", sealed, kept)
                .isEmpty();
        stack.startInstance(AUDIT, 0);
        Invariants.check("the sealer was killed");
    }

    @Test
    @Order(3)
    void withTwoBrokersKilledWritesWaitInTheOutboxAndNothingIsLost() {
        Load load = startLoad("brokers");
        awaitStage(load, "submit 1A");
        stack.killKafkaNode(3);
        fault("kill -9 of Kafka node 3");
        sleep(Duration.ofSeconds(5));
        stack.killKafkaNode(2);
        fault("kill -9 of Kafka node 2, node 3 still down: 1 replica of 2 needed in sync");
        // Answers and submissions still commit; their events wait in the outbox for the replicas.
        await().atMost(Duration.ofMinutes(1)).until(() -> pending(ASSESSMENT) > 0);
        fault("events waiting in assessment-service's outbox: " + pending(ASSESSMENT));
        sleep(Duration.ofSeconds(10));
        stack.startKafkaNode(2);
        stack.startKafkaNode(3);
        fault("Kafka nodes 2 and 3 back");
        finish(load);
        Invariants.check("two brokers were killed");
    }

    @Test
    @Order(4)
    void afterAPostgresRestartEveryServiceReconnectsAndNothingIsHalfWritten() {
        Load load = startLoad("postgres");
        awaitStage(load, "answer SI-02");
        CompletableFuture<Void> restart = CompletableFuture.runAsync(() -> stack.restartPostgres(Duration.ofSeconds(8)));
        fault("PostgreSQL stopped");
        // While it is down, the health endpoints say so: the database check is down, so the instance is not ready.
        await().atMost(Duration.ofSeconds(30)).until(() -> RestAssured.get("http://localhost:"
                + Api.config().instancePort(APPROVAL, 0) + "/q/health/ready").statusCode() == 503);
        assertThat(RestAssured.get("http://localhost:" + Api.config().instancePort(APPROVAL, 0) + "/q/health/ready").asString())
                .contains("DOWN");
        restart.join();
        fault("PostgreSQL back");
        finish(load);
        for (TomService service : TomService.values()) {
            for (int instance = 0; instance < Api.config().instances(); instance++) {
                int port = Api.config().instancePort(service, instance);
                await().atMost(Duration.ofMinutes(1)).until(() -> RestAssured.get("http://localhost:" + port + "/q/health/ready")
                        .statusCode() == 200);
            }
        }
        Invariants.check("PostgreSQL was restarted");
    }

    @Test
    @Order(5)
    void aRebalanceInTheMiddleOfAPollLosesAndRepeatsNothing() {
        Load load = startLoad("rebalance");
        awaitStage(load, "deployment RXX01");
        stack.stopInstance(APPROVAL, 1); // its partitions go to the other instance, mid-stream
        fault("stopped " + stack.instanceName(APPROVAL, 1) + " while it consumed the submissions: the group rebalanced");
        finish(load);
        stack.startInstance(APPROVAL, 1);
        Invariants.check("a consumer-group rebalance");
    }

    /** The journeys running during a fault. */
    private record Load(List<LoadJourney> journeys, List<CompletableFuture<Void>> running) {
    }

    private Load startLoad(String label) {
        List<LoadJourney> started = new ArrayList<>();
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int i = 0; i < PRODUCTS; i++) {
            LoadJourney journey = new LoadJourney(label + " " + (i + 1));
            started.add(journey);
            running.add(CompletableFuture.runAsync(journey::run, journeys));
        }
        return new Load(started, running);
    }

    /** Drives the load to its end: every journey's deployments live. */
    private static void finish(Load load) {
        load.running().forEach(journey -> journey.orTimeout(6, TimeUnit.MINUTES).join());
        load.journeys().forEach(journey -> System.out.println("[faults]   " + journey));
    }

    /** Waits until a journey of the load has done the named step, so that the fault comes mid-journey. */
    private static void awaitStage(Load load, String step) {
        await().atMost(Duration.ofMinutes(2)).until(() -> load.journeys().stream().anyMatch(j -> j.passed(step)));
    }

    /** Which instance of a service holds its advisory lock (the outbox relay's): caught while it drains a batch. */
    private static int lockHolder(TomService service, String module) {
        StackConfig config = Api.config();
        String name = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(5)).until(() -> {
            try (Connection c = DriverManager.getConnection(config.jdbcUrl(service.database()), StackConfig.DB_USER,
                    StackConfig.DB_PASSWORD); Statement query = c.createStatement(); ResultSet rs = query.executeQuery(
                            "select a.application_name from pg_locks l join pg_stat_activity a on a.pid = l.pid "
                                    + "where l.locktype = 'advisory' and l.granted")) {
                return rs.next() ? rs.getString(1) : null;
            } catch (SQLException e) {
                return null;
            }
        }, held -> held != null && held.startsWith(module));
        return Integer.parseInt(name.substring(module.length() + 1)) - 1;
    }

    private static int pending(TomService service) {
        return Api.as(DemoUser.ADMIN, service).get("/api/v1/ops/outbox").then().statusCode(200).extract().path("pending");
    }

    private static void fault(String what) {
        System.out.println("[faults] " + Instant.now() + " " + what);
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
