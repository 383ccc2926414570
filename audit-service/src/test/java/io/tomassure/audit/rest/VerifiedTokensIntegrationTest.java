package io.tomassure.audit.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tomassure.testing.TestTokens;
import io.tomassure.testing.TomTestEnvironment;

/** A token verified once is remembered for its own requests only: each caller stays who its token says. */
@QuarkusTest
@WithTestResource(TomTestEnvironment.class)
class VerifiedTokensIntegrationTest {

    @Inject
    MeterRegistry meters;

    @Test
    void aRememberedTokenServesItsOwnCallerAndNoOther() {
        String auditor = TestTokens.token("vera", "X26", "auditor");
        String supplier = TestTokens.token("sam", "S1", "supplier");
        double hitsBefore = hits();

        for (int i = 0; i < 3; i++) {
            me(auditor).body("username", equalTo("vera")).body("organisation", equalTo("X26"))
                    .body("roles", contains("auditor"));
            me(supplier).body("username", equalTo("sam")).body("organisation", equalTo("S1"))
                    .body("roles", contains("supplier"));
        }

        assertThat(hits() - hitsBefore).as("the second and third calls of each token").isEqualTo(4);
    }

    @Test
    void aRememberedIdentityIsHandedToEachRequestWithThatRequestsOwnContext() {
        String auditor = TestTokens.token("vera", "X26", "auditor");
        double hitsBefore = hits();
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(auditor).get("/test/identity-is-this-requests").then().statusCode(200)
                    .body(equalTo("true"));
        }
        assertThat(hits() - hitsBefore).isEqualTo(2);
    }

    @Test
    void aRememberedSignatureDoesNotCarryAnotherPayload() {
        String auditor = TestTokens.token("vera", "X26", "auditor");
        String admin = TestTokens.token("vera", "X26", "admin");
        me(auditor).statusCode(200);

        String[] genuine = auditor.split("\\.");
        String forged = genuine[0] + "." + admin.split("\\.")[1] + "." + genuine[2];
        given().auth().oauth2(forged).get("/api/v1/me").then().statusCode(401);
        me(auditor).body("roles", contains("auditor"));
    }

    @Test
    void anExpiredTokenIsRefused() {
        given().auth().oauth2(TestTokens.expiredToken("vera", "X26", "auditor")).get("/api/v1/me").then().statusCode(401);
    }

    private static io.restassured.response.ValidatableResponse me(String token) {
        return given().auth().oauth2(token).get("/api/v1/me").then().statusCode(200);
    }

    private double hits() {
        return meters.get("cache.gets").tag("cache", "verified-tokens").tag("result", "hit").functionCounter().count();
    }
}
