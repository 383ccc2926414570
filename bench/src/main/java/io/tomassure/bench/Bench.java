package io.tomassure.bench;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import org.postgresql.ds.PGSimpleDataSource;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.tomassure.bench.load.Gatling;
import io.tomassure.bench.load.LoadPlan;
import io.tomassure.stack.DemoUser;
import io.tomassure.stack.LocalStack;
import io.tomassure.stack.ReusedTokens;
import io.tomassure.stack.StackConfig;
import io.tomassure.stack.TomService;
import io.tomassure.stack.Tokens;

/**
 * What every scenario works with: the running stack, tokens, the API as each caller, its databases, and Gatling.
 * {@code quick} shrinks durations and sizes so that the whole harness can be tried in minutes.
 */
final class Bench {
    final LocalStack stack;
    final StackConfig config;
    final boolean quick;
    final Path output;
    private final Gatling gatling;
    private final ReusedTokens tokens;
    private final HttpClient http = HttpClient.newHttpClient();

    Bench(LocalStack stack, boolean quick, Path output) {
        this.stack = stack;
        this.config = stack.config();
        this.quick = quick;
        this.output = output;
        this.gatling = new Gatling(output.resolve("gatling"));
        this.tokens = new ReusedTokens(new Tokens(config.issuer()));
    }

    /** A step's length: the full run's, or a fifth of it (at least 5 s) in a quick run. */
    Duration seconds(int full) {
        return Duration.ofSeconds(quick ? Math.max(5, full / 5) : full);
    }

    /** As {@link #load(String, String, String, double, Duration, java.util.Iterator)}, profiled by {@link FlightRecording}. */
    Stats load(String name, TomService service, String method, double rate, Duration duration,
            java.util.Iterator<Map<String, Object>> feeder) {
        return load(name, config.serviceUrl(service), stack.pid(service), method, rate, duration, feeder);
    }

    /** {@code rate} requests a second for {@code duration} to {@code baseUrl}, as the supplier system. */
    Stats load(String name, String baseUrl, String method, double rate, Duration duration,
            java.util.Iterator<Map<String, Object>> feeder) {
        return load(name, baseUrl, 0, method, rate, duration, feeder);
    }

    /** {@code profiled}: the process to profile through the load itself, not what it leaves to drain (0: none). */
    private Stats load(String name, String baseUrl, long profiled, String method, double rate, Duration duration,
            java.util.Iterator<Map<String, Object>> feeder) {
        log("  %s at %,.0f/s for %d s".formatted(name, rate, duration.toSeconds()));
        CpuUse cpu = CpuUse.start(this);
        Stats stats;
        try (FlightRecording ignored = profiled == 0 ? null : FlightRecording.during(profiled, name, rate)) {
            stats = gatling.run(new LoadPlan(name, baseUrl, supplierSystemToken(), method, rate, duration, feeder))
                    .withCpu(cpu.stop());
        }
        log("    -> %,.0f/s, p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, errors %d; CPU: %s".formatted(stats.throughput(),
                stats.p50(), stats.p95(), stats.p99(), stats.errors(), CpuUse.describe(stats.cpu())));
        quiesce();
        return stats;
    }

    /**
     * Waits (two minutes at most) until what the last step set in motion is done: every outbox published and the
     * audit log no longer growing. Otherwise the consumers' backlog would run during, and be charged to, the next step.
     */
    void quiesce() {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        long lastSize = -1;
        while (System.nanoTime() < deadline) {
            try {
                long pending = 0;
                for (TomService service : TomService.values()) {
                    pending += count(service, "select count(*) from outbox_event where published_at is null");
                }
                long size = count(TomService.AUDIT, "select seq from chain_head");
                if (pending == 0 && size == lastSize) {
                    return;
                }
                lastSize = size;
                Thread.sleep(1000);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        log("    (still busy after two minutes; going on)");
    }

    private long count(TomService service, String sql) throws SQLException {
        try (Connection c = db(service); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    String supplierSystemToken() {
        return tokens.supplierSystem();
    }

    RequestSpecification as(DemoUser user, TomService service) {
        return as(user.username(), service);
    }

    RequestSpecification as(String username, TomService service) {
        return withToken(tokens.user(username), service);
    }

    /**
     * A GET as {@code user}, through a plain HTTP client: for latencies of a few milliseconds, where REST Assured's own
     * work per request would be part of the figure.
     */
    HttpResponse<String> get(DemoUser user, TomService service, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.serviceUrl(service) + path))
                .header("Authorization", "Bearer " + tokens.user(user.username())).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    RequestSpecification supplierSystem(TomService service) {
        return withToken(supplierSystemToken(), service);
    }

    RequestSpecification withToken(String token, TomService service) {
        return withToken(token, config.serviceUrl(service));
    }

    RequestSpecification withToken(String token, String baseUrl) {
        return given().baseUri(baseUrl).auth().oauth2(token).contentType(ContentType.JSON);
    }

    Connection db(TomService service) throws SQLException {
        return dataSource(service).getConnection();
    }

    PGSimpleDataSource dataSource(TomService service) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(config.jdbcUrl(service.database()));
        dataSource.setUser(StackConfig.DB_USER);
        dataSource.setPassword(StackConfig.DB_PASSWORD);
        return dataSource;
    }

    /** A service's resident set size in MB, from /proc (Linux). */
    double residentMb(TomService service) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(stack.pid(service)), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
            throw new IllegalStateException("no VmRSS for " + service);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void log(String message) {
        System.out.println(message);
    }
}
