package io.tomassure.assessment.rest;

import static io.tomassure.assessment.rest.Tom.compliant;
import static io.tomassure.assessment.rest.Tom.nonConformant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tomassure.events.EventEnvelope;
import io.tomassure.events.EventJson;
import io.tomassure.events.Topics;
import io.tomassure.events.assessment.AssessmentEvents;
import io.tomassure.testing.TomTestEnvironment;
import io.tomassure.testing.TopicReader;

/** A whole product through the TOM, against real PostgreSQL and Kafka, with the events it must emit. */
@QuarkusTest
@WithTestResource(TomTestEnvironment.class)
class JourneyTest {

    @Test
    void aProductGoesFromTemplateToPhase2WithEveryEventPublished() throws Exception {
        try (TopicReader events = new TopicReader(Topics.ASSESSMENT)) {
            Tom tom = new Tom().setUp();
            String assessment = "/api/v1/assessments/" + tom.assessmentId;

            // Product facts: updates Spine -> clinical-safety level 4, an escalation.
            String etag = tom.supplierUser().get(assessment).then().statusCode(200).extract().header("ETag");
            tom.supplierUser().header("If-Match", etag)
                    .body(Map.of("medicalDevice", false, "updatesSpine", true, "clinicalSafetyRelated", true, "changesLocalSystems", false))
                    .put(assessment + "/impact").then().statusCode(200)
                    .body("derived.clinicalSafetyLevel", equalTo(4)).body("derived.escalationRequired", equalTo(true));

            // Answers, evidence, a non-conformance left undetailed.
            tom.answer(tom::supplierUser, "SI-01", compliant()).statusCode(200).body("compliance", equalTo("COMPLIANT"));
            tom.answer(tom::supplierUser, "API-01", compliant()).statusCode(200).body("evidence", hasSize(0));
            byte[] file = "conformance test report".getBytes(StandardCharsets.UTF_8);
            tom.supplierUser().contentType("application/pdf").body(file)
                    .post(assessment + "/responses/API-01/evidence?name=report.pdf").then().statusCode(201)
                    .body("sha256", equalTo(sha256(file))).body("size", equalTo(file.length));
            tom.answer(tom::supplierUser, "API-01", compliant()).statusCode(200) // answered again: its evidence stays
                    .body("evidence.name", contains("report.pdf")).body("evidence.sha256", contains(sha256(file)));
            tom.answer(tom::supplierUser, "API-02", Map.of("answer", "semi-compliant")).statusCode(200)
                    .body("answer", equalTo("Semi-compliant"));

            // 1B refused with the list of what is missing.
            tom.supplierUser().body(Map.of("phase", "1B")).post(assessment + "/submissions").then().statusCode(422)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:tomassure:problem:submission-incomplete"))
                    .body("missing.requirementId", contains("API-02", "API-03"))
                    .body("missing.problem", contains("non-conformance without detail, mitigation, risk", "not answered"));

            tom.answer(tom::supplierUser, "API-02", nonConformant("Semi-compliant", "AMBER")).statusCode(200);
            tom.answer(tom::supplierUser, "API-03", nonConformant("Non-compliant", "RED")).statusCode(200);
            tom.supplierUser().get(assessment + "/non-conformances").then().statusCode(200)
                    .body("requirementId", contains("API-02", "API-03")).body("risk", contains("AMBER", "RED"))
                    .body("missingDetails.flatten()", hasSize(0));

            // 1A and 1B submitted: immutable revisions, routed for approval (a MUST row is non-compliant).
            String sub1a = tom.supplierUser().body(Map.of("phase", "1A")).post(assessment + "/submissions").then()
                    .statusCode(201).body("revision", equalTo(1)).extract().path("id");
            String sub1b = tom.supplierUser().body(Map.of("phase", "1b")).post(assessment + "/submissions").then()
                    .statusCode(201).body("revision", equalTo(1)).body("route", equalTo("APPROVAL")).extract().path("id");
            tom.supplierUser().get(assessment).then().body("phases.'1A'.state", equalTo("SUBMITTED"))
                    .body("phases.'1B'.state", equalTo("SUBMITTED"));
            var revision = tom.supplierUser().get("/api/v1/submissions/" + sub1b).then().statusCode(200).extract().jsonPath();
            assertThat(sha256(revision.getString("canonicalContent").getBytes(StandardCharsets.UTF_8)))
                    .isEqualTo(revision.getString("submission.contentHash"));
            assertThat(revision.getList("content.rows.requirementId")).as("the answered rows of Phase 1B, by id")
                    .containsExactly("API-01", "API-02", "API-03", "SI-01");
            assertThat(revision.getList("content.rows.find { it.requirementId == 'API-01' }.evidence.sha256"))
                    .containsExactly(sha256(file));

            // Rows under review are locked; a second submission of the same phase waits for the decision.
            tom.answer(tom::supplierUser, "API-01", compliant()).statusCode(409)
                    .body("type", equalTo("urn:tomassure:problem:phase-under-review"));
            tom.supplierUser().body(Map.of("phase", "1B")).post(assessment + "/submissions").then().statusCode(409);
            // So are the product facts, which decide every deployment's sign-offs and joined the revision's hash.
            String assessmentTag = tom.supplierUser().get(assessment).then().extract().header("ETag");
            tom.supplierUser().header("If-Match", assessmentTag).body(Map.of("medicalDevice", false, "updatesSpine", false,
                    "clinicalSafetyRelated", false, "changesLocalSystems", false)).put(assessment + "/impact").then()
                    .statusCode(409).body("type", equalTo("urn:tomassure:problem:facts-locked"));
            assertThat(revision.getMap("content.impact")).isNotEmpty();

            // The first deployment: first of type; outstanding = the EUO's rows and the supplier's Phase 2 rows.
            Map<String, Object> context = Map.of("topology", "Hosted by the trust",
                    "endpoints", List.of("https://ers.trust.example/api"), "affectsOtherOrganisations", false);
            tom.supplierUser().body(Map.of("assessmentId", tom.assessmentId, "euoOdsCode", tom.euo, "context", context))
                    .post("/api/v1/deployments").then().statusCode(400).body("errors[0].field", equalTo("context"));
            var created = tom.supplierUser().body(Map.of("assessmentId", tom.assessmentId, "euoOdsCode", tom.euo))
                    .post("/api/v1/deployments").then().statusCode(201)
                    .body("firstOfType", equalTo(true))
                    .body("outstanding.requirementId", containsInAnyOrder("US-01", "US-02", "TP-01", "AR-01", "IG-01", "IG-02", "CS-01"))
                    .extract();
            String deploymentId = created.path("id");
            String deployment = "/api/v1/deployments/" + deploymentId;
            // The local context is the EUO's to give.
            tom.euoUser().header("If-Match", created.header("ETag")).body(context).put(deployment + "/context").then()
                    .statusCode(200).body("context.topology", equalTo("Hosted by the trust"));

            // Phase 2 runs in parallel with 1A/1B under review: the supplier's Phase 2 rows are not locked.
            tom.answer(tom::supplierUser, "AR-01", compliant()).statusCode(200);
            tom.answer(tom::supplierUser, "CS-01", compliant()).statusCode(200);
            for (String row : List.of("US-01", "US-02", "TP-01")) {
                Tom.answerAt(tom::euoUser, deployment, row, compliant()).statusCode(200);
            }
            Tom.answerAt(tom::euoUser, deployment, "IG-01", Map.of("answer", "Yes")).statusCode(200);
            Tom.answerAt(tom::euoUser, deployment, "IG-02", Map.of("answer", "Other")).statusCode(200);
            tom.euoUser().get(deployment).then().statusCode(200).body("outstanding", hasSize(0))
                    .body("derived.ig", equalTo("CHECK"))
                    .body("derived.requiredSignOffs", hasItem("SIRO_RISK_ASSESSMENT"))
                    .body("derived.requiredSignOffs", hasItem("CSG"));

            String sub2 = tom.euoUser().post(deployment + "/submissions").then().statusCode(201)
                    .body("phase", equalTo("2")).body("revision", equalTo(1)).extract().path("id");
            tom.euoUser().header("If-Match", tom.euoUser().get(deployment).then().extract().header("ETag"))
                    .body(Map.of("topology", "Moved to the cloud", "affectsOtherOrganisations", true))
                    .put(deployment + "/context").then().statusCode(409).body("type", equalTo("urn:tomassure:problem:facts-locked"));

            // A second deployment reuses the product's answers: only the EUO's own rows are outstanding.
            String second = tom.supplierUser().body(Map.of("assessmentId", tom.assessmentId, "euoOdsCode", tom.secondEuo))
                    .post("/api/v1/deployments").then().statusCode(201)
                    .body("firstOfType", equalTo(false)).body("reusesAssessedProduct", equalTo(true))
                    .body("outstanding.requirementId", containsInAnyOrder("US-01", "US-02", "TP-01", "IG-01", "IG-02"))
                    .extract().path("id");

            // The events, as another service reads them from the broker.
            List<EventEnvelope> published = read(events, e -> e.type().equals(AssessmentEvents.DEPLOYMENT_CREATED.name())
                    && e.subject().equals(second), tom);
            assertThat(published).extracting(EventEnvelope::type).contains(
                    "tom.assessment.created", "tom.assessment.updated", "tom.assessment.non-conformance-reported",
                    "tom.assessment.phase-submitted", "tom.assessment.deployment-created");
            // Each change states the part as it stands after it: what a replay of the audit log folds.
            List<AssessmentEvents.AssessmentUpdated> updates = published.stream()
                    .filter(e -> e.type().equals(AssessmentEvents.UPDATED.name()))
                    .map(e -> e.dataAs(AssessmentEvents.UPDATED)).toList();
            assertThat(updates).filteredOn(u -> u.part().equals("impact")).extracting(AssessmentEvents.AssessmentUpdated::impact)
                    .containsExactly(new AssessmentEvents.ProductFacts(false, true, true, false));
            assertThat(updates).filteredOn(u -> u.part().equals("response") && "API-02".equals(u.requirementId()))
                    .extracting(AssessmentEvents.AssessmentUpdated::response).last()
                    .isEqualTo(new AssessmentEvents.ResponseStated("Semi-compliant", null, "partially there", null,
                            "Not all cases handled", "Manual workaround until 2.2", "AMBER", false));
            List<AssessmentEvents.PhaseSubmitted> submitted = published.stream()
                    .filter(e -> e.type().equals(AssessmentEvents.PHASE_SUBMITTED.name()))
                    .map(e -> e.dataAs(AssessmentEvents.PHASE_SUBMITTED)).toList();
            assertThat(submitted).extracting(AssessmentEvents.PhaseSubmitted::phase).containsExactly("1A", "1B", "2");
            AssessmentEvents.PhaseSubmitted phase1b = submitted.get(1);
            assertThat(phase1b.submissionId().toString()).isEqualTo(sub1b);
            assertThat(phase1b.contentHash()).isEqualTo(revision.getString("submission.contentHash"));
            assertThat(phase1b.completeness()).isEqualTo(new AssessmentEvents.Completeness(4, 4, 100));
            assertThat(phase1b.nonConformances().requirementIds()).containsExactly("API-02", "API-03");
            assertThat(phase1b.nonConformances().red()).isEqualTo(1);
            assertThat(phase1b.nonConformances().mustNonCompliant()).isEqualTo(1);
            assertThat(phase1b.route()).isEqualTo("APPROVAL");
            assertThat(phase1b.clinicalSafetyLevel()).isEqualTo(4);
            assertThat(phase1b.escalationRequired()).isTrue();
            assertThat(submitted.get(0).submissionId().toString()).isEqualTo(sub1a);
            AssessmentEvents.PhaseSubmitted phase2 = submitted.get(2);
            assertThat(phase2.submissionId().toString()).isEqualTo(sub2);
            assertThat(phase2.deploymentId().toString()).isEqualTo(deploymentId);
            assertThat(phase2.euoOds()).isEqualTo(tom.euo);
            assertThat(phase2.igOutcome()).isEqualTo("CHECK");
            assertThat(phase2.requiredSignOffs()).contains("SIRO", "SIRO_RISK_ASSESSMENT", "LOCAL_CSO", "CSG");
            assertThat(published.stream().filter(e -> e.type().equals(AssessmentEvents.NON_CONFORMANCE_REPORTED.name()))
                    .map(e -> e.dataAs(AssessmentEvents.NON_CONFORMANCE_REPORTED).requirementId())).contains("API-02", "API-03");
            assertThat(published.stream().filter(e -> e.type().equals(AssessmentEvents.DEPLOYMENT_CREATED.name()))
                    .map(e -> e.dataAs(AssessmentEvents.DEPLOYMENT_CREATED).firstOfType())).containsExactly(true, false);
        }
    }

    /** The events about this fixture's assessment and deployments, until {@code last} has been seen. */
    static List<EventEnvelope> read(TopicReader reader, Predicate<EventEnvelope> last, Tom tom) {
        List<ConsumerRecord<String, String>> records = reader.readUntil(
                seen -> seen.stream().map(r -> EventJson.read(r.value())).anyMatch(last), Duration.ofSeconds(30));
        return records.stream().map(r -> EventJson.read(r.value()))
                .filter(e -> e.data() != null && e.data().toString().contains(tom.supplier)).toList();
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
