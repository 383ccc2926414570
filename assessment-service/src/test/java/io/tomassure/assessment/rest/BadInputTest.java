package io.tomassure.assessment.rest;

import static io.tomassure.assessment.rest.Tom.compliant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tomassure.testing.TestDatabase;
import io.tomassure.testing.TomTestEnvironment;

/** Bad input gets a 4xx problem+json, and changes nothing: no row written, no event recorded. */
@QuarkusTest
@WithTestResource(TomTestEnvironment.class)
class BadInputTest {

    private static final String PROBLEM = "application/problem+json";
    private Tom tom;
    private String assessment;

    @BeforeEach
    void setUp() {
        tom = new Tom().setUp();
        assessment = "/api/v1/assessments/" + tom.assessmentId;
        tom.answer(tom::supplierUser, "API-01", compliant()).statusCode(200);
    }

    @Test
    void anUnknownRequirementIs404() throws Exception {
        unchanged(() -> tom.supplierUser().body(compliant()).put(assessment + "/responses/NOPE-99").then()
                .statusCode(404).contentType(PROBLEM).body("type", equalTo("urn:tomassure:problem:not-found")));
    }

    @Test
    void theWrongPartyIs403() throws Exception {
        unchanged(() -> tom.supplierUser().body(compliant()).put(assessment + "/responses/US-01").then()
                .statusCode(403).contentType(PROBLEM).body("type", equalTo("urn:tomassure:problem:wrong-party"))
                .body("detail", equalTo("Row US-01 is answered by the end-user organisation, in its deployment")));
        unchanged(() -> Tom.reviewer().body(compliant()).put(assessment + "/responses/API-02").then()
                .statusCode(403).contentType(PROBLEM));
        unchanged(() -> tom.supplierUser().body(Map.of("answer", "Accepted")).put(assessment + "/responses/ND-01").then()
                .statusCode(403).contentType(PROBLEM));
    }

    @Test
    void anAnswerOutsideTheAllowedSetIs400WithTheField() throws Exception {
        unchanged(() -> tom.supplierUser().body(Map.of("answer", "Maybe")).put(assessment + "/responses/API-02").then()
                .statusCode(400).contentType(PROBLEM).body("type", equalTo("urn:tomassure:problem:validation"))
                .body("errors[0].field", equalTo("answer"))
                .body("detail", equalTo("Row API-02 allows only: Compliant, Semi-compliant, Non-compliant, N/A")));
    }

    @Test
    void aMissingOrMistypedFieldIs400WithThePath() throws Exception {
        unchanged(() -> tom.supplierUser().body(Map.of("notes", "no answer")).put(assessment + "/responses/API-02").then()
                .statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("answer")));
        unchanged(() -> tom.supplierUser().body(Map.of("answer", "Non-compliant", "nonConformance", Map.of("risk", "PURPLE")))
                .put(assessment + "/responses/API-02").then()
                .statusCode(400).contentType(PROBLEM).body("type", equalTo("urn:tomassure:problem:malformed-request"))
                .body("errors[0].field", equalTo("nonConformance.risk")));
    }

    @Test
    void malformedJsonIs400() throws Exception {
        unchanged(() -> tom.supplierUser().body("{\"answer\": \"Compliant\",").put(assessment + "/responses/API-02").then()
                .statusCode(400).contentType(PROBLEM).body("type", equalTo("urn:tomassure:problem:malformed-request")));
        unchanged(() -> tom.supplierUser().body("[1,2]").put(assessment + "/responses/API-02").then()
                .statusCode(400).contentType(PROBLEM));
    }

    @Test
    void anOversizedUploadIs413() throws Exception {
        byte[] big = new byte[65_537];
        unchanged(() -> tom.supplierUser().contentType("application/octet-stream").body(big)
                .post(assessment + "/responses/API-01/evidence?name=big.bin").then()
                .statusCode(413).contentType(PROBLEM).body("maxBytes", equalTo(65536)));
        unchanged(() -> tom.supplierUser().contentType("application/pdf").body(new byte[10])
                .post(assessment + "/responses/API-01/evidence").then().statusCode(400).contentType(PROBLEM));
    }

    @Test
    void aStaleOrMissingIfMatchIsRefused() throws Exception {
        String etag = tom.supplierUser().get(assessment + "/responses").then().extract().jsonPath()
                .getString("find { it.requirementId == 'API-01' }.etag");
        tom.supplierUser().header("If-Match", etag).body(Map.of("answer", "N/A")).put(assessment + "/responses/API-01")
                .then().statusCode(200);
        unchanged(() -> tom.supplierUser().header("If-Match", etag).body(Map.of("answer", "Compliant"))
                .put(assessment + "/responses/API-01").then().statusCode(412).contentType(PROBLEM)
                .body("type", equalTo("urn:tomassure:problem:precondition-failed")));
        unchanged(() -> tom.supplierUser().body(Map.of("answer", "Compliant")).put(assessment + "/responses/API-01").then()
                .statusCode(428).contentType(PROBLEM));
        String current = tom.supplierUser().get(assessment + "/responses").then().extract().jsonPath()
                .getString("find { it.requirementId == 'API-01' }.etag");
        // If-Match compares strongly (RFC 9110): a weak tag never matches, even the current version's.
        unchanged(() -> tom.supplierUser().header("If-Match", "W/" + current).body(Map.of("answer", "Compliant"))
                .put(assessment + "/responses/API-01").then().statusCode(412).contentType(PROBLEM));
        unchanged(() -> tom.supplierUser().header("If-Match", "\"999\"")
                .body(Map.of("medicalDevice", true, "updatesSpine", false, "clinicalSafetyRelated", false, "changesLocalSystems", false))
                .put(assessment + "/impact").then().statusCode(412));
    }

    @Test
    void anIfMatchOfAnyTagOrOfSeveralIsSettledAgainstTheStoredVersion() throws Exception {
        tom.supplierUser().header("If-Match", "*").body(Map.of("answer", "N/A", "notes", "any version"))
                .put(assessment + "/responses/API-02").then().statusCode(200).body("notes", equalTo("any version"));
        String current = tom.supplierUser().get(assessment + "/responses").then().extract().jsonPath()
                .getString("find { it.requirementId == 'API-02' }.etag");
        unchanged(() -> tom.supplierUser().header("If-Match", "\"998\", \"999\"").body(Map.of("answer", "Compliant"))
                .put(assessment + "/responses/API-02").then().statusCode(412).contentType(PROBLEM));
        String next = tom.supplierUser().header("If-Match", "\"999\", " + current).body(Map.of("answer", "Compliant"))
                .put(assessment + "/responses/API-02").then().statusCode(200).body("answer", equalTo("Compliant"))
                .extract().header("ETag");
        assertThat(next).isNotEqualTo(current);
    }

    @Test
    void concurrentEditsWithTheSameETagNeverBothWin() throws Exception {
        String etag = tom.supplierUser().get(assessment + "/responses").then().extract().jsonPath()
                .getString("find { it.requirementId == 'API-01' }.etag");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String notes = "writer " + i;
                results.add(pool.submit(() -> tom.supplierUser().header("If-Match", etag)
                        .body(Map.of("answer", "Compliant", "notes", notes)).put(assessment + "/responses/API-01")
                        .then().extract().statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            assertThat(statuses).isSubsetOf(200, 412);
            assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentFirstAnswersToOneRowLeaveOneAnswer() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> writers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                writers.add(() -> tom.supplierUser().body(compliant()).put(assessment + "/responses/API-03").then()
                        .extract().statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : pool.invokeAll(writers)) {
                statuses.add(result.get());
            }
            assertThat(statuses).isSubsetOf(200, 409, 412, 428);
            assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
            assertThat(count("select count(*) from response where requirement_ref = 'API-03' and assessment_id = '"
                    + tom.assessmentId + "'")).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentSubmissionsOfOnePhaseMakeOneRevision() throws Exception {
        tom.answer(tom::supplierUser, "SI-01", compliant()).statusCode(200);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> submits = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                submits.add(() -> tom.supplierUser().body(Map.of("phase", "1A")).post(assessment + "/submissions").then()
                        .extract().statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : pool.invokeAll(submits)) {
                statuses.add(result.get());
            }
            assertThat(statuses).isSubsetOf(201, 409);
            assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
            assertThat(count("select count(*) from submission where assessment_id = '" + tom.assessmentId + "'")).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anUnknownPhaseOrAssessmentIsRefused() throws Exception {
        unchanged(() -> tom.supplierUser().body(Map.of("phase", "3")).post(assessment + "/submissions").then()
                .statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("phase")));
        unchanged(() -> tom.supplierUser().body(compliant()).put("/api/v1/assessments/0195a3f0-0000-7000-8000-000000000000/responses/API-01")
                .then().statusCode(404).contentType(PROBLEM));
    }

    @Test
    void aMalformedCursorOrLimitIs400NotANotFound() {
        tom.supplierUser().get("/api/v1/assessments?after=not-a-cursor").then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:tomassure:problem:invalid-parameter"));
        tom.supplierUser().get("/api/v1/deployments?limit=ten").then().statusCode(400).contentType(PROBLEM);
        tom.supplierUser().get("/api/v1/assessments?limit=500").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("limit"));
        tom.supplierUser().get("/api/v1/no-such-thing?after=x").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void aBodyOfTheWrongShapeIsDescribedWithoutNamingAnyClass() {
        String body = tom.supplierUser().body(Map.of("answer", "Non-compliant", "nonConformance", Map.of("risk", "PURPLE")))
                .put(assessment + "/responses/API-02").then().statusCode(400).extract().asString();
        assertThat(body).contains("must be one of [RED, AMBER, GREEN]").doesNotContain("io.tomassure", "`", "java.");
        String array = tom.supplierUser().body("[1,2]").put(assessment + "/responses/API-02").then().statusCode(400)
                .extract().asString();
        assertThat(array).contains("must be an object").doesNotContain("io.tomassure", "AnswerRequest", "java.");
    }

    @Test
    void anOrganisationsEvidenceHasAQuota() throws Exception {
        byte[] file = new byte[65_536]; // the largest file in this profile; the quota is four of them
        for (int i = 0; i < 4; i++) {
            tom.supplierUser().contentType("application/pdf").body(file).post(assessment + "/responses/API-01/evidence?name=f"
                    + i + ".pdf").then().statusCode(201);
        }
        unchanged(() -> tom.supplierUser().contentType("application/pdf").body(new byte[1])
                .post(assessment + "/responses/API-01/evidence?name=one-more.pdf").then().statusCode(413)
                .contentType(PROBLEM).body("type", equalTo("urn:tomassure:problem:evidence-quota-exceeded"))
                .body("quotaBytes", equalTo(262_144)).body("usedBytes", equalTo(262_144)));
    }

    @Test
    void evidenceIsServedAsAnInertAttachmentWhateverTypeItWasUploadedAs() {
        String id = tom.supplierUser().contentType("text/html").body("<script>alert(1)</script>".getBytes())
                .post(assessment + "/responses/API-01/evidence?name=page.html").then().statusCode(201).extract().path("id");

        tom.supplierUser().get(assessment + "/evidence/" + id).then().statusCode(200)
                .contentType("application/octet-stream").header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", "attachment; filename=\"page.html\"; filename*=UTF-8''page.html");
        tom.supplierUser().contentType("application/pdf").body(new byte[10]).queryParam("name", "a\r\nSet-Cookie: x=1")
                .post(assessment + "/responses/API-01/evidence").then().statusCode(400);
    }

    /** Runs a refused request and checks that no answer, evidence, submission or event came of it. */
    private void unchanged(Runnable refused) throws Exception {
        long[] before = snapshot();
        refused.run();
        assertThat(snapshot()).as("responses, their versions, evidence, submissions, outbox events").containsExactly(before);
    }

    private long[] snapshot() throws Exception {
        String id = tom.assessmentId;
        return new long[] {
                count("select count(*) from response where assessment_id = '" + id + "'"),
                count("select coalesce(sum(version), 0) from response where assessment_id = '" + id + "'"),
                count("select count(*) from evidence e join response r on r.id = e.response_id where r.assessment_id = '" + id + "'"),
                count("select count(*) from submission where assessment_id = '" + id + "'"),
                count("select count(*) from outbox_event"),
                count("select coalesce(sum(version), 0) from assessment where id = '" + id + "'") };
    }

    private static long count(String sql) throws Exception {
        try (Connection connection = TestDatabase.connect(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
