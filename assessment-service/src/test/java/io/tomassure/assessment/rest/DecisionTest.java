package io.tomassure.assessment.rest;

import static io.tomassure.assessment.rest.Tom.compliant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tomassure.events.EventEnvelope;
import io.tomassure.events.EventJson;
import io.tomassure.events.approval.ApprovalEvents;
import io.tomassure.testing.TestDatabase;
import io.tomassure.testing.TomTestEnvironment;
import io.tomassure.testing.TopicReader;

/** Decisions arrive from approval-service as events: each phase shows its status; stale ones change nothing. */
@QuarkusTest
@WithTestResource(TomTestEnvironment.class)
class DecisionTest {

    @Test
    void aReturnedPhaseIsEditableAgainAndAStaleOrRepeatedDecisionChangesNothing() throws Exception {
        Tom tom = new Tom().setUp();
        String assessment = "/api/v1/assessments/" + tom.assessmentId;
        tom.answer(tom::supplierUser, "SI-01", compliant()).statusCode(200);
        String submissionId = tom.supplierUser().body(Map.of("phase", "1A")).post(assessment + "/submissions")
                .then().statusCode(201).extract().path("id");
        tom.answer(tom::supplierUser, "SI-01", Map.of("answer", "N/A")).statusCode(409);

        // A decision about a revision that is not the latest (0) is ignored, however often it comes.
        EventEnvelope stale = decision(tom, submissionId, 0, "APPROVED");
        TopicReader.send(ApprovalEvents.PHASE_DECIDED.topic(), stale.subject(), EventJson.write(stale), EventJson.write(stale));
        EventEnvelope returned = decision(tom, submissionId, 1, "RETURNED");
        TopicReader.send(ApprovalEvents.PHASE_DECIDED.topic(), returned.subject(), EventJson.write(returned));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> tom.supplierUser().get(assessment).then()
                .body("phases.'1A'.state", equalTo("RETURNED")).body("phases.'1A'.reason", equalTo("Please clarify")));
        tom.answer(tom::supplierUser, "SI-01", Map.of("answer", "N/A")).statusCode(200);
        setImpact(tom, assessment).statusCode(200); // a return releases the product facts too

        // Resubmitted as revision 2; the old revision's approval (redelivered) must not approve it.
        tom.supplierUser().body(Map.of("phase", "1A")).post(assessment + "/submissions").then().statusCode(201)
                .body("revision", equalTo(2));
        EventEnvelope late = decision(tom, submissionId, 1, "APPROVED");
        TopicReader.send(ApprovalEvents.PHASE_DECIDED.topic(), late.subject(), EventJson.write(late), EventJson.write(returned));
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(late) == 1);
        tom.supplierUser().get(assessment).then().body("phases.'1A'.state", equalTo("SUBMITTED"))
                .body("phases.'1A'.revision", equalTo(2));
        assertThat(processed(returned)).as("a redelivered event is recorded once").isEqualTo(1);
        assertThat(processed(stale)).isEqualTo(1);

        String submitted = tom.supplierUser().get(assessment).then().extract().header("ETag");
        EventEnvelope approved = decision(tom, submissionId, 2, "APPROVED");
        TopicReader.send(ApprovalEvents.PHASE_DECIDED.topic(), approved.subject(), EventJson.write(approved));
        // A client revalidating its copy sees the decision: the phase state moves the ETag.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> tom.supplierUser().header("If-None-Match", submitted)
                .get(assessment).then().statusCode(200)
                .body("phases.'1A'.state", equalTo("APPROVED")).body("phases.'1A'.revision", equalTo(2)));
        // Approved, the facts stay as approved: dropping medicalDevice now would drop later deployments' sign-offs.
        setImpact(tom, assessment).statusCode(409).body("type", equalTo("urn:tomassure:problem:facts-locked"))
                .body("detail", org.hamcrest.Matchers.containsString("approved"));
    }

    private static io.restassured.response.ValidatableResponse setImpact(Tom tom, String assessment) {
        String etag = tom.supplierUser().get(assessment).then().extract().header("ETag");
        return tom.supplierUser().header("If-Match", etag).body(Map.of("medicalDevice", false, "updatesSpine", true,
                "clinicalSafetyRelated", false, "changesLocalSystems", false)).put(assessment + "/impact").then();
    }

    private static long processed(EventEnvelope event) throws Exception {
        try (Connection connection = TestDatabase.connect(); PreparedStatement query = connection.prepareStatement(
                "select count(*) from processed_event where event_id = ?")) {
            query.setObject(1, event.id());
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static EventEnvelope decision(Tom tom, String submissionId, int revision, String outcome) {
        return EventEnvelope.of(ApprovalEvents.PHASE_DECIDED, "approval-service", UUID.randomUUID().toString(),
                new ApprovalEvents.PhaseDecided(UUID.randomUUID(), UUID.fromString(submissionId), UUID.fromString(tom.assessmentId),
                        null, tom.supplier, null, "1A", revision, "hash", outcome, "Please clarify", "rob"));
    }
}
