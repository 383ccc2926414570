package io.tomassure.assessment.rest;

import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tomassure.testing.TomTestEnvironment;

/**
 * What a replay refuses before reading the log, and what it says when the log cannot be read. The replay itself runs
 * against the real audit log in e2e (JourneyTest), where it is compared with the live state at five instants.
 */
@QuarkusTest
@WithTestResource(TomTestEnvironment.class)
class ReplayTest {

    @Test
    void theCallerMustSeeTheAssessmentNowAndAskForThePast() {
        Tom tom = new Tom().setUp();
        String assessment = "/api/v1/assessments/" + tom.assessmentId;
        String now = Instant.now().toString();
        Tom.as("olga", tom.otherSupplier, "supplier").get(assessment + "?asOf=" + now).then().statusCode(404);
        tom.supplierUser().get(assessment + "?asOf=" + Instant.now().plus(1, ChronoUnit.DAYS)).then().statusCode(400)
                .body("errors[0].field", equalTo("asOf"));
        tom.supplierUser().get(assessment + "?asOf=yesterday").then().statusCode(400);
    }

    @Test
    void anUnreadableLogIsAServiceUnavailableProblem() {
        Tom tom = new Tom().setUp();
        tom.supplierUser().get("/api/v1/assessments/" + tom.assessmentId + "?asOf=" + Instant.now()).then()
                .statusCode(503).contentType("application/problem+json")
                .body("type", equalTo("urn:tomassure:problem:audit-log-unavailable"));
    }
}
