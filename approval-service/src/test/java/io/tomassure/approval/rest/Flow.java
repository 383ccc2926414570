package io.tomassure.approval.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.tomassure.events.EventEnvelope;
import io.tomassure.events.EventJson;
import io.tomassure.events.Topics;
import io.tomassure.events.assessment.AssessmentEvents;
import io.tomassure.testing.TestTokens;
import io.tomassure.testing.TopicReader;

/**
 * Test fixture: one product assessment and its deployment, with assessment-service played by publishing its
 * events to the real broker, as it would.
 */
final class Flow {

    final String supplier = code("S");
    final String euo = code("E");
    final UUID assessmentId = UUID.randomUUID();
    final UUID productId = UUID.randomUUID();
    final UUID deploymentId = UUID.randomUUID();
    final String productVersion = "2.1";

    static String code(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 6).toUpperCase();
    }

    static RequestSpecification as(String user, String org, String... roles) {
        return given().auth().oauth2(TestTokens.token(user, org, roles)).contentType(ContentType.JSON);
    }

    static RequestSpecification reviewer() {
        return as("rob", "X26", "nhsd-assurance");
    }

    static RequestSpecification clinicalSafety() {
        return as("cas", "X26", "nhsd-clinical-safety");
    }

    RequestSpecification supplierUser() {
        return as("sam", supplier, "supplier");
    }

    RequestSpecification euoUser() {
        return as("eve", euo, "euo");
    }

    void created() {
        send(assessmentId.toString(), AssessmentEvents.CREATED, new AssessmentEvents.AssessmentCreated(assessmentId, productId,
                "Referral Connect", productVersion, supplier, "demo", UUID.randomUUID(), "1.0", "sam"));
    }

    void deployed() {
        send(deploymentId.toString(), AssessmentEvents.DEPLOYMENT_CREATED, new AssessmentEvents.DeploymentCreated(deploymentId,
                assessmentId, supplier, euo, true, false, "sam"));
    }

    /** Publishes how a product row requiring evidence stands. */
    void evidence(String requirementId, boolean inDate, java.time.LocalDate lapsesOn, String problem) {
        send(assessmentId.toString(), AssessmentEvents.REQUIRED_EVIDENCE_CHANGED, new AssessmentEvents.RequiredEvidenceChanged(
                assessmentId, null, supplier, null, requirementId, "DSPT", inDate, lapsesOn, problem, "sam"));
    }

    /** Publishes a submission of {@code phase}; returns the submission id. */
    UUID submitted(String phase, int revision, List<String> nonConformances, List<String> signOffs, int level) {
        UUID submissionId = UUID.randomUUID();
        boolean product = !phase.equals("2");
        send((product ? assessmentId : deploymentId).toString(), AssessmentEvents.PHASE_SUBMITTED,
                new AssessmentEvents.PhaseSubmitted(submissionId, assessmentId, product ? null : deploymentId, supplier,
                        product ? null : euo, productId, "Flow product", productVersion, phase, revision, hash(phase, revision),
                        new AssessmentEvents.Completeness(10, 10, 100),
                        new AssessmentEvents.NonConformanceSummary(nonConformances.size(), nonConformances.size(), 0, 0,
                                0, nonConformances), level, signOffs, level > 3, "PASS", "AUDIT", "sam", null));
        return submissionId;
    }

    static String hash(String phase, int revision) {
        return String.format("%064x", (long) (phase + "/" + revision).hashCode() & 0xffffffffL);
    }

    static <P> void send(String subject, io.tomassure.events.EventType<P> type, P payload) {
        EventEnvelope event = EventEnvelope.of(type, "assessment-service", subject, payload);
        TopicReader.send(Topics.ASSESSMENT, subject, EventJson.write(event));
    }

    /** Waits for the case of a submission and returns it as NHS Digital sees it. */
    static JsonPath caseOf(UUID submissionId) {
        String[] id = new String[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            id[0] = reviewer().queryParam("submission", submissionId).get("/api/v1/cases").then().statusCode(200)
                    .extract().jsonPath().getString("items[0].id");
            return id[0] != null;
        });
        return reviewer().get("/api/v1/cases/" + id[0]).then().statusCode(200).extract().jsonPath();
    }

    static io.restassured.response.ValidatableResponse decide(RequestSpecification who, JsonPath reviewCase, Map<String, ?> body) {
        Map<String, Object> request = new java.util.HashMap<>(body);
        request.putIfAbsent("contentHash", reviewCase.getString("contentHash"));
        return who.body(request).post("/api/v1/cases/" + reviewCase.getString("id") + "/decision").then();
    }

    static Map<String, Object> approve1a(String outcome) {
        return Map.of("outcome", outcome, "areas", List.of(
                Map.of("area", "SYSTEM_USAGE", "approved", true, "reason", "Referrals only"),
                Map.of("area", "SYSTEM_SETTING", "approved", true, "reason", "Acute trust"),
                Map.of("area", "DATA_USER_ORGANISATION", "approved", true, "reason", "The trust itself")));
    }

    JsonPath readiness(RequestSpecification who) {
        return who.get("/api/v1/deployments/" + deploymentId + "/readiness").then().statusCode(200).extract().jsonPath();
    }

    /** An agreement signed a month ago, expiring on {@code expiresOn} (null: in a year). */
    Map<String, Object> agreement(String kind, String expiresOn) {
        return agreement(kind, java.time.LocalDate.now().minusMonths(1).toString(),
                expiresOn == null ? java.time.LocalDate.now().plusYears(1).toString() : expiresOn);
    }

    Map<String, Object> agreement(String kind, String signedOn, String expiresOn) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("kind", kind, "signatory", "Pat Signer",
                "signatoryRole", "Director", "signedOn", signedOn, "documentVersion", "v3"));
        if (expiresOn != null) {
            body.put("expiresOn", expiresOn);
        }
        return body;
    }
}
