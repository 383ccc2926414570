package io.tomassure.approval.rest;

import static io.tomassure.approval.rest.Flow.approve1a;
import static io.tomassure.approval.rest.Flow.caseOf;
import static io.tomassure.approval.rest.Flow.clinicalSafety;
import static io.tomassure.approval.rest.Flow.decide;
import static io.tomassure.approval.rest.Flow.reviewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tomassure.approval.service.Gates;
import io.tomassure.events.EventEnvelope;
import io.tomassure.events.EventJson;
import io.tomassure.events.Topics;
import io.tomassure.events.approval.ApprovalEvents;
import io.tomassure.testing.TomTestEnvironment;
import io.tomassure.testing.TopicReader;

/**
 * The go-live gate against real PostgreSQL and Kafka: Phase 2 approved first, in parallel, blocks until 1A and
 * 1B and every other condition hold; then it opens at once, whatever the order; suspension and expiry close it.
 */
@QuarkusTest
@WithTestResource(TomTestEnvironment.class)
class GateTest {

    @Inject
    MovableTimeSource clock;
    @Inject
    Gates gates;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void phase2ApprovedFirstKeepsGoLiveBlockedUntilEverythingHoldsThenItOpensOnce() {
        Flow flow = new Flow();
        String deployment = "/api/v1/deployments/" + flow.deploymentId;
        try (TopicReader events = new TopicReader(Topics.APPROVAL)) {
            // Phase 2 is submitted and approved before 1A and 1B are even submitted; the events arrive out of order.
            flow.deployed();
            JsonPath phase2 = caseOf(flow.submitted("2", 1, List.of("API-03"), List.of("SIRO", "CSG"), 4));
            flow.created();
            flow.euoUser().body(Map.of("comment", "Manual fallback")).post(deployment + "/non-conformances/API-03/acceptance")
                    .then().statusCode(204);
            decide(flow.euoUser(), phase2, Map.of("outcome", "APPROVED", "declarationAccepted", true)).statusCode(200);

            JsonPath blocked = flow.readiness(flow.euoUser());
            assertThat(blocked.getBoolean("open")).isFalse();
            assertThat(blocked.getList("blockers", String.class)).contains(
                    "Phase 1A (usage and settings) is not submitted, not approved",
                    "Phase 1B (technical conformance) is not submitted, not approved",
                    "No conformance certificate",
                    "Non-conformance API-03 is not yet reviewed by NHS Digital",
                    "Connection Agreement not signed", "End User Policy not signed",
                    "Sign-off not recorded: CSG", "Sign-off not recorded: SIRO",
                    "Escalation not resolved: clinical-safety level 4 referred to the Clinical Safety Group");
            assertThat(blocked.getBoolean("checks.find { it.name == 'PHASE_2' }.met")).isTrue();
            flow.euoUser().post(deployment + "/go-live").then().statusCode(409).contentType("application/problem+json")
                    .body("type", equalTo("urn:tomassure:problem:go-live-blocked"))
                    .body("blockers", hasItem("Connection Agreement not signed"));

            // NHS Digital decides 1A (with a DSA condition) and 1B (certificate for 2.1).
            JsonPath phase1a = caseOf(flow.submitted("1A", 1, List.of(), List.of(), 1));
            decide(reviewer(), phase1a, approve1a("APPROVED_DSA_REQUIRED")).statusCode(200);
            JsonPath phase1b = caseOf(flow.submitted("1B", 1, List.of("API-03"), List.of(), 4));
            decide(reviewer(), phase1b, Map.of("outcome", "APPROVED", "certificateNumber", certificate())).statusCode(200);

            // Everything else, by the party whose signature it is.
            String condition = reviewer().get("/api/v1/cases/" + phase1a.getString("id")).then().extract().path("conditions[0].id");
            reviewer().body(Map.of("evidence", "DSA ref 2026/118 countersigned")).post("/api/v1/conditions/" + condition + "/discharge")
                    .then().statusCode(200).body("dischargedBy", equalTo("rob"));
            reviewer().body(Map.of("review", "ACKNOWLEDGED", "comment", "Acceptable with the fallback"))
                    .post("/api/v1/assessments/" + flow.assessmentId + "/non-conformances/API-03/review").then().statusCode(204);
            flow.supplierUser().body(flow.agreement("CONNECTION_AGREEMENT", null)).post("/api/v1/products/" + flow.productId + "/agreements")
                    .then().statusCode(201);
            flow.euoUser().body(flow.agreement("END_USER_POLICY", LocalDate.now().plusDays(30).toString()))
                    .post(deployment + "/agreements").then().statusCode(201);
            flow.euoUser().body(flow.agreement("DSA", null)).post(deployment + "/agreements").then().statusCode(201);
            flow.euoUser().body(Map.of("kind", "SIRO")).post(deployment + "/sign-offs").then().statusCode(204);
            flow.euoUser().body(Map.of("kind", "CSG")).post(deployment + "/sign-offs").then().statusCode(403);
            clinicalSafety().body(Map.of("kind", "CSG")).post(deployment + "/sign-offs").then().statusCode(204);
            assertThat(flow.readiness(flow.euoUser()).getList("blockers", String.class))
                    .containsExactly("Escalation not resolved: clinical-safety level 4 referred to the Clinical Safety Group");

            List<String> escalations = clinicalSafety().get("/api/v1/escalations").then().statusCode(200).extract()
                    .jsonPath().getList("findAll { it.assessmentId == '" + flow.assessmentId + "' }.id");
            assertThat(escalations).isNotEmpty();
            for (String escalation : escalations) {
                clinicalSafety().body(Map.of("resolution", "CSG reviewed the hazard log")).post("/api/v1/escalations/"
                        + escalation + "/resolution").then().statusCode(200);
            }

            JsonPath ready = flow.readiness(flow.euoUser());
            assertThat(ready.getList("blockers")).isEmpty();
            assertThat(ready.getBoolean("open")).isTrue();
            flow.euoUser().post(deployment + "/go-live").then().statusCode(200).body("live", equalTo(true));

            List<String> gateEvents = gateEvents(events, flow, ApprovalEvents.DEPLOYMENT_LIVE.name());
            assertThat(gateEvents).containsExactly(ApprovalEvents.GO_LIVE_READY.name(), ApprovalEvents.DEPLOYMENT_LIVE.name());

            // Suspension closes the gate; lifting it opens it again.
            reviewer().body(Map.of("reason", "Security incident")).put(deployment + "/suspension").then().statusCode(200)
                    .body("open", equalTo(false)).body("blockers", hasItem("Suspended by NHS Digital"));
            reviewer().delete(deployment + "/suspension").then().statusCode(200).body("open", equalTo(true));

            // Evidence the template requires goes out of date (the programme shortened its maximum age): the gate
            // closes; fresh evidence opens it again.
            flow.evidence("IG-02", false, null, "its Data Security and Protection Toolkit assessment went out of date on "
                    + LocalDate.now() + ": attach a current one");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(flow.readiness(flow.euoUser())
                    .getList("blockers", String.class)).containsExactly("Evidence for row IG-02 not in date: its Data "
                            + "Security and Protection Toolkit assessment went out of date on " + LocalDate.now()
                            + ": attach a current one"));
            flow.evidence("IG-02", true, LocalDate.now().plusDays(60), null);
            await().atMost(Duration.ofSeconds(30)).until(() -> flow.readiness(flow.euoUser()).getBoolean("open"));

            // The End User Policy expires: the periodic re-check closes the gate again.
            clock.moveBy(Duration.ofDays(40));
            gates.recheckOpenGates();
            assertThat(flow.readiness(flow.euoUser()).getList("blockers", String.class)).singleElement()
                    .asString().startsWith("End User Policy expired on");
            assertThat(gateEvents(events, flow, null)).containsExactly(ApprovalEvents.GO_LIVE_READY.name(),
                    ApprovalEvents.DEPLOYMENT_LIVE.name(), ApprovalEvents.DEPLOYMENT_SUSPENDED.name(),
                    ApprovalEvents.GO_LIVE_BLOCKED.name(), ApprovalEvents.DEPLOYMENT_SUSPENDED.name(),
                    ApprovalEvents.GO_LIVE_READY.name(), ApprovalEvents.GO_LIVE_BLOCKED.name(),
                    ApprovalEvents.GO_LIVE_READY.name(), ApprovalEvents.GO_LIVE_BLOCKED.name());

            // Every decision, signature and review went out through the outbox too.
            List<String> all = events.readFor(Duration.ofMillis(500)).stream().map(r -> EventJson.read(r.value()))
                    .filter(e -> e.data().toString().contains(flow.assessmentId.toString())
                            || e.data().toString().contains(flow.deploymentId.toString())
                            || e.data().toString().contains(flow.productId.toString()))
                    .map(EventEnvelope::type).distinct().toList();
            assertThat(all).contains(ApprovalEvents.CASE_OPENED.name(), ApprovalEvents.PHASE_DECIDED.name(),
                    ApprovalEvents.CONDITION_DISCHARGED.name(), ApprovalEvents.NON_CONFORMANCE_REVIEWED.name(),
                    ApprovalEvents.RISK_ACCEPTED.name(), ApprovalEvents.AGREEMENT_SIGNED.name(),
                    ApprovalEvents.SIGN_OFF_RECORDED.name(), ApprovalEvents.ESCALATION_RAISED.name(),
                    ApprovalEvents.ESCALATION_RESOLVED.name());
        }
    }

    @Test
    void theCertificateCountsForItsVersionAndAgreementsAreSignedByTheirParty() {
        Flow flow = new Flow();
        flow.created();
        flow.deployed();
        JsonPath phase1b = caseOf(flow.submitted("1B", 1, List.of(), List.of(), 1));
        decide(reviewer(), phase1b, Map.of("outcome", "APPROVED", "certificateNumber", certificate())).statusCode(200);
        assertThat(flow.readiness(reviewer()).getBoolean("checks.find { it.name == 'CERTIFICATE' }.met")).isTrue();
        // Suppliers sign for their product, EUOs for their deployment; an agreement cannot end before it starts.
        flow.supplierUser().body(flow.agreement("END_USER_POLICY", null)).post("/api/v1/products/" + flow.productId + "/agreements")
                .then().statusCode(400).body("errors[0].field", equalTo("kind"));
        flow.euoUser().body(flow.agreement("CONNECTION_AGREEMENT", null)).post("/api/v1/deployments/" + flow.deploymentId + "/agreements")
                .then().statusCode(400);
        String deploymentAgreements = "/api/v1/deployments/" + flow.deploymentId + "/agreements";
        flow.euoUser().body(flow.agreement("END_USER_POLICY", LocalDate.now().minusMonths(2).toString()))
                .post(deploymentAgreements).then().statusCode(400).body("errors[0].field", equalTo("expiresOn"));
        // No open-ended agreement, none beyond its longest term (3 years here), none signed in the future or expired.
        LocalDate today = LocalDate.now();
        for (Map<String, Object> bad : List.of(flow.agreement("END_USER_POLICY", today.toString(), null),
                flow.agreement("END_USER_POLICY", today.toString(), today.plusYears(3).plusDays(1).toString()),
                flow.agreement("END_USER_POLICY", today.minusYears(4).toString(), today.minusYears(1).toString()),
                flow.agreement("END_USER_POLICY", today.plusDays(1).toString(), today.plusYears(1).toString()))) {
            flow.euoUser().body(bad).post(deploymentAgreements).then().statusCode(400).contentType("application/problem+json");
        }
        flow.euoUser().body(flow.agreement("END_USER_POLICY", today.toString(), today.plusYears(3).toString()))
                .post(deploymentAgreements).then().statusCode(201);
    }

    private static String certificate() {
        return "IAC-" + (1000 + (int) (Math.random() * 8999)) + "-" + (10_000_000 + (int) (Math.random() * 89_999_999));
    }

    /** The gate's own events for this deployment, in order, once {@code last} (if given) has arrived. */
    private static List<String> gateEvents(TopicReader events, Flow flow, String last) {
        List<String> kinds = List.of(ApprovalEvents.GO_LIVE_READY.name(), ApprovalEvents.GO_LIVE_BLOCKED.name(),
                ApprovalEvents.DEPLOYMENT_LIVE.name(), ApprovalEvents.DEPLOYMENT_SUSPENDED.name());
        List<ConsumerRecord<String, String>> records = last == null ? events.readFor(Duration.ofSeconds(2))
                : events.readUntil(seen -> seen.stream().anyMatch(r -> r.key().equals(flow.deploymentId.toString())
                        && EventJson.read(r.value()).type().equals(last)), Duration.ofSeconds(30));
        return records.stream().filter(r -> r.key().equals(flow.deploymentId.toString())).map(r -> EventJson.read(r.value()))
                .map(EventEnvelope::type).filter(kinds::contains).toList();
    }
}
