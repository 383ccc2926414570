package io.tomassure.assessment.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.tomassure.support.time.TimeSource;
import io.tomassure.testing.TestDatabase;
import io.tomassure.testing.TomTestEnvironment;

/**
 * Evidence that goes out of date, against the real database: a row requiring a penetration test refuses the
 * submission until one in date is attached, the programme's maximum age and the clock put it out of date, and every
 * change of standing is published for the go-live gate and the reminders.
 */
@QuarkusTest
@WithTestResource(TomTestEnvironment.class)
class EvidenceCurrencyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
    private Tom tom;

    @BeforeEach
    void setUp() {
        tom = new Tom().setUp();
    }

    @Test
    void aRowRequiringEvidenceIsSubmittedOnlyWithAPieceInDate() throws Exception {
        String assessment = assessmentOnATemplateRequiringAPenTest();
        String policy = "/api/v1/programmes/" + tom.programme + "/evidence-policy";
        Tom.admin().body(Map.of("maxAge", Map.of("PEN_TEST", "P12M"))).put(policy).then().statusCode(200)
                .body("maxAge.PEN_TEST", equalTo("P12M"));
        tom.supplierUser().get(policy).then().statusCode(200).body("maxAge.PEN_TEST", equalTo("P12M"));
        tom.supplierUser().body(Map.of("maxAge", Map.of("PEN_TEST", "P1D"))).put(policy).then().statusCode(403);
        Tom.admin().body(Map.of("maxAge", Map.of("PEN_TEST", "a year"))).put(policy).then().statusCode(400)
                .body("errors[0].field", equalTo("maxAge.PEN_TEST"));

        answerTheProductsRows(assessment);
        tom.supplierUser().body(Map.of("phase", "1B")).post(assessment + "/submissions").then().statusCode(422)
                .body("missing.find { it.requirementId == 'API-01' }.problem", equalTo("needs a penetration test report "
                        + "with its effective date (at most 12 months old): none attached"));

        String evidence = assessment + "/responses/API-01/evidence?name=pen-test.pdf";
        upload(evidence).then().statusCode(400).body("errors[0].field", equalTo("effectiveOn"));
        upload(evidence + "&effectiveOn=" + today.plusDays(1)).then().statusCode(400).body("errors[0].field", equalTo("effectiveOn"));
        upload(evidence + "&kind=DSPT&effectiveOn=" + today).then().statusCode(400).body("errors[0].field", equalTo("kind"));

        LocalDate stale = today.minusMonths(13);
        upload(evidence + "&effectiveOn=" + stale).then().statusCode(201).body("kind", equalTo("PEN_TEST"))
                .body("effectiveOn", equalTo(stale.toString()));
        tom.supplierUser().get(assessment + "/missing?phase=1B").then().statusCode(200)
                .body("find { it.requirementId == 'API-01' }.problem", equalTo("its penetration test report went out of "
                        + "date on " + stale.plusMonths(12).plusDays(1) + ": attach a current one"));

        LocalDate fresh = today.minusMonths(11);
        upload(evidence + "&effectiveOn=" + fresh).then().statusCode(201);
        tom.supplierUser().body(Map.of("phase", "1B")).post(assessment + "/submissions").then().statusCode(201);

        // Published: none attached (when the policy was set), out of date, then in date.
        List<JsonNode> standings = standings(assessment);
        assertThat(standings).extracting(s -> s.path("inDate").asBoolean()).containsExactly(false, false, true);
        assertThat(standings.get(2).path("lapsesOn").asText()).isEqualTo(fresh.plusMonths(12).toString());

        // A shorter maximum age takes effect at once: the row's standing is published again, out of date.
        Tom.admin().body(Map.of("maxAge", Map.of("PEN_TEST", "P6M"))).put(policy).then().statusCode(200);
        assertThat(standings(assessment)).hasSize(4).last().satisfies(s -> {
            assertThat(s.path("inDate").asBoolean()).isFalse();
            assertThat(s.path("problem").asText()).contains("went out of date on " + fresh.plusMonths(6).plusDays(1));
        });
    }

    @Test
    void theClockPutsEvidenceOutOfDate() {
        String assessment = assessmentOnATemplateRequiringAPenTest();
        Tom.admin().body(Map.of("maxAge", Map.of("PEN_TEST", "P12M")))
                .put("/api/v1/programmes/" + tom.programme + "/evidence-policy").then().statusCode(200);
        answerTheProductsRows(assessment);
        upload(assessment + "/responses/API-01/evidence?name=pen-test.pdf&effectiveOn=" + today.minusMonths(11))
                .then().statusCode(201);
        tom.supplierUser().get(assessment + "/missing?phase=1B").then().statusCode(200).body("size()", equalTo(0));

        Instant twoMonthsOn = today.plusMonths(2).atTime(12, 0).atZone(ZoneId.of("Europe/London")).toInstant();
        QuarkusMock.installMockForType(new TimeSource() {
            @Override
            public Instant now() {
                return twoMonthsOn;
            }
        }, TimeSource.class);
        tom.supplierUser().get(assessment + "/missing?phase=1B").then().statusCode(200)
                .body("find { it.requirementId == 'API-01' }.problem", containsString("went out of date on "
                        + today.minusMonths(11).plusMonths(12).plusDays(1)));
        tom.supplierUser().body(Map.of("phase", "1B")).post(assessment + "/submissions").then().statusCode(422);
    }

    @Test
    void theEuoSeesWhatItsPhase2LacksEvidenceIncludedAndAttachesItsOwn() {
        String assessment = assessmentOnATemplateRequiringAPenTest();
        Tom.admin().body(Map.of("maxAge", Map.of("DSPT", "P1Y")))
                .put("/api/v1/programmes/" + tom.programme + "/evidence-policy").then().statusCode(200);
        String deployment = "/api/v1/deployments/" + tom.supplierUser().body(Map.of("assessmentId",
                assessment.substring(assessment.lastIndexOf('/') + 1), "euoOdsCode", tom.euo))
                .post("/api/v1/deployments").then().statusCode(201).extract().path("id");
        Tom.answerAt(tom::euoUser, deployment, "IG-01", Map.of("answer", "Yes")).statusCode(200);
        tom.euoUser().get(deployment + "/missing").then().statusCode(200)
                .body("find { it.requirementId == 'IG-01' }.problem", equalTo("needs a Data Security and Protection "
                        + "Toolkit assessment with its effective date (at most 1 year old): none attached"));
        tom.euoUser().contentType("application/pdf").body(new byte[] { 1, 2, 3 })
                .post(deployment + "/responses/IG-01/evidence?name=dspt.pdf&effectiveOn=" + today.minusMonths(3))
                .then().statusCode(201).body("kind", equalTo("DSPT"));
        tom.euoUser().get(deployment + "/missing").then().statusCode(200)
                .body("findAll { it.requirementId == 'IG-01' }.size()", equalTo(0));
        tom.supplierUser().get(deployment + "/missing").then().statusCode(200);
        Tom.as("eve", "E" + tom.euo, "euo").get(deployment + "/missing").then().statusCode(404);
    }

    /**
     * A template version 1.1 of the programme whose API-01 requires a penetration test and whose IG-01 (the EUO's, in
     * Phase 2) requires a DSPT assessment, and an assessment on it.
     */
    @SuppressWarnings("unchecked")
    private String assessmentOnATemplateRequiringAPenTest() {
        Map<String, Object> template = new java.util.HashMap<>(Tom.sampleTemplate("1.1"));
        List<Map<String, Object>> sections = new ArrayList<>();
        for (Object section : (List<?>) template.get("sections")) {
            Map<String, Object> copy = new java.util.HashMap<>((Map<String, Object>) section);
            copy.put("requirements", ((List<Map<String, Object>>) copy.get("requirements")).stream()
                    .map(row -> "API-01".equals(row.get("id")) ? Tom.with(row, "evidence", "PEN_TEST")
                            : "IG-01".equals(row.get("id")) ? Tom.with(row, "evidence", "DSPT") : row).toList());
            sections.add(copy);
        }
        template.put("sections", sections);
        String templateId = Tom.admin().body(template).post("/api/v1/programmes/" + tom.programme + "/templates").then()
                .statusCode(201).body("sections.find { it.code == '9' }.requirements.find { it.id == 'API-01' }.evidence",
                        equalTo("PEN_TEST")).extract().path("id");
        Tom.admin().post("/api/v1/templates/" + templateId + "/publish").then().statusCode(200);
        Tom.admin().get("/api/v1/programmes").then().statusCode(200) // a programme's versions come oldest first
                .body("find { it.code == '" + tom.programme + "' }.templates.version", contains("1.0", "1.1"));
        String version = tom.supplierUser().body(Map.of("version", "2.2")).post("/api/v1/products/" + tom.productId + "/versions")
                .then().statusCode(201).extract().path("id");
        return "/api/v1/assessments/" + tom.supplierUser().body(Map.of("productVersionId", version, "templateId", templateId))
                .post("/api/v1/assessments").then().statusCode(201).extract().path("id");
    }

    private void answerTheProductsRows(String assessment) {
        for (String row : List.of("SI-01", "API-01", "API-02", "API-03")) {
            Tom.answerAt(tom::supplierUser, assessment, row, Tom.compliant()).statusCode(200);
        }
        Tom.answerAt(tom::supplierUser, assessment, "SI-02", Map.of("answer", "Noted")).statusCode(200);
    }

    private io.restassured.response.Response upload(String path) {
        return tom.supplierUser().contentType("application/pdf").body(new byte[] { 1, 2, 3 }).post(path);
    }

    /** The required-evidence-changed events the assessment's outbox holds, oldest first. */
    private static List<JsonNode> standings(String assessment) throws Exception {
        List<JsonNode> data = new ArrayList<>();
        try (Connection c = TestDatabase.connect(); PreparedStatement select = c.prepareStatement("select payload from "
                + "outbox_event where message_key = ? and event_type = 'tom.assessment.required-evidence-changed' order by seq")) {
            select.setString(1, assessment.substring(assessment.lastIndexOf('/') + 1));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    data.add(JSON.readTree(rs.getString(1)).path("data"));
                }
            }
        }
        return data;
    }
}
