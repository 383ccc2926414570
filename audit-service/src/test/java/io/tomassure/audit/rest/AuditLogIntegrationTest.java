package io.tomassure.audit.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.tomassure.audit.repository.AuditStore;
import io.tomassure.auditlog.AuditEntry;
import io.tomassure.auditlog.Merkle;
import io.tomassure.auditlog.VerifyCommand;
import io.tomassure.events.EventEnvelope;
import io.tomassure.events.EventJson;
import io.tomassure.events.EventType;
import io.tomassure.events.Topics;
import io.tomassure.events.approval.ApprovalEvents;
import io.tomassure.events.assessment.AssessmentEvents;
import io.tomassure.testing.TestDatabase;
import io.tomassure.testing.TestTokens;
import io.tomassure.testing.TomTestEnvironment;
import io.tomassure.testing.TopicReader;

/** The audit log against real PostgreSQL and Kafka: once-only, tamper-evident, provable, streamable, scoped. */
@QuarkusTest
@WithTestResource(TomTestEnvironment.class)
class AuditLogIntegrationTest {

    @Inject
    AuditStore store;

    private final String supplier = "S" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    private final String euo = "E" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    private final UUID assessment = UUID.randomUUID();
    private final UUID deployment = UUID.randomUUID();

    static RequestSpecification auditor() {
        return given().auth().oauth2(TestTokens.token("aud", "X26", "auditor"));
    }

    /** One event of every kind the other services publish about this assessment. */
    private List<EventEnvelope> everyKindOfEvent() {
        UUID submission = UUID.randomUUID();
        List<EventEnvelope> events = new ArrayList<>();
        events.add(event(AssessmentEvents.CREATED, assessment, new AssessmentEvents.AssessmentCreated(assessment, UUID.randomUUID(),
                "P", "1", supplier, "demo", UUID.randomUUID(), "1.0", "sam")));
        events.add(event(AssessmentEvents.UPDATED, assessment, new AssessmentEvents.AssessmentUpdated(assessment, null, supplier,
                null, "response", "API-01", "sam")));
        events.add(event(AssessmentEvents.NON_CONFORMANCE_REPORTED, assessment, new AssessmentEvents.NonConformanceReported(
                assessment, null, supplier, null, "API-03", "MUST", "Non-compliant", "d", "m", "RED", List.of("1B"), "sam")));
        events.add(event(AssessmentEvents.DEPLOYMENT_CREATED, deployment, new AssessmentEvents.DeploymentCreated(deployment,
                assessment, supplier, euo, true, false, "sam")));
        events.add(event(AssessmentEvents.UPLIFTED, assessment, new AssessmentEvents.AssessmentUplifted(UUID.randomUUID(),
                assessment, supplier, List.of(euo), "demo", UUID.randomUUID(), "1.0", UUID.randomUUID(), "2.0",
                new AssessmentEvents.UpliftCounts(9, 0, 1, 0, 0, 0, 0, 0, 1, 0, 8, 1, 0, 0), "sam", null, List.of())));
        events.add(event(AssessmentEvents.PHASE_SUBMITTED, assessment, new AssessmentEvents.PhaseSubmitted(submission, assessment,
                null, supplier, null, UUID.randomUUID(), "Referrals", "1", "1B", 1, "ab".repeat(32), new AssessmentEvents.Completeness(8, 10, 80),
                new AssessmentEvents.NonConformanceSummary(2, 1, 1, 0, 1, List.of("API-02", "API-03")), 1, List.of("SIRO"), false,
                "PASS", "AUDIT", "sam", null)));
        events.add(event(ApprovalEvents.CASE_OPENED, assessment, new ApprovalEvents.CaseOpened(UUID.randomUUID(), submission,
                assessment, null, supplier, null, "1B", 1, "ab".repeat(32), "AUDIT", "approval-service")));
        events.add(event(ApprovalEvents.NON_CONFORMANCE_REVIEWED, assessment, new ApprovalEvents.NonConformanceReviewed(
                assessment, supplier, "API-03", "ACKNOWLEDGED", "ok", "rob")));
        events.add(event(ApprovalEvents.AGREEMENT_SIGNED, deployment, new ApprovalEvents.AgreementSigned(UUID.randomUUID(),
                "END_USER_POLICY", null, deployment, euo, supplier, "Pat", "Director", LocalDate.of(2026, 11, 1), "v3", null, "eve")));
        events.add(event(ApprovalEvents.GO_LIVE_READY, deployment, new ApprovalEvents.GateChanged(deployment, assessment,
                supplier, euo, List.of(), "approval-service")));
        return events;
    }

    /** The remaining catalogued types, so that together with {@link #everyKindOfEvent()} every type is covered. */
    private List<EventEnvelope> theOtherTypes() {
        UUID caseId = UUID.randomUUID();
        UUID escalation = UUID.randomUUID();
        return List.of(
                event(AssessmentEvents.ORGANISATION_REGISTERED, UUID.randomUUID(), new AssessmentEvents.OrganisationRegistered(
                        supplier, "Supplier " + supplier, List.of("SUPPLIER"), "ada")),
                event(AssessmentEvents.EVIDENCE_ADDED, assessment, new AssessmentEvents.EvidenceAdded(assessment, null, supplier,
                        null, "API-01", UUID.randomUUID(), "pen-test.pdf", "ef".repeat(32), 1024, LocalDate.of(2027, 6, 1), "PEN_TEST",
                        LocalDate.of(2026, 6, 1), "sam")),
                event(AssessmentEvents.REQUIRED_EVIDENCE_CHANGED, assessment, new AssessmentEvents.RequiredEvidenceChanged(
                        assessment, null, supplier, null, "API-01", "PEN_TEST", true, LocalDate.of(2027, 6, 1), null, "sam")),
                event(AssessmentEvents.EVIDENCE_POLICY_CHANGED, UUID.randomUUID(), new AssessmentEvents.EvidencePolicyChanged(
                        "demo", java.util.Map.of("PEN_TEST", "P12M"), "ada")),
                event(AssessmentEvents.CONTACTS_CHANGED, UUID.randomUUID(), new AssessmentEvents.ContactsChanged(supplier,
                        List.of(new AssessmentEvents.Contact("PROJECT_MANAGER", "Pam", "pam@supplier.example", null)), "sam")),
                event(AssessmentEvents.TEMPLATE_PUBLISHED, UUID.randomUUID(), new AssessmentEvents.TemplatePublished(
                        UUID.randomUUID(), "demo", "1.0", 8, 12, "ada")),
                event(ApprovalEvents.PHASE_DECIDED, caseId, new ApprovalEvents.PhaseDecided(caseId, UUID.randomUUID(), assessment,
                        null, supplier, null, "1B", 1, "ab".repeat(32), "APPROVED", null, "rob")),
                event(ApprovalEvents.CONDITION_DISCHARGED, caseId, new ApprovalEvents.ConditionDischarged(UUID.randomUUID(),
                        caseId, assessment, supplier, "DSA signed", "ref 118", "rob")),
                event(ApprovalEvents.RISK_ACCEPTED, deployment, new ApprovalEvents.RiskAccepted(deployment, assessment, supplier,
                        euo, "API-03", "mitigated", "eve")),
                event(ApprovalEvents.SIGN_OFF_RECORDED, deployment, new ApprovalEvents.SignOffRecorded(deployment, supplier, euo,
                        "SIRO", "eve")),
                event(ApprovalEvents.ESCALATION_RAISED, assessment, new ApprovalEvents.EscalationRaised(escalation, assessment,
                        null, supplier, null, 4, "Updates Spine", "approval-service")),
                event(ApprovalEvents.ESCALATION_RESOLVED, assessment, new ApprovalEvents.EscalationResolved(escalation,
                        assessment, null, supplier, "CSG reviewed", "cas")),
                event(ApprovalEvents.GO_LIVE_BLOCKED, deployment, new ApprovalEvents.GateChanged(deployment, assessment, supplier,
                        euo, List.of("Suspended by NHS Digital"), "approval-service")),
                event(ApprovalEvents.DEPLOYMENT_LIVE, deployment, new ApprovalEvents.DeploymentLive(deployment, assessment,
                        supplier, euo, "eve")),
                event(ApprovalEvents.DEPLOYMENT_SUSPENDED, deployment, new ApprovalEvents.DeploymentSuspended(deployment,
                        assessment, supplier, euo, true, "incident", "rob")));
    }

    /** Every event type in the catalogues of the services that publish. */
    private static List<String> cataloguedTypes() {
        List<String> types = new ArrayList<>();
        for (Class<?> catalogue : List.of(AssessmentEvents.class, ApprovalEvents.class)) {
            for (java.lang.reflect.Field field : catalogue.getFields()) {
                if (field.getType() == EventType.class) {
                    try {
                        types.add(((EventType<?>) field.get(null)).name());
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return types;
    }

    private static <P> EventEnvelope event(EventType<P> type, UUID subject, P payload) {
        return EventEnvelope.of(type, type.topic().equals(Topics.ASSESSMENT) ? "assessment-service" : "approval-service",
                subject.toString(), payload);
    }

    private static void publishTwice(List<EventEnvelope> events) {
        for (EventEnvelope e : events) {
            String topic = e.type().startsWith("tom.assessment") ? Topics.ASSESSMENT : Topics.APPROVAL;
            TopicReader.send(topic, e.subject(), EventJson.write(e), EventJson.write(e));
        }
    }

    /** Waits until every one of this test's events is logged (all of them name the supplier). */
    private void awaitLogged(int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> auditor().queryParam("organisation", supplier).queryParam("limit", 200)
                .get("/api/v1/audit/entries").then().extract().jsonPath().getList("items").size() == count);
    }

    private List<Map<String, Object>> history() {
        return auditor().queryParam("limit", 200).get("/api/v1/audit/assessments/" + assessment + "/history").then()
                .statusCode(200).extract().jsonPath().getList("items");
    }

    @Test
    void everyEventTypeLandsOnceEvenWhenRedeliveredAndTheLogVerifiesAndProvesInclusion() throws Exception {
        long before = currentHead();
        List<EventEnvelope> events = new ArrayList<>(everyKindOfEvent());
        events.addAll(theOtherTypes());
        assertThat(events.stream().map(EventEnvelope::type).distinct().toList())
                .as("one event of every catalogued type").containsExactlyInAnyOrderElementsOf(cataloguedTypes());
        publishTwice(events);
        List<String> ids = events.stream().map(e -> e.id().toString()).toList();
        await().atMost(Duration.ofSeconds(30)).until(() -> auditor().queryParam("after", before).queryParam("limit", 200)
                .get("/api/v1/audit/entries").then().extract().jsonPath().getList("items.eventId", String.class)
                .containsAll(ids));
        Thread.sleep(500); // the duplicates, delivered right behind, have had every chance to be logged too

        List<String> logged = auditor().queryParam("after", before).queryParam("limit", 200).get("/api/v1/audit/entries")
                .then().extract().jsonPath().getList("items.eventId", String.class);
        assertThat(logged.stream().filter(ids::contains).toList()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(history()).extracting(m -> m.get("type")).contains("tom.assessment.created", "tom.assessment.phase-submitted",
                "tom.approval.non-conformance-reviewed");
        assertThat(auditor().queryParam("organisation", euo).queryParam("type", "tom.approval.go-live-ready")
                .get("/api/v1/audit/entries").then().extract().jsonPath().getList("items.actor")).containsExactly("approval-service");
        assertThat(auditor().queryParam("organisation", euo).queryParam("type", "tom.assessment.uplifted")
                .get("/api/v1/audit/entries").then().extract().jsonPath().getList("items.actor"))
                .as("an event naming several EUOs is each one's").containsExactly("sam");

        Map<String, Object> checkpoint = auditor().post("/api/v1/audit/checkpoints").then().statusCode(200).extract().as(Map.class);
        assertThat(auditor().get("/api/v1/audit/verify").then().extract().jsonPath().getList("problems")).isEmpty();

        long seq = ((Number) history().get(2).get("seq")).longValue();
        JsonPath proof = auditor().get("/api/v1/audit/entries/" + seq + "/proof").then().statusCode(200).extract().jsonPath();
        byte[] leaf = HexFormat.of().parseHex(proof.getString("leafHash"));
        List<byte[]> path = proof.getList("path", String.class).stream().map(HexFormat.of()::parseHex).toList();
        assertThat(Merkle.verifyInclusion(leaf, seq - 1, proof.getLong("treeSize"), path,
                HexFormat.of().parseHex((String) checkpoint.get("rootHash")))).isTrue();
        assertThat(path.size()).isLessThanOrEqualTo(64 - Long.numberOfLeadingZeros(proof.getLong("treeSize")));
    }

    @Test
    void aScanHandsOverTheWholeLogInOrderOneBatchAtATime() throws Exception {
        publishTwice(everyKindOfEvent());
        await().atMost(Duration.ofSeconds(30)).until(() -> currentHead() >= 5);
        long size = currentHead();
        List<List<AuditEntry.Stored>> batches = new ArrayList<>();
        store.scan(1, size, 2, batches::add);
        assertThat(batches).allSatisfy(batch -> assertThat(batch).hasSizeBetween(1, 2));
        assertThat(batches.stream().flatMap(List::stream).map(AuditEntry.Stored::seq).toList())
                .isEqualTo(LongStream.rangeClosed(1, size).boxed().toList());
    }

    @Test
    void aModifiedDeletedOrReorderedEntryIsDetectedByTheEndpointAndTheOfflineVerifier() throws Exception {
        List<EventEnvelope> events = everyKindOfEvent();
        publishTwice(events);
        awaitLogged(events.size());
        auditor().post("/api/v1/audit/checkpoints").then().statusCode(200);
        long a = ((Number) history().get(1).get("seq")).longValue();
        long b = ((Number) history().get(2).get("seq")).longValue();
        String publicKey = auditor().get("/api/v1/audit/public-key").then().statusCode(200).extract().asString();
        assertThat(verifyOffline(publicKey).intact()).isTrue();

        // The stored record itself changed: its type rewritten in the bytes that are hashed and served.
        String original = canonicalHex(a);
        tamper("update audit_entry set canonical = convert_to(regexp_replace(convert_from(canonical, 'UTF8'), "
                + "'\"type\":\"[^\"]*\"', '\"type\":\"tom.forged\"'), 'UTF8') where seq = " + a);
        try {
            assertThat(entry(a).get("type")).isEqualTo("tom.forged");
            assertThat(problems()).contains("entry " + a + " was modified: its content does not hash to " + hash(a));
            assertThat(verifyOffline(publicKey).problems()).contains("entry " + a + " is not included in the signed tree of "
                    + treeSize());
        } finally {
            tamper("update audit_entry set canonical = decode('" + original + "', 'hex') where seq = " + a);
        }
        assertThat(problems()).isEmpty();

        // An index column changed: it may misdirect a search, but the entry is served from its hashed bytes, unchanged.
        Map<String, Object> served = entry(a);
        tamper("update audit_entry set actor = 'mallory', type = 'tom.forged' where seq = " + a);
        try {
            assertThat(entry(a)).isEqualTo(served);
            assertThat(problems()).isEmpty();
        } finally {
            tamper("update audit_entry set actor = " + (served.get("actor") == null ? "null" : "'" + served.get("actor") + "'")
                    + ", type = '" + served.get("type") + "' where seq = " + a);
        }

        // An entry logged before the bytes were kept has its columns instead, and is written from them as it was hashed.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tamper("update audit_entry set canonical = null where seq = " + a))
                .as("neither bytes nor columns: the database refuses").hasMessageContaining("audit_entry_bytes_or_columns");
        tamper("update audit_entry set canonical = null, " + legacyColumns(served) + " where seq = " + a);
        try {
            assertThat(entry(a)).isEqualTo(served);
            assertThat(problems()).isEmpty();
            assertThat(verifyOffline(publicKey).intact()).isTrue();
        } finally {
            tamper("update audit_entry set canonical = decode('" + original + "', 'hex') where seq = " + a);
        }

        String kept = "kept_" + UUID.randomUUID().toString().replace("-", "");
        tamper("create table " + kept + " as select * from audit_entry where seq = " + b + "; delete from audit_entry where seq = " + b);
        try {
            assertThat(problems()).anyMatch(p -> p.contains("entries " + b + " to " + b + " are missing"));
            assertThat(verifyOffline(publicKey).problems()).anyMatch(p -> p.contains("missing"));
        } finally {
            tamper("insert into audit_entry select * from " + kept + "; drop table " + kept);
        }
        assertThat(problems()).isEmpty();

        // Reorder: entries a and b swap places (each keeps its own content and hash).
        tamper("update audit_entry set seq = -1 where seq = " + a + "; update audit_entry set seq = " + a + " where seq = " + b
                + "; update audit_entry set seq = " + b + " where seq = -1");
        try {
            assertThat(problems()).isNotEmpty();
            assertThat(verifyOffline(publicKey).intact()).isFalse();
        } finally {
            tamper("update audit_entry set seq = -1 where seq = " + a + "; update audit_entry set seq = " + a + " where seq = " + b
                    + "; update audit_entry set seq = " + b + " where seq = -1");
        }
        assertThat(problems()).isEmpty();
    }

    @Test
    void theLogIsAppendOnlyForTheDatabaseToo() throws Exception {
        publishTwice(everyKindOfEvent().subList(0, 1));
        awaitLogged(1);
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.executeUpdate("update audit_entry set actor = 'x'"))
                    .hasMessageContaining("append-only");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.executeUpdate("delete from audit_entry"))
                    .hasMessageContaining("append-only");
        }
    }

    @Test
    void aStreamResumedWithLastEventIdMissesNothingAndRepeatsNothing() throws Exception {
        List<EventEnvelope> events = everyKindOfEvent();
        String start = Long.toString(currentHead());
        for (EventEnvelope e : events.subList(0, 4)) {
            TopicReader.send(e.type().startsWith("tom.assessment") ? Topics.ASSESSMENT : Topics.APPROVAL, e.subject(), EventJson.write(e));
        }
        List<String[]> first = readStream(start, 2);
        for (EventEnvelope e : events.subList(4, events.size())) {
            TopicReader.send(e.type().startsWith("tom.assessment") ? Topics.ASSESSMENT : Topics.APPROVAL, e.subject(), EventJson.write(e));
        }
        List<String[]> rest = readStream(first.get(1)[0], events.size() - 2);

        List<String> ids = new ArrayList<>();
        first.forEach(r -> ids.add(r[1]));
        rest.forEach(r -> ids.add(r[1]));
        assertThat(ids).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(events.stream().map(e -> e.id().toString()).toList());
        List<Long> seqs = new ArrayList<>();
        first.forEach(r -> seqs.add(Long.parseLong(r[0])));
        rest.forEach(r -> seqs.add(Long.parseLong(r[0])));
        assertThat(seqs).isSorted();
    }

    @Test
    void suppliersAndEuosSeeOnlyTheirOwnEntries() {
        List<EventEnvelope> events = everyKindOfEvent();
        publishTwice(events);
        awaitLogged(events.size());
        List<String> seenBySupplier = given().auth().oauth2(TestTokens.token("sam", supplier, "supplier"))
                .queryParam("limit", 200).get("/api/v1/audit/entries").then().statusCode(200).extract().jsonPath()
                .getList("items.organisations.flatten()");
        assertThat(seenBySupplier).isNotEmpty().allMatch(o -> o.equals(supplier) || o.equals(euo));
        List<List<String>> seenByEuo = given().auth().oauth2(TestTokens.token("eve", euo, "euo")).queryParam("limit", 200)
                .get("/api/v1/audit/entries").then().statusCode(200).extract().jsonPath().getList("items.organisations");
        assertThat(seenByEuo).isNotEmpty().allMatch(orgs -> orgs.contains(euo));
        assertThat(given().auth().oauth2(TestTokens.token("oli", "OTHER1", "supplier")).queryParam("organisation", supplier)
                .get("/api/v1/audit/entries").then().extract().jsonPath().getList("items")).isEmpty();
        given().auth().oauth2(TestTokens.token("sam", supplier, "supplier")).get("/api/v1/audit/verify").then().statusCode(403);
        // A proof is of the entry asked for: one the caller does not see is not found, whichever it sees next.
        auditor().post("/api/v1/audit/checkpoints").then().statusCode(200);
        long supplierEntry = given().auth().oauth2(TestTokens.token("sam", supplier, "supplier")).queryParam("limit", 1)
                .get("/api/v1/audit/entries").then().extract().jsonPath().getLong("items[0].seq");
        given().auth().oauth2(TestTokens.token("sam", supplier, "supplier")).get("/api/v1/audit/entries/" + supplierEntry
                + "/proof").then().statusCode(200).body("seq", org.hamcrest.Matchers.equalTo((int) supplierEntry));
        given().auth().oauth2(TestTokens.token("oli", "OTHER1", "supplier")).get("/api/v1/audit/entries/" + supplierEntry
                + "/proof").then().statusCode(404);
        assertThat(given().auth().oauth2(TestTokens.token("nobody", null, "supplier")).get("/api/v1/audit/entries").then()
                .statusCode(200).extract().jsonPath().getList("items")).isEmpty();
    }

    @Test
    void aCallerHoldsAFewStreamsAndNoneOutlivesItsToken() throws Exception {
        String token = TestTokens.token("watcher", "X26", "auditor");
        List<HttpResponse<java.io.InputStream>> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                open.add(openStream(token));
                assertThat(open.get(i).statusCode()).isEqualTo(200);
            }
            HttpResponse<java.io.InputStream> fourth = openStream(token);
            assertThat(fourth.statusCode()).isEqualTo(429);
            assertThat(new String(fourth.body().readAllBytes(), StandardCharsets.UTF_8)).contains("too-many-streams");
            open.remove(0).body().close();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                HttpResponse<java.io.InputStream> again = openStream(token);
                if (again.statusCode() == 200) {
                    open.add(again);
                }
                return again.statusCode() == 200;
            });
        } finally {
            for (HttpResponse<java.io.InputStream> stream : open) {
                stream.body().close();
            }
        }
        // A stream opened with a token that expires in 3 s ends then; the client resumes with a fresh token.
        HttpResponse<java.io.InputStream> shortLived = openStream(TestTokens.tokenExpiringIn(Duration.ofSeconds(3), "brief",
                "X26", "auditor"));
        assertThat(shortLived.statusCode()).isEqualTo(200);
        long started = System.nanoTime();
        try (java.io.InputStream body = shortLived.body()) {
            body.readAllBytes(); // returns when the server ends the stream
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(8));
    }

    @Test
    void aMalformedCursorIs400() {
        auditor().queryParam("after", "yesterday").get("/api/v1/audit/entries").then().statusCode(400)
                .contentType("application/problem+json").body("type", org.hamcrest.Matchers.equalTo(
                        "urn:tomassure:problem:invalid-parameter"));
    }

    /** The log signs what it chains: an event on a topic its source does not own is dead-lettered, never logged. */
    @Test
    void anEventClaimingAnotherServiceAsItsSourceIsDeadLetteredNotLogged() throws Exception {
        List<EventEnvelope> events = everyKindOfEvent();
        EventEnvelope genuine = events.get(0);
        EventEnvelope forged = EventEnvelope.of(ApprovalEvents.PHASE_DECIDED, "approval-service", assessment.toString(),
                new ApprovalEvents.PhaseDecided(UUID.randomUUID(), UUID.randomUUID(), assessment, null, supplier, null, "1A",
                        1, "ab".repeat(32), "APPROVED", "forged", "mallory"));
        try (TopicReader deadLetters = new TopicReader(Topics.deadLetter(Topics.ASSESSMENT, "audit-service"))) {
            // written to the assessment topic, so its source (approval-service) does not own where it came from
            TopicReader.send(Topics.ASSESSMENT, forged.subject(), EventJson.write(forged), EventJson.write(genuine));
            var dead = deadLetters.readUntil(seen -> seen.stream().anyMatch(r -> r.value().contains(forged.id().toString())),
                    Duration.ofSeconds(30));
            String reason = new String(dead.get(dead.size() - 1).headers().lastHeader("dead-letter-reason").value(),
                    StandardCharsets.UTF_8);
            assertThat(reason).contains("only assessment-service publishes there");
        }
        awaitLogged(1);
        assertThat(auditor().queryParam("limit", 200).get("/api/v1/audit/entries").then().extract().jsonPath()
                .getList("items.eventId", String.class)).contains(genuine.id().toString())
                .doesNotContain(forged.id().toString());
    }

    /** An auditor who kept an earlier checkpoint proves, offline, that today's log extends it: only appended to. */
    @Test
    void aLaterCheckpointIsProvedToExtendAnEarlierOneAndTheOfflineVerifierAgrees() throws Exception {
        List<EventEnvelope> events = everyKindOfEvent();
        publishTwice(events.subList(0, 3));
        awaitLogged(3);
        long kept = auditor().post("/api/v1/audit/checkpoints").then().statusCode(200).extract().jsonPath().getLong("treeSize");
        publishTwice(events.subList(3, events.size()));
        awaitLogged(events.size());
        long latest = auditor().post("/api/v1/audit/checkpoints").then().statusCode(200).extract().jsonPath().getLong("treeSize");
        assertThat(latest).isGreaterThan(kept);

        String proof = auditor().queryParam("from", kept).get("/api/v1/audit/checkpoints/consistency").then().statusCode(200)
                .extract().asString();
        JsonPath parsed = JsonPath.from(proof);
        assertThat(parsed.getLong("from.treeSize")).isEqualTo(kept);
        assertThat(parsed.getLong("to.treeSize")).isEqualTo(latest);
        String publicKey = auditor().get("/api/v1/audit/public-key").then().extract().asString();
        Path file = Files.createTempFile("consistency", ".json");
        Files.writeString(file, proof);
        assertThat(VerifyCommand.verifyConsistency(file, publicKey)).isEmpty();
        // The same path does not prove another history: an earlier root the log never had is refused.
        Files.writeString(file, proof.replace(parsed.getString("from.rootHash"), "00".repeat(32)));
        assertThat(VerifyCommand.verifyConsistency(file, publicKey)).isNotEmpty();

        auditor().queryParam("from", latest + 1).get("/api/v1/audit/checkpoints/consistency").then().statusCode(404);
        auditor().get("/api/v1/audit/checkpoints/consistency").then().statusCode(400);
    }

    @Test
    void anExportSignsNothingAndProvesAgainstTheLatestCheckpoint() throws Exception {
        List<EventEnvelope> events = everyKindOfEvent();
        publishTwice(events);
        awaitLogged(events.size());
        auditor().post("/api/v1/audit/checkpoints").then().statusCode(200);
        long checkpoints = count("select count(*) from checkpoint");
        long latest = treeSize();

        for (int i = 0; i < 3; i++) {
            String export = given().auth().oauth2(TestTokens.token("sam", supplier, "supplier")).get("/api/v1/audit/export")
                    .then().statusCode(200).extract().asString();
            assertThat(JsonPath.from(export.lines().findFirst().orElseThrow()).getLong("checkpoint.treeSize")).isEqualTo(latest);
        }
        assertThat(count("select count(*) from checkpoint")).isEqualTo(checkpoints);
    }

    @Test
    void submittedTomsAreListedForTheCompletenessAudit() {
        List<EventEnvelope> events = everyKindOfEvent();
        publishTwice(events);
        awaitLogged(events.size());
        JsonPath report = auditor().queryParam("state", "DUE").get("/api/v1/audit/completeness").then().statusCode(200)
                .extract().jsonPath();
        String mine = "find { it.assessmentId == '" + assessment + "' }";
        assertThat(report.getInt(mine + ".missingRows")).isEqualTo(2);
        assertThat(report.getList(mine + ".openNonConformances")).containsExactly("API-02");
        String submission = report.getString(mine + ".submissionId");
        auditor().contentType("application/json").body(Map.of("notes", "Complete enough")).post("/api/v1/audit/completeness/"
                + submission + "/audited").then().statusCode(204);
        assertThat(auditor().queryParam("state", "AUDITED").get("/api/v1/audit/completeness").then().extract().jsonPath()
                .getString(mine + ".auditedBy")).isEqualTo("aud");
    }

    private List<String> problems() {
        return auditor().get("/api/v1/audit/verify").then().statusCode(200).extract().jsonPath().getList("problems");
    }

    private io.tomassure.auditlog.Verification.Report verifyOffline(String publicKey) throws Exception {
        String export = auditor().get("/api/v1/audit/export").then().statusCode(200).extract().asString();
        Path file = Files.createTempFile("audit-export", ".jsonl");
        Files.writeString(file, export);
        return VerifyCommand.verify(file, publicKey);
    }

    private static long treeSize() {
        return auditor().get("/api/v1/audit/checkpoints/latest").then().extract().jsonPath().getLong("treeSize");
    }

    private static long count(String sql) throws Exception {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long currentHead() throws Exception {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement();
                var rs = s.executeQuery("select seq from chain_head")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Entry {@code seq} as the API serves it. */
    private static Map<String, Object> entry(long seq) {
        return auditor().get("/api/v1/audit/entries?after=" + (seq - 1) + "&limit=1").then().statusCode(200).extract()
                .jsonPath().getMap("items[0]");
    }

    /** The columns an entry logged before the bytes were kept holds, as SQL assignments. */
    private static String legacyColumns(Map<String, Object> entry) {
        return Map.of("source", "source", "subject", "subject", "event_time", "time", "recorded_at_text", "recordedAt",
                "topic", "topic", "event", "event", "hash_algorithm", "hashAlgorithm", "prev_hash", "prevHash")
                .entrySet().stream().map(column -> column.getKey() + " = '"
                        + String.valueOf(entry.get(column.getValue())).replace("'", "''") + "'")
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private static String canonicalHex(long seq) throws Exception {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement();
                var rs = s.executeQuery("select encode(canonical, 'hex') from audit_entry where seq = " + seq)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String hash(long seq) throws Exception {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement();
                var rs = s.executeQuery("select hash from audit_entry where seq = " + seq)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** What only a hostile database administrator could do: bypass the append-only trigger. */
    private static void tamper(String sql) throws Exception {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            s.execute("alter table audit_entry disable trigger audit_entry_append_only");
            try {
                s.execute(sql);
            } finally {
                s.execute("alter table audit_entry enable trigger audit_entry_append_only");
            }
        }
    }

    private static HttpResponse<java.io.InputStream> openStream(String token) throws Exception {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/audit/stream"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    /** Reads {@code count} events from the SSE stream, resuming after {@code lastEventId}: [id, eventId] pairs. */
    private static List<String[]> readStream(String lastEventId, int count) throws Exception {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/audit/stream"))
                .header("Authorization", "Bearer " + TestTokens.token("aud", "X26", "auditor"))
                .header("Accept", "text/event-stream").header("Last-Event-ID", lastEventId).build();
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        List<String[]> received = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String line;
            while (received.size() < count && System.nanoTime() < deadline && (line = reader.readLine()) != null) {
                if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("data:")) {
                    String eventId = JsonPath.from(line.substring(5).trim()).getString("eventId");
                    received.add(new String[] { id, eventId });
                }
            }
        }
        assertThat(received).hasSize(count);
        return received;
    }
}
