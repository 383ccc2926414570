package io.tomassure.assessment.rest;

import static io.tomassure.assessment.rest.Tom.compliant;
import static io.tomassure.assessment.rest.Tom.nonConformant;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tomassure.testing.TomTestEnvironment;

/**
 * The derived results are kept between reads: every read after a change must show it, whatever was read before,
 * and a change that is refused must leave them as they were.
 */
@QuarkusTest
@WithTestResource(TomTestEnvironment.class)
class DerivedResultsTest {

    @Test
    void everyReadAfterAChangeShowsIt() {
        Tom tom = new Tom().setUp();
        String assessment = "/api/v1/assessments/" + tom.assessmentId;
        for (int read = 0; read < 2; read++) {
            tom.supplierUser().get(assessment).then().statusCode(200).body("derived.completeness.answered", equalTo(0))
                    .body("derived.nonConformances", equalTo(0));
        }

        tom.answer(tom::supplierUser, "SI-01", compliant()).statusCode(200);
        tom.supplierUser().get(assessment).then().body("derived.completeness.answered", equalTo(1));
        tom.answer(tom::supplierUser, "API-03", nonConformant("Non-compliant", "RED")).statusCode(200);
        tom.supplierUser().get(assessment).then().body("derived.completeness.answered", equalTo(2))
                .body("derived.nonConformances", equalTo(1));
        tom.answer(tom::supplierUser, "API-03", compliant()).statusCode(200);
        tom.supplierUser().get(assessment).then().body("derived.nonConformances", equalTo(0));

        // A refused answer (not the supplier's row) changes nothing.
        tom.answer(tom::supplierUser, "US-01", compliant()).statusCode(403);
        tom.supplierUser().get(assessment).then().body("derived.completeness.answered", equalTo(2));

        // The product facts are the assessment's own version.
        String etag = tom.supplierUser().get(assessment).then().body("derived.clinicalSafetyLevel", equalTo(1))
                .extract().header("ETag");
        tom.supplierUser().header("If-Match", etag)
                .body(Map.of("medicalDevice", false, "updatesSpine", true, "clinicalSafetyRelated", true, "changesLocalSystems", false))
                .put(assessment + "/impact").then().statusCode(200);
        tom.supplierUser().get(assessment).then().body("derived.clinicalSafetyLevel", equalTo(4));
    }
}
