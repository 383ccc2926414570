package io.tomassure.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.tomassure.events.EventJson;

/**
 * What every TOM Assure service must show from day one, run against the real thing: Flyway migrated a real
 * PostgreSQL, an event recorded through the outbox reached a real broker, bearer-token security answers
 * 401 / 403 / 200 as problem+json, health, metrics and a fully described OpenAPI document.
 * A service's test extends this, names its topic and runs with {@link TomTestEnvironment}.
 */
public abstract class ServiceFoundationContract {

    private static final String PROBLEM_JSON = "application/problem+json";

    /** The topic this service publishes to. */
    protected abstract String topic();

    @Test
    void flywayMigratedARealPostgres() throws SQLException {
        try (Connection connection = TestDatabase.connect(); Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("select version()")) {
                rs.next();
                assertThat(rs.getString(1)).startsWith("PostgreSQL");
            }
            try (ResultSet rs = statement.executeQuery(
                    "select version from flyway_schema_history where success order by installed_rank")) {
                List<String> versions = new ArrayList<>();
                while (rs.next()) {
                    versions.add(rs.getString(1));
                }
                assertThat(versions).contains("0.1"); // the outbox tables, at least
            }
        }
    }

    @Test
    void anEventRecordedThroughTheOutboxIsPublishedToTheBroker() {
        try (TopicReader reader = new TopicReader(topic())) {
            String eventId = given().auth().oauth2(TestTokens.token("ada", null, "admin"))
                    .post("/api/v1/ops/outbox/probe")
                    .then().statusCode(202).body("topic", equalTo(topic()))
                    .extract().path("eventId");

            var records = reader.readUntil(seen -> seen.stream().anyMatch(r -> r.value().contains(eventId)),
                    Duration.ofSeconds(30));

            var record = records.stream().filter(r -> r.value().contains(eventId)).findFirst().orElseThrow();
            assertThat(EventJson.read(record.value()).type()).isEqualTo("tom.ops.probe");
            assertThat(record.key()).isEqualTo("ops-probe");
        }
    }

    @Test
    void withoutATokenTheAnswerIs401() {
        given().get("/api/v1/me")
                .then().statusCode(401).contentType(PROBLEM_JSON).header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("urn:tomassure:problem:unauthorized"));
    }

    @Test
    void anExpiredOrForgedTokenIs401() {
        given().auth().oauth2(TestTokens.expiredToken("ada", null, "admin")).get("/api/v1/me")
                .then().statusCode(401).contentType(PROBLEM_JSON);
        String token = TestTokens.token("ada", null, "supplier");
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
        given().auth().oauth2(forged).get("/api/v1/me").then().statusCode(401).contentType(PROBLEM_JSON);
    }

    @Test
    void aTokenNotIssuedForThisServiceIs401() {
        String self = ConfigProvider.getConfig().getValue("quarkus.application.name", String.class);
        List<String> others = TestTokens.SERVICES.stream().filter(s -> !s.equals(self)).toList();
        given().auth().oauth2(TestTokens.tokenFor(others, "ada", null, "admin")).get("/api/v1/me")
                .then().statusCode(401).contentType(PROBLEM_JSON);
        given().auth().oauth2(TestTokens.tokenFor(List.of("tom-local-tools"), "ada", null, "admin")).get("/api/v1/me")
                .then().statusCode(401).contentType(PROBLEM_JSON);
        given().auth().oauth2(TestTokens.idToken("ada", null, "admin")).get("/api/v1/me")
                .then().statusCode(401).contentType(PROBLEM_JSON);
        given().auth().oauth2(TestTokens.tokenFor(List.of(self), "ada", null, "admin")).get("/api/v1/me")
                .then().statusCode(200);
    }

    @Test
    void theWrongRoleIs403AndTheRightOneIs200() {
        given().auth().oauth2(TestTokens.token("sam", "YGM24", "supplier")).get("/api/v1/ops/outbox")
                .then().statusCode(403).contentType(PROBLEM_JSON).body("type", equalTo("urn:tomassure:problem:forbidden"));
        given().auth().oauth2(TestTokens.token("ada", null, "admin")).get("/api/v1/ops/outbox")
                .then().statusCode(200).body("pending", org.hamcrest.Matchers.greaterThanOrEqualTo(0));
        given().auth().oauth2(TestTokens.token("sam", "YGM24", "supplier")).get("/api/v1/me")
                .then().statusCode(200).body("organisation", equalTo("YGM24")).body("roles", equalTo(List.of("supplier")));
        given().auth().oauth2(TestTokens.token("nobody", "YGM24", "offline_access")).get("/api/v1/me")
                .then().statusCode(403).contentType(PROBLEM_JSON);
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        for (var response : List.of(given().get("/api/v1/me"),
                given().auth().oauth2(TestTokens.token("ada", null, "admin")).get("/api/v1/me"),
                given().auth().oauth2(TestTokens.token("ada", null, "admin")).get("/api/v1/no-such-thing"))) {
            response.then().header("X-Content-Type-Options", "nosniff").header("X-Frame-Options", "DENY")
                    .header("Referrer-Policy", "no-referrer").header("Cache-Control", "no-store")
                    .header("Content-Security-Policy", startsWith("default-src 'none'"));
        }
        given().get("/q/health/ready").then().header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void anUnknownPathIsAProblemToo() {
        given().auth().oauth2(TestTokens.token("ada", null, "admin")).get("/api/v1/no-such-thing")
                .then().statusCode(404).contentType(PROBLEM_JSON);
    }

    @Test
    void healthMetricsAndApiDocumentationAreServed() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200).body(org.hamcrest.Matchers.containsString("tom_outbox_published"));
        given().get("/q/swagger-ui/").then().statusCode(200);

        JsonPath openApi = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = openApi.getMap("paths");
        List<String> undescribed = new ArrayList<>();
        List<String> withoutRoles = new ArrayList<>();
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            if (operation.get("summary") == null || operation.get("description") == null) {
                undescribed.add(method.toUpperCase() + " " + path);
            }
            if (operation.get("security") == null) { // every operation requires a role, and says which
                withoutRoles.add(method.toUpperCase() + " " + path);
            }
        }));
        assertThat(paths).isNotEmpty();
        assertThat(undescribed).as("operations without a summary and a description").isEmpty();
        assertThat(withoutRoles).as("operations that do not say who may call them").isEmpty();
        assertThat(openApi.getMap("components.securitySchemes")).isNotEmpty();
    }
}
