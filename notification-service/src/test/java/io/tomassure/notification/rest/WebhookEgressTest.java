package io.tomassure.notification.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.tomassure.events.EventEnvelope;
import io.tomassure.events.EventJson;
import io.tomassure.events.Topics;
import io.tomassure.events.approval.ApprovalEvents;
import io.tomassure.notification.domain.WebhookSignature;
import io.tomassure.notification.service.WebhookSecrets;
import io.tomassure.testing.TestDatabase;
import io.tomassure.testing.TestTokens;
import io.tomassure.testing.TomTestEnvironment;
import io.tomassure.testing.TopicReader;

/**
 * A webhook is a supplier's way to make this service call a URL from inside the network: it must lead nowhere
 * internal, at registration and at every send, and no receiver may hold up anyone else's notices or learn anything
 * from the failures reported back.
 */
@QuarkusTest
@WithTestResource(TomTestEnvironment.class)
@WithTestResource(GreenMailResource.class)
@WithTestResource(WebhookReceivers.class)
class WebhookEgressTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    WebhookSecrets secrets;

    @Test
    void noInternalAddressCanBeRegistered() {
        RequestSpecification supplier = as(code("S"));
        for (String url : List.of("http://127.0.0.1:8083/api/v1/audit/checkpoints", "http://169.254.169.254/latest/meta-data/",
                "http://localhost:8084/", "http://[::1]:8081/", "http://10.0.0.7/", "http://172.16.4.2/", "http://192.168.1.1/",
                "http://100.64.0.1/", "http://0.0.0.0:8082/", "http://[fd00::1]/", "http://[fe80::1]/", "http://224.0.0.251/",
                "http://[::ffff:127.0.0.1]:8083/", "http://[::ffff:a9fe:a9fe]/", "http://[64:ff9b::7f00:1]/",
                "http://[2002:7f00:1::]/", "http://2130706433/", "http://0x7f.1/", "http://user:secret@93.184.216.34/",
                "ftp://93.184.216.34/", "gopher://93.184.216.34/", "not a url", "http://no-such-host.invalid/")) {
            supplier.body(Map.of("url", url)).post("/api/v1/webhooks").then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("url"));
        }
        // A public address is taken (plain http only because this is the test profile).
        supplier.body(Map.of("url", "http://93.184.216.34/hooks/tom")).post("/api/v1/webhooks").then().statusCode(201);
    }

    @Test
    void anOrganisationHasAtMostTenWebhooks() {
        RequestSpecification supplier = as(code("S"));
        String first = null;
        for (int i = 0; i < 10; i++) {
            String id = supplier.body(Map.of("url", "http://93.184.216.34/hooks/" + i)).post("/api/v1/webhooks").then()
                    .statusCode(201).extract().path("id");
            first = first == null ? id : first;
        }
        supplier.body(Map.of("url", "http://93.184.216.34/hooks/10")).post("/api/v1/webhooks").then().statusCode(409)
                .body("type", equalTo("urn:tomassure:problem:webhook-limit")).body("maxWebhooks", equalTo(10));
        supplier.delete("/api/v1/webhooks/" + first).then().statusCode(204);
        supplier.body(Map.of("url", "http://93.184.216.34/hooks/10")).post("/api/v1/webhooks").then().statusCode(201);
    }

    @Test
    void aReceiverThatNeverAnswersHoldsUpNoOtherAndItsFailureIsReportedAsACategory() throws Exception {
        String slowOrg = code("S");
        String fastOrg = code("S");
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger slowCalls = new AtomicInteger();
        AtomicBoolean slowHanging = new AtomicBoolean();
        List<Boolean> fastSawSlowHanging = new CopyOnWriteArrayList<>();
        AutoCloseable slow = WebhookReceivers.serve(1, exchange -> {
            slowCalls.incrementAndGet();
            slowHanging.set(true);
            try {
                release.await(20, TimeUnit.SECONDS); // a black hole: far past the service's deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            slowHanging.set(false);
            exchange.sendResponseHeaders(204, -1);
        });
        AutoCloseable fast = WebhookReceivers.serve(2, exchange -> {
            fastSawSlowHanging.add(slowHanging.get());
            exchange.sendResponseHeaders(204, -1);
        });
        try (TopicReader notices = new TopicReader(Topics.NOTIFICATION)) {
            register(slowOrg, WebhookReceivers.url(1));
            register(fastOrg, WebhookReceivers.url(2));
            EventEnvelope toSlow = returned(slowOrg);
            await().atMost(PATIENCE).until(slowHanging::get);
            EventEnvelope toFast = returned(fastOrg);

            await().atMost(PATIENCE).until(() -> !fastSawSlowHanging.isEmpty());
            assertThat(fastSawSlowHanging.get(0)).as("the fast receiver was served while the slow one hung").isTrue();
            // The slow one times out at each attempt (2 s here) and is given up after 3, reported as "timeout".
            String failed = notices.readUntil(seen -> seen.stream().anyMatch(r -> r.value().contains("tom.notification.failed")
                    && r.value().contains(toSlow.id().toString())), PATIENCE).stream()
                    .filter(r -> r.value().contains(toSlow.id().toString()) && r.value().contains("tom.notification.failed"))
                    .findFirst().orElseThrow().value();
            assertThat(EventJson.read(failed).data().get("error").asText()).isEqualTo("timeout");
            assertThat(failed).doesNotContain("Exception", "127.0.0.1");
            assertThat(slowCalls.get()).isEqualTo(3);
            notices.readUntil(seen -> seen.stream().anyMatch(r -> r.value().contains("tom.notification.delivered")
                    && r.value().contains(toFast.id().toString())), PATIENCE);
        } finally {
            release.countDown();
            slow.close();
            fast.close();
        }
    }

    @Test
    void theAddressIsCheckedAgainAtEverySend() throws Exception {
        String org = code("S");
        try (ServerSocket internal = new ServerSocket(0)) {
            internal.setSoTimeout(200);
            // As if the host's name had pointed elsewhere at registration and points inside now (DNS rebinding).
            UUID webhook = UUID.randomUUID();
            try (var c = TestDatabase.connect(); PreparedStatement insert = c.prepareStatement("""
                    insert into webhook (id, ods_code, url, secret_sealed, created_by, created_at) values (?, ?, ?, ?, 'sys', ?)""")) {
                insert.setObject(1, webhook);
                insert.setString(2, org);
                insert.setString(3, "http://127.0.0.1:" + internal.getLocalPort() + "/admin");
                insert.setBytes(4, secrets.seal(webhook, WebhookSecrets.newSecret()));
                insert.setTimestamp(5, Timestamp.from(Instant.now()));
                insert.executeUpdate();
            }
            returned(org);

            await().atMost(PATIENCE).until(() -> "blocked-address".equals(lastError(webhook)));
            assertThat(accepts(internal)).as("nothing connected to the internal address").isFalse();
        }
    }

    @Test
    void aRotatedSecretSignsBesideTheOldOneUntilTheOverlapEnds() throws Exception {
        String org = code("S");
        List<String[]> received = new CopyOnWriteArrayList<>();
        try (AutoCloseable receiver = WebhookReceivers.serve(2, exchange -> {
            received.add(new String[] { exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER),
                    exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8) });
            exchange.sendResponseHeaders(204, -1);
        })) {
            var registered = as(org).body(Map.of("url", WebhookReceivers.url(2))).post("/api/v1/webhooks").then()
                    .statusCode(201).extract().jsonPath();
            String old = registered.getString("secret");
            var rotated = as(org).post("/api/v1/webhooks/" + registered.getString("id") + "/secret").then().statusCode(200)
                    .extract().jsonPath();
            String fresh = rotated.getString("secret");
            assertThat(fresh).isNotEqualTo(old).hasSize(64);
            assertThat(Instant.parse(rotated.getString("previousSecretValidUntil"))).isAfter(Instant.now().plus(Duration.ofHours(23)));
            assertThat(secretColumns(registered.getString("id"))).as("no secret is stored in the clear").isZero();
            as(code("S")).post("/api/v1/webhooks/" + registered.getString("id") + "/secret").then().statusCode(404);

            returned(org);
            await().atMost(PATIENCE).until(() -> !received.isEmpty());
            String[] call = received.get(0);
            assertThat(call[0].split(",")).hasSize(2);
            for (String secret : List.of(fresh, old)) {
                assertThat(WebhookSignature.verify(secret, call[0], call[1], call[2], Instant.now(), Duration.ofMinutes(5)))
                        .isTrue();
            }
        }
    }

    private static EventEnvelope returned(String supplier) {
        UUID assessment = UUID.randomUUID();
        EventEnvelope event = EventEnvelope.of(ApprovalEvents.PHASE_DECIDED, "approval-service", assessment.toString(),
                new ApprovalEvents.PhaseDecided(UUID.randomUUID(), UUID.randomUUID(), assessment, null, supplier, null, "1B", 1,
                        "ef".repeat(32), "RETURNED", "Evidence missing", "rob"));
        TopicReader.send(Topics.APPROVAL, event.subject(), EventJson.write(event));
        return event;
    }

    private static void register(String org, String url) {
        as(org).body(Map.of("url", url)).post("/api/v1/webhooks").then().statusCode(201);
    }

    private static RequestSpecification as(String org) {
        return given().auth().oauth2(TestTokens.token("sys", org, "supplier")).contentType("application/json");
    }

    private static String code(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 6).toUpperCase();
    }

    private static String lastError(UUID webhook) throws Exception {
        try (var c = TestDatabase.connect(); var select = c.prepareStatement(
                "select last_error from delivery where recipient = ? and last_error is not null")) {
            select.setString(1, webhook.toString());
            try (var rs = select.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static long secretColumns(String webhook) throws Exception {
        try (var c = TestDatabase.connect(); var select = c.prepareStatement(
                "select count(*) from webhook where id = ?::uuid and secret is not null")) {
            select.setString(1, webhook);
            try (var rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static boolean accepts(ServerSocket socket) {
        try (var connection = socket.accept()) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
