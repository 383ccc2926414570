package io.tomassure.audit.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tomassure.testing.TestTokens;
import io.tomassure.testing.TomTestEnvironment;

/** An overloaded service refuses what it cannot start at once, and takes requests again as soon as it can. */
@QuarkusTest
@TestProfile(LoadSheddingTest.OneAtATime.class)
@WithTestResource(TomTestEnvironment.class)
class LoadSheddingTest {

    public static class OneAtATime implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tom.http.max-requests-in-progress", "1");
        }
    }

    @Test
    void beyondTheLimitRequestsAreRefusedWithAProblemAndRetryAfterUntilOneEnds() throws Exception {
        HttpResponse<InputStream> stream = openAuditStream(); // stays in progress: the one place is taken
        try {
            AuditLogIntegrationTest.auditor().get("/api/v1/audit/entries").then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "1")
                    .body("type", equalTo("urn:tomassure:problem:overloaded"));
            given().get("/q/health/live").then().statusCode(200); // operations are never refused
        } finally {
            stream.body().close();
        }
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> AuditLogIntegrationTest.auditor().get("/api/v1/audit/entries").then().statusCode(200));
    }

    private static HttpResponse<InputStream> openAuditStream() throws Exception {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/audit/stream"))
                .header("Authorization", "Bearer " + TestTokens.token("aud", "X26", "auditor"))
                .header("Accept", "text/event-stream").build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }
}
