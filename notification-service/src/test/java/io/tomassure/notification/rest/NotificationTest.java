package io.tomassure.notification.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.tomassure.events.EventEnvelope;
import io.tomassure.events.EventJson;
import io.tomassure.events.EventType;
import io.tomassure.events.Topics;
import io.tomassure.events.approval.ApprovalEvents;
import io.tomassure.events.assessment.AssessmentEvents;
import io.tomassure.notification.domain.WebhookSignature;
import io.tomassure.notification.service.Reminders;
import io.tomassure.testing.TestTokens;
import io.tomassure.testing.TomTestEnvironment;
import io.tomassure.testing.TopicReader;

/** Notices against real PostgreSQL, Kafka, an SMTP server and an HTTP receiver. */
@QuarkusTest
@WithTestResource(TomTestEnvironment.class)
@WithTestResource(GreenMailResource.class)
@WithTestResource(WebhookReceivers.class)
class NotificationTest {

    // The first cues meet a fresh broker (topics created, the group joining): on a loaded machine that alone took 30 s.
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String UPLIFTED = "[TOM Assure] The TOM moved from ers-apis version 1.2 to 1.4";

    @Inject
    Reminders reminders;

    private final String run = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    private final String nhsd = "N" + run;
    private final String supplier = "S" + run;
    private final String euo = "E" + run;
    private final UUID assessment = UUID.randomUUID();
    private final UUID deployment = UUID.randomUUID();

    private String mail(String who) {
        return who + "-" + run.toLowerCase() + "@example.org";
    }

    @BeforeEach
    void directory() {
        send(AssessmentEvents.ORGANISATION_REGISTERED, nhsd, new AssessmentEvents.OrganisationRegistered(nhsd, "NHS Digital",
                List.of("NHS_DIGITAL"), "ada"));
        send(AssessmentEvents.CONTACTS_CHANGED, nhsd, new AssessmentEvents.ContactsChanged(nhsd, List.of(
                contact("SOLUTION_ASSURANCE", "assurance"), contact("CLINICAL_SAFETY_GROUP", "csg")), "ada"));
        send(AssessmentEvents.CONTACTS_CHANGED, supplier, new AssessmentEvents.ContactsChanged(supplier, List.of(
                contact("PROJECT_MANAGER", "supplier-pm"), contact("CONNECTION_AGREEMENT_SIGNATORY", "supplier-signatory"),
                new AssessmentEvents.Contact("TECHNICAL_CONTACT", "No Mail", null, "0113")), "sam"));
        send(AssessmentEvents.CONTACTS_CHANGED, euo, new AssessmentEvents.ContactsChanged(euo, List.of(
                contact("OWNER", "euo-owner"), contact("END_USER_POLICY_SIGNATORY", "euo-signatory")), "eve"));
        // The directory comes from another topic than the cues: let it settle before the cues arrive.
        await().atMost(PATIENCE).until(() -> count("select count(*) from recipient where ods_code in ('" + nhsd + "', '" + supplier
                + "', '" + euo + "')") == 6 && count("select count(*) from organisation where ods_code = '" + nhsd + "'") == 1);
    }

    private static long count(String sql) throws Exception {
        try (var c = io.tomassure.testing.TestDatabase.connect(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private AssessmentEvents.Contact contact(String role, String who) {
        return new AssessmentEvents.Contact(role, who, mail(who), null);
    }

    @Test
    void eachRoutingRuleReachesTheRightMailboxesAndInboxesOnce() throws Exception {
        UUID caseId = UUID.randomUUID();
        EventEnvelope opened = send(ApprovalEvents.CASE_OPENED, caseId.toString(), new ApprovalEvents.CaseOpened(caseId,
                UUID.randomUUID(), assessment, null, supplier, null, "1A", 1, "ab".repeat(32), "AUDIT", "approval-service"));
        send(ApprovalEvents.CASE_OPENED, deployment.toString(), new ApprovalEvents.CaseOpened(UUID.randomUUID(),
                UUID.randomUUID(), assessment, deployment, supplier, euo, "2", 1, "cd".repeat(32), "AUDIT", "approval-service"));
        send(ApprovalEvents.PHASE_DECIDED, deployment.toString(), new ApprovalEvents.PhaseDecided(UUID.randomUUID(),
                UUID.randomUUID(), assessment, deployment, supplier, euo, "2", 1, "cd".repeat(32), "RETURNED",
                "Topology is incomplete", "eve"));
        send(ApprovalEvents.ESCALATION_RAISED, assessment.toString(), new ApprovalEvents.EscalationRaised(UUID.randomUUID(),
                assessment, null, supplier, null, 4, "Updates Spine", "approval-service"));
        EventEnvelope ready = send(ApprovalEvents.GO_LIVE_READY, deployment.toString(), new ApprovalEvents.GateChanged(
                deployment, assessment, supplier, euo, List.of(), "approval-service"));
        send(ApprovalEvents.PHASE_DECIDED, assessment.toString(), new ApprovalEvents.PhaseDecided(UUID.randomUUID(),
                UUID.randomUUID(), assessment, null, supplier, null, "1B", 1, "ab".repeat(32), "APPROVED", null, "rob"));
        send(ApprovalEvents.GO_LIVE_BLOCKED, deployment.toString(), new ApprovalEvents.GateChanged(deployment, assessment,
                supplier, euo, List.of("End User Policy expired on 2026-11-20"), "approval-service"));
        send(AssessmentEvents.UPLIFTED, assessment.toString(), new AssessmentEvents.AssessmentUplifted(UUID.randomUUID(),
                assessment, supplier, List.of(euo, "Z" + run), "ers-apis", UUID.randomUUID(), "1.2", UUID.randomUUID(), "1.4",
                new AssessmentEvents.UpliftCounts(222, 35, 0, 0, 0, 0, 0, 0, 2, 0, 250, 0, 0, 0), "sam", null, List.of()));
        // Redelivered: nothing is sent twice.
        TopicReader.send(Topics.APPROVAL, opened.subject(), EventJson.write(opened));
        TopicReader.send(Topics.APPROVAL, ready.subject(), EventJson.write(ready));

        await().atMost(PATIENCE).until(() -> subjects(mail("euo-owner")).size() >= 4 && subjects(mail("supplier-pm")).size() >= 5);
        Thread.sleep(1_000);
        assertThat(subjects(mail("assurance"))).containsExactly("[TOM Assure] Phase 1A revision 1 is waiting for your review");
        assertThat(subjects(mail("csg"))).containsExactly("[TOM Assure] Clinical-safety escalation: level 4");
        assertThat(subjects(mail("euo-owner"))).containsExactlyInAnyOrder(
                "[TOM Assure] Phase 2 revision 1 is waiting for your evaluation", "[TOM Assure] Go-live is ready",
                "[TOM Assure] Go-live is blocked again", UPLIFTED);
        assertThat(subjects(mail("supplier-pm"))).containsExactlyInAnyOrder(
                "[TOM Assure] Phase 2 revision 1 was RETURNED", "[TOM Assure] Go-live is ready",
                "[TOM Assure] Phase 1B revision 1 was approved", "[TOM Assure] Go-live is blocked again", UPLIFTED);
        assertThat(body(mail("euo-owner"), "moved from")).contains("Rows: 222 unchanged, 35 moved").contains("2 added");
        assertThat(body(mail("euo-owner"), "blocked again")).contains("- End User Policy expired on 2026-11-20");
        assertThat(subjects(mail("supplier-signatory"))).isEmpty();
        assertThat(body(mail("supplier-pm"), "RETURNED")).contains("Reason: Topology is incomplete");

        assertThat(given().auth().oauth2(TestTokens.token("eve", euo, "euo")).get("/api/v1/inbox/unread-count").then()
                .statusCode(200).extract().jsonPath().getInt("unread")).isEqualTo(4);
        List<String> inbox = given().auth().oauth2(TestTokens.token("eve", euo, "euo")).get("/api/v1/inbox").then()
                .extract().jsonPath().getList("items.title");
        assertThat(inbox).containsExactlyInAnyOrder("Go-live is blocked again", "Go-live is ready",
                "Phase 2 revision 1 is waiting for your evaluation", UPLIFTED.substring("[TOM Assure] ".length()));
        String first = given().auth().oauth2(TestTokens.token("eve", euo, "euo")).get("/api/v1/inbox").then().extract()
                .path("items[0].id");
        given().auth().oauth2(TestTokens.token("eve", euo, "euo")).post("/api/v1/inbox/" + first + "/read").then().statusCode(204);
        assertThat(given().auth().oauth2(TestTokens.token("eve", euo, "euo")).get("/api/v1/inbox/unread-count").then()
                .extract().jsonPath().getInt("unread")).isEqualTo(3);
        given().auth().oauth2(TestTokens.token("sam", supplier, "supplier")).post("/api/v1/inbox/" + first + "/read").then()
                .statusCode(404);
    }

    @Test
    void aWebhookReceiverGetsAVerifiableSignatureAndAFailingOneIsRetriedDeadLetteredAndReDriven() throws Exception {
        List<String[]> received = new CopyOnWriteArrayList<>();
        AtomicInteger status = new AtomicInteger(200);
        try (AutoCloseable receiver = WebhookReceivers.serve(0, exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new String[] { exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER),
                    exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER), body });
            exchange.sendResponseHeaders(status.get(), -1);
        })) {
            String url = WebhookReceivers.url(0);
            RequestSpecification supplierSystem = given().auth().oauth2(TestTokens.token("sys", supplier, "supplier"))
                    .contentType("application/json");
            String secret = supplierSystem.body(Map.of("url", url)).post("/api/v1/webhooks").then().statusCode(201)
                    .extract().path("secret");
            supplierSystem.body(Map.of("url", "ftp://nope")).post("/api/v1/webhooks").then().statusCode(400);

            EventEnvelope returned = send(ApprovalEvents.PHASE_DECIDED, assessment.toString(), new ApprovalEvents.PhaseDecided(
                    UUID.randomUUID(), UUID.randomUUID(), assessment, null, supplier, null, "1B", 1, "ef".repeat(32),
                    "RETURNED", "Evidence missing", "rob"));
            await().atMost(PATIENCE).until(() -> received.size() == 1);
            String[] call = received.get(0);
            assertThat(EventJson.read(call[2]).id()).isEqualTo(returned.id());
            assertThat(WebhookSignature.verify(secret, call[0], call[1], call[2], Instant.now(), Duration.ofMinutes(5))).isTrue();
            assertThat(WebhookSignature.verify(secret, call[0], call[1], call[2].replace("Evidence", "Evidense"), Instant.now(),
                    Duration.ofMinutes(5))).as("a changed body").isFalse();
            assertThat(WebhookSignature.verify(secret, call[0], call[1], call[2], Instant.now().plusSeconds(600),
                    Duration.ofMinutes(5))).as("a replay ten minutes later").isFalse();

            // The receiver breaks: three attempts with back-off, then the delivery is dead and published as failed.
            status.set(503);
            try (TopicReader events = new TopicReader(Topics.NOTIFICATION)) {
                EventEnvelope second = send(ApprovalEvents.PHASE_DECIDED, assessment.toString(), new ApprovalEvents.PhaseDecided(
                        UUID.randomUUID(), UUID.randomUUID(), assessment, null, supplier, null, "1B", 2, "ef".repeat(32),
                        "REJECTED", "Fails the spec", "rob"));
                await().atMost(PATIENCE).until(() -> deadWebhook(second.id()) != null);
                assertThat(received.stream().filter(r -> r[2].contains(second.id().toString()))).hasSize(3);
                events.readUntil(seen -> seen.stream().anyMatch(r -> r.value().contains("tom.notification.failed")
                        && r.value().contains(second.id().toString())), PATIENCE);

                status.set(200);
                given().auth().oauth2(TestTokens.token("ada", null, "admin")).post("/api/v1/deliveries/" + deadWebhook(second.id())
                        + "/redrive").then().statusCode(202);
                await().atMost(PATIENCE).until(() -> received.stream().filter(r -> r[2].contains(second.id().toString())).count() == 4);
                events.readUntil(seen -> seen.stream().anyMatch(r -> r.value().contains("tom.notification.delivered")
                        && r.value().contains(second.id().toString()) && r.value().contains("WEBHOOK")), PATIENCE);
            }
        }
    }

    @Test
    void mutedChannelsAreSkippedButMandatoryNoticesAreNot() throws Exception {
        given().auth().oauth2(TestTokens.token("eve", euo, "euo")).contentType("application/json")
                .body(List.of(Map.of("eventType", "tom.approval.go-live-ready", "channel", "EMAIL", "muted", true),
                        Map.of("eventType", "tom.approval.deployment-suspended", "channel", "EMAIL", "muted", true)))
                .put("/api/v1/preferences").then().statusCode(200);
        send(ApprovalEvents.GO_LIVE_READY, deployment.toString(), new ApprovalEvents.GateChanged(deployment, assessment,
                supplier, euo, List.of(), "approval-service"));
        send(ApprovalEvents.DEPLOYMENT_SUSPENDED, deployment.toString(), new ApprovalEvents.DeploymentSuspended(deployment,
                assessment, supplier, euo, true, "Security incident", "rob"));
        await().atMost(PATIENCE).until(() -> subjects(mail("supplier-pm")).size() == 2);
        Thread.sleep(1_000);
        assertThat(subjects(mail("euo-owner"))).containsExactly("[TOM Assure] Connection suspended by NHS Digital");
        assertThat(given().auth().oauth2(TestTokens.token("eve", euo, "euo")).get("/api/v1/inbox").then().extract().jsonPath()
                .getList("items.title")).contains("Go-live is ready");
    }

    @Test
    void remindersFireOnAControlledClockOnce() throws Exception {
        send(ApprovalEvents.AGREEMENT_SIGNED, deployment.toString(), new ApprovalEvents.AgreementSigned(UUID.randomUUID(),
                "END_USER_POLICY", null, deployment, euo, supplier, "Pat", "Director", LocalDate.now().minusYears(1), "v3",
                LocalDate.now().plusDays(60), "eve"));
        send(ApprovalEvents.AGREEMENT_SIGNED, deployment.toString(), new ApprovalEvents.AgreementSigned(UUID.randomUUID(),
                "DSA", null, deployment, euo, supplier, "Pat", "Director", LocalDate.now().minusYears(1), "v1",
                LocalDate.now().plusDays(90), "eve"));
        UUID caseId = UUID.randomUUID();
        EventEnvelope opened = new EventEnvelope(EventEnvelope.SPEC_VERSION, UUID.randomUUID(), ApprovalEvents.CASE_OPENED.name(),
                "approval-service", caseId.toString(), OffsetDateTime.now(ZoneOffset.UTC).minusDays(14), EventEnvelope.JSON, null,
                EventJson.read(EventJson.write(EventEnvelope.of(ApprovalEvents.CASE_OPENED, "x", "x", new ApprovalEvents.CaseOpened(
                        caseId, UUID.randomUUID(), assessment, null, supplier, null, "1B", 1, "ab".repeat(32), "APPROVAL",
                        "approval-service")))).data());
        TopicReader.send(Topics.APPROVAL, opened.subject(), EventJson.write(opened));
        UUID phase2Case = UUID.randomUUID();
        EventEnvelope phase2Opened = new EventEnvelope(EventEnvelope.SPEC_VERSION, UUID.randomUUID(),
                ApprovalEvents.CASE_OPENED.name(), "approval-service", phase2Case.toString(),
                OffsetDateTime.now(ZoneOffset.UTC).minusDays(14), EventEnvelope.JSON, null,
                EventJson.read(EventJson.write(EventEnvelope.of(ApprovalEvents.CASE_OPENED, "x", "x", new ApprovalEvents.CaseOpened(
                        phase2Case, UUID.randomUUID(), assessment, deployment, supplier, euo, "2", 1, "cd".repeat(32), "AUDIT",
                        "approval-service")))).data());
        TopicReader.send(Topics.APPROVAL, phase2Opened.subject(), EventJson.write(phase2Opened));
        send(AssessmentEvents.EVIDENCE_ADDED, assessment.toString(), new AssessmentEvents.EvidenceAdded(assessment, null,
                supplier, null, "API-01", UUID.randomUUID(), "pen-test.pdf", "ab".repeat(32), 2048, LocalDate.now().plusDays(10),
                null, null, "sam"));
        EventEnvelope phase2 = new EventEnvelope(EventEnvelope.SPEC_VERSION, UUID.randomUUID(),
                AssessmentEvents.PHASE_SUBMITTED.name(), "assessment-service", deployment.toString(),
                OffsetDateTime.now(ZoneOffset.UTC).minusDays(21), EventEnvelope.JSON, null,
                EventJson.read(EventJson.write(EventEnvelope.of(AssessmentEvents.PHASE_SUBMITTED, "x", "x",
                        new AssessmentEvents.PhaseSubmitted(UUID.randomUUID(), assessment, deployment, supplier, euo,
                                UUID.randomUUID(), "Referrals", "2.1", "2", 1, "cd".repeat(32), new AssessmentEvents.Completeness(5, 5, 100),
                                new AssessmentEvents.NonConformanceSummary(0, 0, 0, 0, 0, List.of()), 1, List.of("SIRO"),
                                false, "PASS", "AUDIT", "eve", null)))).data());
        TopicReader.send(Topics.ASSESSMENT, phase2.subject(), EventJson.write(phase2));
        await().atMost(PATIENCE).until(() -> tracked(caseId) && tracked(phase2Case) && trackedDeployment(deployment));

        // Today the End User Policy (60 days left) is not due; 40 days on it is, once however often the job runs.
        reminders.sendDue(Instant.now());
        assertThat(count("select count(*) from delivery where rule = 'agreement-expiring' and ods_code = '" + euo + "'")).isZero();
        reminders.sendDue(Instant.now().plus(Duration.ofDays(40)));
        reminders.sendDue(Instant.now().plus(Duration.ofDays(41)));
        await().atMost(PATIENCE).until(() -> !subjects(mail("euo-signatory")).isEmpty() && subjects(mail("assurance")).size() == 2
                && subjects(mail("supplier-pm")).size() == 2 && subjects(mail("euo-owner")).size() == 3);
        Thread.sleep(1_000);
        assertThat(subjects(mail("supplier-pm"))).anyMatch(
                subject -> subject.equals("[TOM Assure] Evidence pen-test.pdf for API-01 expires on " + LocalDate.now().plusDays(10)))
                .anyMatch(subject -> subject.startsWith("[TOM Assure] Deployment has waited"));
        assertThat(subjects(mail("euo-owner"))).anyMatch(subject -> subject.startsWith("[TOM Assure] Deployment has waited")
                && subject.endsWith("working days for go-live"))
                .anyMatch(subject -> subject.startsWith("[TOM Assure] Phase 2 has waited")
                        && subject.endsWith("working days for your evaluation"))
                .anyMatch(subject -> subject.equals("[TOM Assure] Phase 2 revision 1 is waiting for your evaluation"));
        assertThat(subjects(mail("euo-signatory"))).singleElement().asString()
                .isEqualTo("[TOM Assure] End User Policy expires on " + LocalDate.now().plusDays(60));
        assertThat(subjects(mail("assurance")).stream().filter(subject -> subject.contains("has waited"))).singleElement()
                .asString().startsWith("[TOM Assure] Phase 1B has waited").endsWith("working days for review");
    }

    @Test
    void requiredEvidenceIsRemindedThirtyAndSevenDaysBeforeItGoesOutOfDateOnceEach() throws Exception {
        LocalDate lapses = LocalDate.now(java.time.ZoneId.of("Europe/London")).plusDays(40);
        send(AssessmentEvents.REQUIRED_EVIDENCE_CHANGED, assessment.toString(), new AssessmentEvents.RequiredEvidenceChanged(
                assessment, null, supplier, null, "IG-02", "DSPT", true, lapses, null, "sam"));
        String tracked = "select count(*) from tracked_required_evidence where owner_id = '" + assessment + "'";
        await().atMost(PATIENCE).until(() -> count(tracked) == 1);

        for (int daysOn : new int[] { 0, 12, 13, 35, 36 }) { // 40, 28, 27, 5 and 4 days left
            reminders.sendDue(Instant.now().plus(Duration.ofDays(daysOn)));
        }
        await().atMost(PATIENCE).until(() -> subjects(mail("supplier-pm")).size() == 2);
        Thread.sleep(1_000);
        assertThat(subjects(mail("supplier-pm"))).containsExactlyInAnyOrder(
                "[TOM Assure] The DSPT evidence for IG-02 goes out of date after " + lapses + ": 28 days left",
                "[TOM Assure] The DSPT evidence for IG-02 goes out of date after " + lapses + ": 5 days left");
        assertThat(subjects(mail("euo-owner"))).isEmpty();

        // Evidence no longer in date has nothing to remind of: the go-live gate tells of it instead.
        send(AssessmentEvents.REQUIRED_EVIDENCE_CHANGED, assessment.toString(), new AssessmentEvents.RequiredEvidenceChanged(
                assessment, null, supplier, null, "IG-02", "DSPT", false, lapses, "went out of date", "sam"));
        await().atMost(PATIENCE).until(() -> count(tracked) == 0);
    }

    private static <P> EventEnvelope send(EventType<P> type, String subject, P payload) {
        EventEnvelope event = EventEnvelope.of(type, type.topic().equals(Topics.ASSESSMENT) ? "assessment-service"
                : "approval-service", subject, payload);
        TopicReader.send(type.topic(), subject, EventJson.write(event));
        return event;
    }

    private static List<String> subjects(String address) {
        return messages(address).stream().map(m -> {
            try {
                return m.getSubject();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static String body(String address, String subjectPart) throws Exception {
        for (MimeMessage message : messages(address)) {
            if (message.getSubject().contains(subjectPart)) {
                return message.getContent().toString();
            }
        }
        return "";
    }

    private static List<MimeMessage> messages(String address) {
        return List.of(GreenMailResource.smtp.getReceivedMessagesForDomain(address)).stream().filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(address);
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    private static String deadWebhook(UUID eventId) {
        return given().auth().oauth2(TestTokens.token("ada", null, "admin")).queryParam("status", "DEAD")
                .get("/api/v1/deliveries").then().extract().jsonPath()
                .getString("find { it.eventId == '" + eventId + "' && it.channel == 'WEBHOOK' }.id");
    }

    private static boolean trackedDeployment(UUID deploymentId) throws Exception {
        try (var c = io.tomassure.testing.TestDatabase.connect(); var s = c.prepareStatement(
                "select 1 from tracked_deployment where deployment_id = ?")) {
            s.setObject(1, deploymentId);
            try (var rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean tracked(UUID caseId) throws Exception {
        try (var c = io.tomassure.testing.TestDatabase.connect(); var s = c.prepareStatement(
                "select 1 from tracked_case where case_id = ?")) {
            s.setObject(1, caseId);
            try (var rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }
}
