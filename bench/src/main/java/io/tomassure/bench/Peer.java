package io.tomassure.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tomassure.stack.ServiceProcess;
import io.tomassure.stack.StackConfig;

/**
 * The plain-CRUD peer (bench/peer) beside assessment-service: started from its packaged application with the
 * services' JVM options, on its own database in the stack's PostgreSQL, verifying the same Keycloak tokens. It is
 * given as many assessments as the fixtures, with every row the load answers already answered once (as the warm-up
 * leaves assessment-service's), so that both take the same requests: a row answered, an assessment read.
 */
final class Peer implements AutoCloseable {
    /** How the peer's process is told apart from the others (its command line). */
    static final String APP = "bench/peer/target/quarkus-app";
    private static final String DATABASE = "peer";

    final String baseUrl;
    final Fixtures fixtures;
    private final ProcessBuilder launch;
    private Process process;

    private Peer(String baseUrl, Fixtures fixtures, ProcessBuilder launch, Process process) {
        this.baseUrl = baseUrl;
        this.fixtures = fixtures;
        this.launch = launch;
        this.process = process;
    }

    /**
     * Starts the peer again, its data kept, if it no longer answers. A plain service sheds no load: past its knee it
     * queues requests until its heap runs out, and stays down (measured: at 1,250 row answers a second). The next
     * series would otherwise measure a dead process, and then a cold one: true when it was started again, to be warmed
     * up before it is measured.
     */
    boolean restartedIfDown(Bench bench) throws Exception {
        if (ready(baseUrl + "/q/health/ready")) {
            return false;
        }
        bench.log("  the peer no longer answers (see bench/target/bench-run/peer.log): started again, its data kept");
        restart();
        return true;
    }

    /** Stops the peer, and starts it again with its data kept: cold, to be warmed up before it is measured. */
    void restart() throws Exception {
        close();
        launch.environment().put("QUARKUS_HIBERNATE_ORM_SCHEMA_MANAGEMENT_STRATEGY", "none");
        launch.redirectOutput(ProcessBuilder.Redirect.appendTo(launch.redirectOutput().file()));
        process = launch.start();
        awaitReady(baseUrl, process);
    }

    static Peer start(Bench bench, Fixtures ours) throws Exception {
        StackConfig config = bench.config;
        createDatabase(config);
        int port = StackConfig.freePort();
        Path app = config.repo().resolve(APP).resolve("quarkus-run.jar");
        ProcessBuilder builder = new ProcessBuilder(ServiceProcess.command(app)).redirectErrorStream(true)
                .redirectOutput(bench.output.resolve("peer.log").toFile());
        builder.environment().putAll(Map.of("MALLOC_ARENA_MAX", "2", "PEER_PORT", Integer.toString(port),
                "PEER_JDBC_URL", config.jdbcUrl(DATABASE), "PEER_DB_USER", StackConfig.DB_USER,
                "PEER_DB_PASSWORD", StackConfig.DB_PASSWORD, "PEER_OIDC_URL", config.issuer()));
        Process process = builder.start();
        String baseUrl = "http://localhost:" + port;
        awaitReady(baseUrl, process);
        List<String> assessments = new ArrayList<>();
        for (int i = 0; i < ours.assessments.size(); i++) {
            assessments.add(bench.withToken(bench.supplierSystemToken(), baseUrl)
                    .body(Map.of("productVersionId", UUID.randomUUID(), "templateId", UUID.fromString(ours.templateId)))
                    .post("/api/v1/assessments").then().statusCode(200).extract().path("id"));
        }
        Fixtures fixtures = ours.on(assessments);
        answerEveryRowOnce(config, fixtures);
        bench.log("  peer at %s: %d assessments of %d rows".formatted(baseUrl, assessments.size(), fixtures.rows.size()));
        return new Peer(baseUrl, fixtures, builder, process);
    }

    private static void createDatabase(StackConfig config) throws SQLException {
        try (Connection c = DriverManager.getConnection(config.jdbcUrl("postgres"), "postgres", "postgres");
                var s = c.createStatement()) {
            s.execute("drop database if exists " + DATABASE + " with (force)");
            s.execute("create database " + DATABASE + " owner " + StackConfig.DB_USER);
        }
    }

    private static void awaitReady(String baseUrl, Process process) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!ready(baseUrl + "/q/health/ready")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the peer did not start: see bench/target/bench-run/peer.log");
            }
            Thread.sleep(200);
        }
    }

    private static boolean ready(String url) throws InterruptedException {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Every row the load answers, answered once on every assessment, in SQL: the load then updates, as it does ours. */
    private static void answerEveryRowOnce(StackConfig config, Fixtures fixtures) throws SQLException {
        try (Connection c = DriverManager.getConnection(config.jdbcUrl(DATABASE), StackConfig.DB_USER, StackConfig.DB_PASSWORD);
                PreparedStatement insert = c.prepareStatement("""
                        insert into answer (id, assessment_id, requirement_id, answer)
                        select gen_random_uuid(), a.id, r, 'seeded' from assessment a cross join unnest(?::text[]) r""")) {
            insert.setArray(1, c.createArrayOf("text", fixtures.rows.stream().map(Fixtures.Row::id).toArray()));
            insert.executeUpdate();
            try (var s = c.createStatement()) {
                s.execute("vacuum analyze");
            }
        }
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
