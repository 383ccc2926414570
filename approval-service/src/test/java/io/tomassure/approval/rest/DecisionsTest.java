package io.tomassure.approval.rest;

import static io.tomassure.approval.rest.Flow.approve1a;
import static io.tomassure.approval.rest.Flow.caseOf;
import static io.tomassure.approval.rest.Flow.decide;
import static io.tomassure.approval.rest.Flow.reviewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tomassure.events.EventEnvelope;
import io.tomassure.events.EventJson;
import io.tomassure.events.Topics;
import io.tomassure.events.approval.ApprovalEvents;
import io.tomassure.testing.TomTestEnvironment;
import io.tomassure.testing.TopicReader;

/** Each phase's decision paths, resubmission, stale revisions, roles, duplicates and out-of-order events. */
@QuarkusTest
@WithTestResource(TomTestEnvironment.class)
class DecisionsTest {

    @Test
    void phase1aApprovesPerAreaWithConditionsOrRejects() {
        Flow flow = new Flow();
        flow.created();
        JsonPath conditional = caseOf(flow.submitted("1A", 1, List.of(), List.of(), 1));
        decide(reviewer(), conditional, Map.of("outcome", "APPROVED_DSA_REQUIRED")).statusCode(400)
                .body("errors.field", hasItem("decision.areas"));
        decide(reviewer(), conditional, approve1a("APPROVED_DSA_REQUIRED")).statusCode(200)
                .body("state", equalTo("DECIDED")).body("decision.outcome", equalTo("APPROVED"))
                .body("decision.detail", equalTo("APPROVED_DSA_REQUIRED")).body("conditions.description", contains("DSA signed"));
        decide(reviewer(), conditional, approve1a("APPROVED")).statusCode(409)
                .body("type", equalTo("urn:tomassure:problem:case-closed"));

        JsonPath rejected = caseOf(flow.submitted("1A", 2, List.of(), List.of(), 1));
        decide(reviewer(), rejected, Map.of("outcome", "REJECTED", "areas", List.of(
                Map.of("area", "SYSTEM_USAGE", "approved", false, "reason", "Not a permitted use"),
                Map.of("area", "SYSTEM_SETTING", "approved", true, "reason", "ok"),
                Map.of("area", "DATA_USER_ORGANISATION", "approved", true, "reason", "ok"))))
                .statusCode(400).body("errors.field", hasItem("decision.reason"));
        decide(reviewer(), rejected, Map.of("outcome", "REJECTED", "reason", "Usage not permitted", "areas", List.of(
                Map.of("area", "SYSTEM_USAGE", "approved", false, "reason", "Not a permitted use"),
                Map.of("area", "SYSTEM_SETTING", "approved", true, "reason", "ok"),
                Map.of("area", "DATA_USER_ORGANISATION", "approved", true, "reason", "ok"))))
                .statusCode(200).body("decision.outcome", equalTo("REJECTED"));

        JsonPath provisional = caseOf(flow.submitted("1A", 3, List.of(), List.of(), 1));
        decide(reviewer(), provisional, approve1a("PROVISIONALLY_APPROVED_PENDING_IGARD")).statusCode(200)
                .body("conditions.description", contains("IGARD review passed"));
    }

    @Test
    void phase1bApprovesWithACertificateReturnsOrRejects() throws Exception {
        Flow flow = new Flow();
        flow.created();
        try (TopicReader events = new TopicReader(Topics.APPROVAL)) {
            JsonPath first = caseOf(flow.submitted("1B", 1, List.of(), List.of(), 1));
            decide(reviewer(), first, Map.of("outcome", "APPROVED", "certificateNumber", "IAC-12-34")).statusCode(400)
                    .body("errors.field", contains("decision.certificateNumber"));
            decide(reviewer(), first, Map.of("outcome", "RETURNED", "reason", "Test evidence missing for A001-03"))
                    .statusCode(200).body("decision.outcome", equalTo("RETURNED"));

            JsonPath second = caseOf(flow.submitted("1B", 2, List.of(), List.of(), 1));
            decide(reviewer(), second, Map.of("outcome", "REJECTED", "reason", "Fails the spec")).statusCode(200);

            JsonPath third = caseOf(flow.submitted("1B", 3, List.of(), List.of(), 1));
            String certificate = "IAC-" + (1000 + (int) (Math.random() * 8999)) + "-" + (10_000_000 + (int) (Math.random() * 89_999_999));
            decide(reviewer(), third, Map.of("outcome", "APPROVED", "certificateNumber", certificate)).statusCode(200)
                    .body("decision.certificateNumber", equalTo(certificate));

            List<ApprovalEvents.PhaseDecided> decided = events.readUntil(seen -> decisions(seen, flow).size() == 3,
                    Duration.ofSeconds(30)).stream().map(r -> EventJson.read(r.value()))
                    .filter(e -> e.type().equals(ApprovalEvents.PHASE_DECIDED.name()))
                    .map(e -> e.dataAs(ApprovalEvents.PHASE_DECIDED)).filter(d -> d.assessmentId().equals(flow.assessmentId)).toList();
            assertThat(decided).extracting(ApprovalEvents.PhaseDecided::outcome).containsExactly("RETURNED", "REJECTED", "APPROVED");
            assertThat(decided).extracting(ApprovalEvents.PhaseDecided::revision).containsExactly(1, 2, 3);
            assertThat(decided.get(2).contentHash()).isEqualTo(third.getString("contentHash"));
            assertThat(decided.get(2).by()).isEqualTo("rob");
        }
    }

    @Test
    void aDecisionNeverLandsOnAnotherRevision() {
        Flow flow = new Flow();
        flow.created();
        JsonPath first = caseOf(flow.submitted("1B", 1, List.of(), List.of(), 1));
        decide(reviewer(), first, Map.of("contentHash", "0".repeat(64), "outcome", "RETURNED", "reason", "x"))
                .statusCode(409).body("type", equalTo("urn:tomassure:problem:stale-revision"))
                .body("contentHash", equalTo(first.getString("contentHash")));
        // A resubmission supersedes the open case: deciding the old one is refused.
        JsonPath second = caseOf(flow.submitted("1B", 2, List.of(), List.of(), 1));
        reviewer().get("/api/v1/cases/" + first.getString("id")).then().body("state", equalTo("SUPERSEDED"));
        decide(reviewer(), first, Map.of("outcome", "RETURNED", "reason", "x")).statusCode(409)
                .body("type", equalTo("urn:tomassure:problem:case-closed"));
        decide(reviewer(), second, Map.of("contentHash", first.getString("contentHash"), "outcome", "RETURNED", "reason", "x"))
                .statusCode(409).body("type", equalTo("urn:tomassure:problem:stale-revision"));
    }

    @Test
    void onlyTheRightPartyDecides() {
        Flow flow = new Flow();
        flow.created();
        flow.deployed();
        JsonPath product = caseOf(flow.submitted("1A", 1, List.of(), List.of(), 1));
        JsonPath phase2 = caseOf(flow.submitted("2", 1, List.of(), List.of("SIRO"), 1));
        decide(flow.supplierUser(), product, approve1a("APPROVED")).statusCode(403);
        decide(flow.euoUser(), product, approve1a("APPROVED")).statusCode(403);
        decide(reviewer(), phase2, Map.of("outcome", "APPROVED", "declarationAccepted", true)).statusCode(403);
        decide(Flow.as("oz", Flow.code("E"), "euo"), phase2, Map.of("outcome", "APPROVED", "declarationAccepted", true))
                .statusCode(404);
        Flow.as("oz", Flow.code("S"), "supplier").get("/api/v1/cases/" + product.getString("id")).then().statusCode(404);
        decide(flow.euoUser(), phase2, Map.of("outcome", "APPROVED")).statusCode(400)
                .body("errors.field", contains("decision.declarationAccepted"));
        decide(flow.euoUser(), phase2, Map.of("outcome", "REJECTED", "reason", "no")).statusCode(400)
                .body("errors.field", contains("decision.outcome"));
        decide(flow.euoUser(), phase2, Map.of("outcome", "APPROVED", "declarationAccepted", true)).statusCode(200);
        flow.euoUser().get("/api/v1/cases/" + product.getString("id")).then().statusCode(200);
    }

    @Test
    void phase2ApprovalNeedsEveryNonConformanceAcceptedAndAReturnIsResubmitted() {
        Flow flow = new Flow();
        flow.created();
        flow.deployed();
        JsonPath first = caseOf(flow.submitted("2", 1, List.of("IG-02"), List.of("SIRO"), 1));
        decide(flow.euoUser(), first, Map.of("outcome", "RETURNED", "reason", "Topology to redo")).statusCode(200);
        JsonPath second = caseOf(flow.submitted("2", 2, List.of("IG-02", "TP-01"), List.of("SIRO"), 1));
        decide(flow.euoUser(), second, Map.of("outcome", "APPROVED", "declarationAccepted", true)).statusCode(409)
                .body("type", equalTo("urn:tomassure:problem:non-conformances-not-accepted"))
                .body("nonConformances", contains("IG-02", "TP-01"));
        for (String nc : List.of("IG-02", "TP-01")) {
            flow.euoUser().body(Map.of("comment", "Mitigated by manual checks")).post("/api/v1/deployments/" + flow.deploymentId
                    + "/non-conformances/" + nc + "/acceptance").then().statusCode(204);
        }
        flow.euoUser().body(Map.of("comment", "x")).post("/api/v1/deployments/" + flow.deploymentId
                + "/non-conformances/NOT-REPORTED/acceptance").then().statusCode(404);
        decide(flow.euoUser(), second, Map.of("outcome", "APPROVED", "declarationAccepted", true)).statusCode(200);
        reviewer().get("/api/v1/cases/" + first.getString("id")).then().body("decision.outcome", equalTo("RETURNED"));
    }

    @Test
    void aNonConformanceReportedOnlyByPhase2IsReviewedCentrallyAndOneProductGetsOneEscalation() {
        Flow flow = new Flow();
        flow.created();
        flow.deployed();
        caseOf(flow.submitted("2", 1, List.of("IG-02"), List.of("SIRO"), 4));
        reviewer().body(Map.of("review", "ACKNOWLEDGED", "comment", "Local control is acceptable"))
                .post("/api/v1/assessments/" + flow.assessmentId + "/non-conformances/IG-02/review").then().statusCode(204);

        String escalation = Flow.clinicalSafety().get("/api/v1/escalations").then().extract().jsonPath()
                .getString("find { it.assessmentId == '" + flow.assessmentId + "' }.id");
        Flow.clinicalSafety().body(Map.of("resolution", "Reviewed")).post("/api/v1/escalations/" + escalation + "/resolution")
                .then().statusCode(200);
        caseOf(flow.submitted("1B", 1, List.of(), List.of(), 4));
        assertThat(Flow.clinicalSafety().queryParam("open", false).get("/api/v1/escalations").then().extract().jsonPath()
                .getList("findAll { it.assessmentId == '" + flow.assessmentId + "' }")).hasSize(1);
        Flow.clinicalSafety().body(Map.of("resolution", "again")).post("/api/v1/escalations/" + escalation + "/resolution")
                .then().statusCode(409);
    }

    @Test
    void duplicateAndOutOfOrderSubmissionsChangeNothing() {
        Flow flow = new Flow();
        flow.created();
        UUID submission = UUID.randomUUID();
        EventEnvelope revision2 = EventEnvelope.of(io.tomassure.events.assessment.AssessmentEvents.PHASE_SUBMITTED,
                "assessment-service", flow.assessmentId.toString(), new io.tomassure.events.assessment.AssessmentEvents.PhaseSubmitted(
                        submission, flow.assessmentId, null, flow.supplier, null, flow.productId, "Flow product", "2.1", "1A", 2,
                        Flow.hash("1A", 2), new io.tomassure.events.assessment.AssessmentEvents.Completeness(1, 1, 100),
                        new io.tomassure.events.assessment.AssessmentEvents.NonConformanceSummary(0, 0, 0, 0, 0, List.of()),
                        1, List.of(), false, "PASS", "AUDIT", "sam", new io.tomassure.events.assessment.AssessmentEvents
                                .RevisionChanges(1, Flow.hash("1A", 1), "1.2", "1.4", List.of("6-Q12"), List.of("SI-01"),
                                        List.of(), List.of("LAL-001"), 30)));
        TopicReader.send(Topics.ASSESSMENT, revision2.subject(), EventJson.write(revision2), EventJson.write(revision2));
        JsonPath current = caseOf(submission);
        assertThat(current.getMap("sinceApproved")).as("the reviewer reads the delta").containsAllEntriesOf(Map.of(
                "approvedRevision", 1, "templateVersion", "1.4", "added", List.of("6-Q12"), "changed", List.of("SI-01"),
                "requirementChanged", List.of("LAL-001"), "unchanged", 30));
        // and what matters at a glance, as the revision was submitted
        assertThat(current.getMap("completeness")).isEqualTo(Map.of("answered", 1, "required", 1, "percent", 100));
        assertThat(current.getString("igOutcome")).isEqualTo("PASS");
        assertThat(current.getInt("nonConformanceRisk.total")).isZero();
        UUID late = flow.submitted("1A", 1, List.of(), List.of(), 1);
        JsonPath old = caseOf(late);

        assertThat(old.getString("state")).isEqualTo("SUPERSEDED");
        reviewer().queryParam("submission", submission).get("/api/v1/cases").then()
                .body("items.id", contains(current.getString("id")));
        reviewer().queryParam("submission", UUID.randomUUID()).get("/api/v1/cases").then().body("items", empty());
        reviewer().get("/api/v1/cases/" + current.getString("id")).then().body("state", equalTo("OPEN"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(reviewer().queryParam("limit", 200)
                .get("/api/v1/cases").then().extract().jsonPath()
                .getList("items.findAll { it.assessmentId == '" + flow.assessmentId + "' }.id")).hasSize(2));
        // the filters a client pages by: the assessment's cases, by phase and state
        reviewer().queryParam("assessment", flow.assessmentId).get("/api/v1/cases").then()
                .body("items.id", org.hamcrest.Matchers.containsInAnyOrder(current.getString("id"), old.getString("id")));
        reviewer().queryParam("assessment", flow.assessmentId).queryParam("state", "OPEN").queryParam("phase", "1A")
                .get("/api/v1/cases").then().body("items.id", contains(current.getString("id")));
        reviewer().queryParam("assessment", flow.assessmentId).queryParam("phase", "1B").get("/api/v1/cases").then()
                .body("items", empty());
    }

    private static List<EventEnvelope> decisions(List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> seen,
            Flow flow) {
        return seen.stream().map(r -> EventJson.read(r.value()))
                .filter(e -> e.type().equals(ApprovalEvents.PHASE_DECIDED.name()))
                .filter(e -> e.dataAs(ApprovalEvents.PHASE_DECIDED).assessmentId().equals(flow.assessmentId)).toList();
    }
}
