package io.tomassure.assessment.rest;

import static io.tomassure.assessment.rest.Tom.compliant;
import static io.tomassure.assessment.rest.Tom.nonConformant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tomassure.testing.TomTestEnvironment;

/**
 * The derived results are kept between reads: every read after a change must show it, whatever was read before,
 * and a change that is refused must leave them as they were. The ETag moves with every such change, so a client
 * revalidating with If-None-Match (304 while it holds) never keeps a stale view.
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

    @Test
    void theETagMovesWithEveryAnswerAndARevalidationIs304UntilItDoes() {
        Tom tom = new Tom().setUp();
        String assessment = "/api/v1/assessments/" + tom.assessmentId;
        String first = tom.supplierUser().get(assessment).then().statusCode(200).extract().header("ETag");
        tom.supplierUser().header("If-None-Match", first).get(assessment).then().statusCode(304).header("ETag", first)
                .body(emptyString());

        tom.answer(tom::supplierUser, "SI-01", compliant()).statusCode(200);
        String answered = tom.supplierUser().header("If-None-Match", first).get(assessment).then().statusCode(200)
                .body("derived.completeness.answered", equalTo(1)).body("etag", equalTo(tom.supplierUser().get(assessment)
                        .then().extract().header("ETag"))).extract().header("ETag");
        assertThat(answered).as("the tag after an answer").isNotEqualTo(first);
        tom.supplierUser().header("If-None-Match", "W/" + answered).get(assessment).then().statusCode(304);

        // A change quoting a tag from before the answer is refused; the tag a change returns is the current one.
        Map<String, Boolean> impact = Map.of("medicalDevice", false, "updatesSpine", true, "clinicalSafetyRelated", true,
                "changesLocalSystems", false);
        tom.supplierUser().header("If-Match", first).body(impact).put(assessment + "/impact").then().statusCode(412);
        String changed = tom.supplierUser().header("If-Match", answered).body(impact).put(assessment + "/impact").then()
                .statusCode(200).extract().header("ETag");
        tom.supplierUser().header("If-None-Match", changed).get(assessment).then().statusCode(304);

        // A deployment's tag moves with the EUO's answers and with the product's.
        var created = tom.supplierUser().body(Map.of("assessmentId", tom.assessmentId, "euoOdsCode", tom.euo))
                .post("/api/v1/deployments").then().statusCode(201).extract();
        String deployment = "/api/v1/deployments/" + created.path("id");
        String deployed = created.header("ETag");
        tom.euoUser().header("If-None-Match", deployed).get(deployment).then().statusCode(304);
        Tom.answerAt(tom::euoUser, deployment, "US-01", compliant()).statusCode(200);
        String euoAnswered = tom.euoUser().header("If-None-Match", deployed).get(deployment).then().statusCode(200)
                .extract().header("ETag");
        tom.answer(tom::supplierUser, "AR-01", compliant()).statusCode(200);
        String productAnswered = tom.euoUser().header("If-None-Match", euoAnswered).get(deployment).then().statusCode(200)
                .extract().header("ETag");
        assertThat(List.of(deployed, euoAnswered, productAnswered)).doesNotHaveDuplicates();
        tom.euoUser().header("If-Match", euoAnswered).body(Map.of("topology", "Hosted", "affectsOtherOrganisations", false))
                .put(deployment + "/context").then().statusCode(412);
        tom.euoUser().header("If-Match", productAnswered).body(Map.of("topology", "Hosted", "affectsOtherOrganisations", false))
                .put(deployment + "/context").then().statusCode(200);
    }
}
