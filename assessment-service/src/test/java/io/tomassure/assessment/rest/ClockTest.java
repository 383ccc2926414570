package io.tomassure.assessment.rest;

import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.tomassure.support.time.TimeSource;
import io.tomassure.testing.TomTestEnvironment;

/** assessment-service keeps one clock: moved, every time it records moves with it. */
@QuarkusTest
@WithTestResource(TomTestEnvironment.class)
class ClockTest {

    private static final Instant LATER = Instant.parse("2031-06-30T09:15:00Z");

    @Test
    void whatTheServiceRecordsIsStampedByItsOneClock() {
        QuarkusMock.installMockForType(new TimeSource() {
            @Override
            public Instant now() {
                return LATER;
            }
        }, TimeSource.class);
        Tom tom = new Tom().setUp();
        String assessment = "/api/v1/assessments/" + tom.assessmentId;
        tom.supplierUser().get(assessment).then().statusCode(200).body("createdAt", equalTo(LATER.toString()));
        tom.supplierUser().get("/api/v1/products/" + tom.productId).then().body("createdAt", equalTo(LATER.toString()))
                .body("versions[0].createdAt", equalTo(LATER.toString()));

        tom.answer(tom::supplierUser, "SI-01", Tom.compliant()).statusCode(200);
        tom.supplierUser().contentType("application/pdf").body(new byte[] { 1, 2, 3 })
                .post(assessment + "/responses/SI-01/evidence?name=plan.pdf").then().statusCode(201)
                .body("uploadedAt", equalTo(LATER.toString()));
        tom.supplierUser().body(Map.of("phase", "1A")).post(assessment + "/submissions").then().statusCode(201)
                .body("submittedAt", equalTo(LATER.toString()));
    }
}
