package io.tomassure.assessment.rest;

import static io.tomassure.assessment.rest.Tom.compliant;
import static io.tomassure.assessment.rest.Tom.nonConformant;
import static io.tomassure.assessment.rest.Tom.row;
import static io.tomassure.assessment.rest.Tom.section;
import static io.tomassure.assessment.rest.Tom.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
import io.tomassure.events.assessment.AssessmentEvents;
import io.tomassure.testing.TestDatabase;
import io.tomassure.testing.TomTestEnvironment;
import io.tomassure.testing.TopicReader;

/**
 * An assessment moves to its programme's next template version: every answer follows its row or is kept aside, the
 * answerers confirm what changed, and the next submission shows the reviewer the delta.
 */
@QuarkusTest
@WithTestResource(TomTestEnvironment.class)
class UpliftTest {

    /** Version 2.0 of the fixture's template: one row of each kind of change, the rest as in 1.0. */
    static Map<String, Object> nextVersion() {
        Map<String, Object> v1 = Tom.sampleTemplate("2.0");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> sections = (List<Map<String, Object>>) v1.get("sections");
        return Map.of("version", "2.0", "sections", sections.stream().map(s -> switch ((String) s.get("code")) {
            case "3" -> section("3", "End User Organisation", "USAGE_AND_SETTINGS",
                    row("US-01", "MUST", "ACTION", "EUO", List.of("1A"), Tom.ERS),
                    row("US-02", "SHOULD", "REQ", "SUPPLIER", List.of("1A"), Tom.ERS));
            case "4" -> section("4", "Topology", "TOPOLOGY", with(row("TP-01", "MUST", "ACTION", "EUO", List.of("1A"), Tom.ERS),
                    "guidance", "See the 2024 topology guide"));
            case "6" -> section("6", "IG and Security", "IG_SECURITY",
                    row("IG-01", "MUST", "REQ", "EUO", List.of("2"), List.of("Yes", "No")),
                    row("IG-02", "MUST", "REQ", "EUO", List.of("2"), Tom.IG));
            case "9" -> section("9", "API requirements", "API_REQUIREMENTS",
                    with(row("API-01", "MUST", "REQ", "SUPPLIER", List.of("1B"), Tom.ERS), "title",
                            "Requirement API-01 with professional roles"),
                    row("API-02", "MUST", "REQ", "SUPPLIER", List.of("1B"), Tom.ERS),
                    row("API-04", "MUST", "REQ", "SUPPLIER", List.of("1B"), Tom.ERS));
            default -> s;
        }).toList());
    }

    @Test
    void anUpliftCarriesEveryAnswerAndTheNextSubmissionShowsTheReviewerOnlyTheDelta() throws Exception {
        Tom tom = new Tom().setUp();
        String assessment = "/api/v1/assessments/" + tom.assessmentId;
        for (String id : List.of("SI-01", "API-01", "AR-01", "CS-01")) {
            tom.answer(tom::supplierUser, id, compliant()).statusCode(200);
        }
        tom.answer(tom::supplierUser, "API-02", compliant()).statusCode(200);
        tom.answer(tom::supplierUser, "API-03", nonConformant("Non-compliant", "AMBER")).statusCode(200);
        String evidence = tom.supplierUser().contentType("application/pdf").body("report".getBytes(StandardCharsets.UTF_8))
                .post(assessment + "/responses/API-01/evidence?name=report.pdf").then().statusCode(201).extract().path("id");
        String deployment = "/api/v1/deployments/" + tom.supplierUser().body(Map.of("assessmentId", tom.assessmentId,
                "euoOdsCode", tom.euo)).post("/api/v1/deployments").then().statusCode(201).extract().path("id");
        for (String id : List.of("US-01", "US-02", "TP-01")) {
            Tom.answerAt(tom::euoUser, deployment, id, compliant()).statusCode(200);
        }
        Tom.answerAt(tom::euoUser, deployment, "IG-02", Map.of("answer", "Yes")).statusCode(200);
        Tom.answerAt(tom::euoUser, deployment, "IG-01", Map.of("answer", "Other")).statusCode(200);

        // Phase 1B revision 1 is submitted; the programme publishes version 2.0 meanwhile.
        String first = tom.supplierUser().body(Map.of("phase", "1B")).post(assessment + "/submissions").then()
                .statusCode(201).extract().path("id");
        String v2 = publish(tom.programme, nextVersion());
        tom.supplierUser().get(assessment).then().body("templateVersion", equalTo("1.0"));

        // Refused, and nothing changes: under review, another programme, not newer, no If-Match.
        JsonPath before = tom.supplierUser().get(assessment + "/responses").then().extract().jsonPath();
        uplift(tom, assessment, v2, etag(tom, assessment)).statusCode(409)
                .body("type", equalTo("urn:tomassure:problem:phase-under-review"));
        Tom other = new Tom();
        Tom.admin().body(Map.of("code", other.programme, "name", "Other API")).post("/api/v1/programmes").then().statusCode(201);
        uplift(tom, assessment, publish(other.programme, Tom.sampleTemplate("9.0")), etag(tom, assessment)).statusCode(422)
                .body("type", equalTo("urn:tomassure:problem:uplift-other-programme"));
        uplift(tom, assessment, publish(tom.programme, Tom.sampleTemplate("0.9")), etag(tom, assessment)).statusCode(422)
                .body("type", equalTo("urn:tomassure:problem:uplift-not-newer"));
        uplift(tom, assessment, tom.templateId, etag(tom, assessment)).statusCode(422)
                .body("type", equalTo("urn:tomassure:problem:uplift-not-newer"));
        approve(tom, first, 1);
        uplift(tom, assessment, v2, null).statusCode(428);
        assertThat(tom.supplierUser().get(assessment + "/responses").then().extract().jsonPath().getList(""))
                .isEqualTo(before.getList(""));

        // The dry run reports and changes nothing; the uplift reports the same and moves the rows.
        JsonPath dry = tom.supplierUser().body(Map.of("templateId", v2)).post(assessment + "/uplift?dryRun=true").then()
                .statusCode(200).body("dryRun", equalTo(true)).extract().jsonPath();
        tom.supplierUser().get(assessment).then().body("templateVersion", equalTo("1.0"));
        JsonPath report = uplift(tom, assessment, v2, etag(tom, assessment)).statusCode(200).extract().jsonPath();
        assertThat(report.getMap("counts")).isEqualTo(dry.getMap("counts")).containsAllEntriesOf(Map.ofEntries(
                Map.entry("unchanged", 7), Map.entry("moved", 0), Map.entry("reworded", 1), Map.entry("guidanceChanged", 1),
                Map.entry("relevelled", 1), Map.entry("answersChanged", 1), Map.entry("partyChanged", 1),
                Map.entry("added", 1), Map.entry("removed", 1), Map.entry("answersCarried", 6),
                Map.entry("answersToReattest", 2), Map.entry("answersNotAllowed", 1), Map.entry("answersRetired", 2)));
        assertThat(report.getList("rows.id")).containsExactly("US-02", "TP-01", "IG-01", "API-01", "API-02", "API-04", null);
        assertThat(report.getList("rows.find { it.id == 'API-01' }.titleDiff.op")).containsExactly("SAME", "ADDED");
        assertThat(report.getMap("rows.find { it.id == 'API-02' }.level")).isEqualTo(Map.of("from", "SHOULD", "to", "MUST"));
        assertThat(report.getString("rows.find { it.previousId == 'API-03' }.answers[0].carry")).isEqualTo("RETIRED");
        assertThat(report.getString("rows.find { it.id == 'IG-01' }.answers[0].carry")).isEqualTo("NOT_ALLOWED");

        // The answers followed, with their evidence and non-conformances; the removed row's answer is kept aside.
        JsonPath responses = tom.supplierUser().get(assessment + "/responses").then().extract().jsonPath();
        assertThat(responses.getList("requirementId")).containsExactlyInAnyOrder("SI-01", "API-01", "API-02", "AR-01", "CS-01");
        assertThat(responses.getBoolean("find { it.requirementId == 'API-01' }.reattest")).isTrue();
        assertThat(responses.getString("find { it.requirementId == 'API-01' }.evidence[0].id")).isEqualTo(evidence);
        assertThat(retired(tom.assessmentId)).containsExactlyInAnyOrder("API-03", "US-02");
        tom.supplierUser().get(assessment).then().body("templateVersion", equalTo("2.0"));

        // The supplier confirms what changed and answers what is new; the reviewer then sees only the delta.
        List<String> missing = tom.supplierUser().body(Map.of("phase", "1B")).post(assessment + "/submissions").then()
                .statusCode(422).extract().jsonPath().getList("missing.requirementId");
        assertThat(missing).containsExactlyInAnyOrder("API-01", "API-02", "API-04");
        // the same list, asked for before submitting; and for someone else's assessment, nothing
        assertThat(tom.supplierUser().queryParam("phase", "1B").get(assessment + "/missing").then().statusCode(200)
                .extract().jsonPath().<String>getList("requirementId")).containsExactlyInAnyOrderElementsOf(missing);
        tom.supplierUser().get(assessment + "/missing").then().statusCode(400);
        tom.supplierUser().queryParam("phase", "2").get(assessment + "/missing").then().statusCode(400);
        tom.secondEuoUser().queryParam("phase", "1B").get(assessment + "/missing").then().statusCode(404);
        for (String id : missing) {
            tom.answer(tom::supplierUser, id, compliant()).statusCode(200).body("reattest", equalTo(false));
        }
        String second = tom.supplierUser().body(Map.of("phase", "1B")).post(assessment + "/submissions").then()
                .statusCode(201).extract().path("id");
        JsonPath delta = tom.supplierUser().get("/api/v1/submissions/" + second).then().extract().jsonPath();
        assertThat(delta.getMap("sinceApproved")).containsAllEntriesOf(Map.of("approvedRevision", 1,
                "approvedTemplateVersion", "1.0", "templateVersion", "2.0", "added", List.of("API-04"), "changed",
                List.of(), "removed", List.of("API-03"), "unchanged", 1));
        assertThat(delta.getList("sinceApproved.requirementChanged")).containsExactlyInAnyOrder("API-01", "API-02");
        // Row by row against the previous revision, as each froze it: the reviewer's diff.
        JsonPath changes = tom.supplierUser().get("/api/v1/submissions/" + second + "/changes").then().statusCode(200)
                .extract().jsonPath();
        assertThat(changes.getInt("previousRevision")).isEqualTo(1);
        assertThat(changes.getString("previousContentHash")).isEqualTo(delta.getString("sinceApproved.approvedContentHash"));
        assertThat(changes.getList("rows.requirementId")).containsExactly("API-01", "API-02", "API-03", "API-04");
        assertThat(changes.getString("rows.find { it.requirementId == 'API-04' }.change")).isEqualTo("ADDED");
        assertThat(changes.getString("rows.find { it.requirementId == 'API-04' }.before")).isNull();
        assertThat(changes.getString("rows.find { it.requirementId == 'API-03' }.change")).isEqualTo("REMOVED");
        assertThat(changes.getString("rows.find { it.requirementId == 'API-03' }.after")).isNull();
        assertThat(changes.getString("rows.find { it.requirementId == 'API-01' }.before.answer")).isNotNull();
        tom.supplierUser().get("/api/v1/submissions/" + first + "/changes").then().statusCode(204);
        tom.secondEuoUser().get("/api/v1/submissions/" + second + "/changes").then().statusCode(404);

        // The approved revision stays as it was, bound to its hash.
        JsonPath approved = tom.supplierUser().get("/api/v1/submissions/" + first).then().extract().jsonPath();
        assertThat(JourneyTest.sha256(approved.getString("canonicalContent").getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(approved.getString("submission.contentHash"));
        assertThat(approved.getString("content.templateVersion")).isEqualTo("1.0");
        assertThat(approved.getList("content.rows.requirementId")).contains("API-03");

        // The deployment follows: its answer no longer allowed is to be changed; its EUO sees the uplift.
        tom.euoUser().post(deployment + "/submissions").then().statusCode(422)
                .body("missing.requirementId", equalTo(List.of("IG-01")));
        tom.euoUser().get(assessment + "/uplifts").then().statusCode(200).body("size()", equalTo(1))
                .body("[0].to.version", equalTo("2.0"));
        tom.secondEuoUser().get(assessment + "/uplifts").then().statusCode(404);

        try (TopicReader events = new TopicReader(Topics.ASSESSMENT)) {
            java.util.function.Predicate<EventEnvelope> ours = e -> e.type().equals(AssessmentEvents.UPLIFTED.name())
                    && e.subject().equals(tom.assessmentId);
            EventEnvelope uplifted = JourneyTest.read(events, ours, tom).stream().filter(ours).findFirst().orElseThrow();
            AssessmentEvents.AssessmentUplifted data = uplifted.dataAs(AssessmentEvents.UPLIFTED);
            assertThat(data.euoOds()).containsExactly(tom.euo);
            assertThat(data.counts().answersRetired()).isEqualTo(2);
            // the fate of each of the product's answers that did not simply stay on its row, so that the audit log
            // alone can replay the uplift; the deployments' answers are not told to every deploying organisation
            assertThat(data.answers()).extracting(a -> a.deploymentId() + " " + a.fromRequirementId() + " -> "
                    + a.toRequirementId() + " " + a.fate()).containsExactlyInAnyOrder("null API-03 -> null RETIRED",
                            "null API-01 -> API-01 REATTEST", "null API-02 -> API-02 REATTEST");
            assertThat(data.fromVersion() + " -> " + data.toVersion()).isEqualTo("1.0 -> 2.0");
        }
    }

    static String publish(String programme, Map<String, Object> definition) {
        String id = Tom.admin().body(definition).post("/api/v1/programmes/" + programme + "/templates").then()
                .statusCode(201).extract().path("id");
        Tom.admin().post("/api/v1/templates/" + id + "/publish").then().statusCode(200);
        return id;
    }

    static io.restassured.response.ValidatableResponse uplift(Tom tom, String assessment, String template, String etag) {
        var request = tom.supplierUser().body(Map.of("templateId", template));
        return (etag == null ? request : request.header("If-Match", etag)).post(assessment + "/uplift").then();
    }

    static String etag(Tom tom, String assessment) {
        return tom.supplierUser().get(assessment).then().extract().header("ETag");
    }

    /** Approves Phase 1B's revision as approval-service would, and waits for the assessment to show it. */
    static void approve(Tom tom, String submissionId, int revision) {
        EventEnvelope approved = EventEnvelope.of(ApprovalEvents.PHASE_DECIDED, "approval-service",
                UUID.randomUUID().toString(), new ApprovalEvents.PhaseDecided(UUID.randomUUID(),
                        UUID.fromString(submissionId), UUID.fromString(tom.assessmentId), null, tom.supplier, null, "1B",
                        revision, "hash", "APPROVED", null, "rob"));
        TopicReader.send(ApprovalEvents.PHASE_DECIDED.topic(), approved.subject(), EventJson.write(approved));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> tom.supplierUser().get("/api/v1/assessments/"
                + tom.assessmentId).then().body("phases.'1B'.state", equalTo("APPROVED")));
    }

    /** The requirement ids of the assessment's answers set aside by an uplift. */
    static List<String> retired(String assessmentId) throws Exception {
        try (Connection connection = TestDatabase.connect(); PreparedStatement query = connection.prepareStatement(
                "select requirement_ref from response where assessment_id = ?::uuid and retired_by is not null")) {
            query.setString(1, assessmentId);
            List<String> ids = new java.util.ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }
}
