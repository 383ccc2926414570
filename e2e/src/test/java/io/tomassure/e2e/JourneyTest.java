package io.tomassure.e2e;

import static io.tomassure.e2e.Api.as;
import static io.tomassure.e2e.Api.supplierSystem;
import static io.tomassure.e2e.Journey.agreement;
import static io.tomassure.e2e.Journey.answer;
import static io.tomassure.e2e.Journey.answerEuoRows;
import static io.tomassure.e2e.Journey.compliant;
import static io.tomassure.e2e.Journey.submit;
import static io.tomassure.stack.TomService.APPROVAL;
import static io.tomassure.stack.TomService.ASSESSMENT;
import static io.tomassure.stack.TomService.AUDIT;
import static io.tomassure.stack.TomService.NOTIFICATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.tomassure.auditlog.Checkpoint;
import io.tomassure.auditlog.Keys;
import io.tomassure.auditlog.Merkle;
import io.tomassure.stack.DemoData;
import io.tomassure.stack.DemoUser;
import io.tomassure.stack.TomService;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The TOM journey across the four packaged services, with real Keycloak tokens, Kafka and PostgreSQL: the supplier
 * assesses a product and submits Phases 1A and 1B; the EUO runs Phase 2 in parallel (while the broker is down) and has
 * it approved first (while approval-service is killed and restarted); go-live is refused with its blockers; NHS Digital
 * approves 1A with a DSA condition and 1B with a certificate, and the condition is discharged; mid-flight the
 * programme publishes a new template version, the supplier uplifts and NHS Digital approves the delta; the agreements
 * are signed, and go-live is recorded. The audit log must then hold every event exactly once, and verify.
 */
@ExtendWith(E2eStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JourneyTest {
    private static final Duration EVENTUALLY = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GO_LIVE_READY = "tom.approval.go-live-ready";

    private static final DemoUser SUPPLIER = DemoUser.SUPPLIER;
    private static final DemoUser EUO = DemoUser.EUO_NORTH;
    private static final DemoUser OTHER_EUO = DemoUser.EUO_SOUTH;
    private static final DemoUser ASSURANCE = DemoUser.ASSURANCE;
    private static final DemoUser AUDITOR = DemoUser.AUDITOR;
    private static final DemoUser ADMIN = DemoUser.ADMIN;

    private WebhookReceiver supplierHook;
    private String hookSecret;
    private String hookId;
    private String productId;
    private String assessmentId;
    private String deploymentId;
    private final List<String> submissions = new ArrayList<>();
    /** The product assessment as the supplier saw it live, at instants of the journey, for the replay to match. */
    private final Map<Instant, Map<String, Object>> seen = new LinkedHashMap<>();
    /** The deployment's go-live readiness as its EUO saw it live, at instants of the journey. */
    private final Map<Instant, Map<String, Object>> seenGate = new LinkedHashMap<>();

    @BeforeAll
    void demoData() {
        supplierHook = new WebhookReceiver(Api.config().webhookReceiverPort());
        new DemoData(Api.config(), line -> System.out.println("[e2e demo] " + line)).sampleTemplateOnly().load();
        var hook = as(SUPPLIER, NOTIFICATION).body(Map.of("url", supplierHook.url())).post("/api/v1/webhooks")
                .then().statusCode(201).extract();
        hookSecret = hook.path("secret");
        hookId = hook.path("id");
    }

    @AfterAll
    void closeHook() {
        supplierHook.close();
    }

    @Test
    @Order(1)
    void theWholeJourney() throws Exception {
        String templateId = as(ADMIN, ASSESSMENT).get("/api/v1/programmes").then().statusCode(200).extract()
                .path("find { it.code == '" + DemoData.SAMPLE_PROGRAMME + "' }.templates[0].id");
        JsonPath product = supplierSystem(ASSESSMENT).get("/api/v1/products").then().statusCode(200).extract().jsonPath();
        productId = product.getString("items[0].id");

        // The supplier's system assesses the product (client-credentials grant) and submits Phases 1A and 1B.
        assessmentId = supplierSystem(ASSESSMENT)
                .body(Map.of("productVersionId", product.getString("items[0].versions[0].id"), "templateId", templateId))
                .post("/api/v1/assessments").then().statusCode(201).extract().path("id");
        String assessment = "/api/v1/assessments/" + assessmentId;
        answer(() -> supplierSystem(ASSESSMENT), assessment, "SI-01", Map.of("answer", DemoData.PRODUCT + " 2.1"));
        for (String row : List.of("SI-02", "AR-01", "CS-01", "API-01", "API-02")) {
            answer(() -> supplierSystem(ASSESSMENT), assessment, row, compliant());
        }
        answer(() -> supplierSystem(ASSESSMENT), assessment, "API-03", Map.of("answer", "Non-compliant",
                "notes", "Timeouts are not yet shown in plain words",
                "nonConformance", Map.of("detail", "Errors from the national service appear as codes",
                        "mitigation", "Help desk script until 2.2", "risk", "AMBER")));

        see(assessment); // 1: drafted, a non-conformance among the answers

        // Fault: the broker goes away while both parties submit. The API keeps working; the events wait in the outboxes.
        E2eStack.stack().stopKafka();
        submissions.add(submit(supplierSystem(ASSESSMENT).body(Map.of("phase", "1A")), assessment));
        submissions.add(submit(supplierSystem(ASSESSMENT).body(Map.of("phase", "1B")), assessment));
        see(assessment); // 2: both product phases under review (their events still in the outbox)
        deploymentId = as(SUPPLIER, ASSESSMENT).body(Map.of("assessmentId", assessmentId, "euoOdsCode", EUO.org()))
                .post("/api/v1/deployments").then().statusCode(201).extract().path("id");
        String deployment = "/api/v1/deployments/" + deploymentId;
        answerEuoRows(EUO, deployment);
        submissions.add(submit(as(EUO, ASSESSMENT), deployment));
        as(ADMIN, ASSESSMENT).get("/api/v1/ops/outbox").then().statusCode(200).body("pending", greaterThan(0));
        E2eStack.stack().startKafka();

        // Fault: approval-service dies outright (SIGKILL) as soon as it has opened the first case of the backlog, before
        // it can commit its offsets, and comes back: the redelivered events must not open anything twice.
        await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(50))
                .until(() -> submissions.stream().anyMatch(s -> findCase(ASSURANCE, null, s) != null));
        E2eStack.stack().killService(APPROVAL);
        E2eStack.stack().startService(APPROVAL);

        JsonPath phase2 = openCase("2");
        JsonPath phase1a = openCase("1A");
        JsonPath phase1b = openCase("1B");

        // The EUO approves Phase 2 first and accepts the product's non-conformance for its deployment.
        as(EUO, APPROVAL).body(Map.of("contentHash", phase2.getString("contentHash"), "outcome", "APPROVED",
                "declarationAccepted", true)).post("/api/v1/cases/" + phase2.getString("id") + "/decision")
                .then().statusCode(200).body("state", equalTo("DECIDED"));
        await().atMost(EVENTUALLY).until(() -> as(EUO, ASSESSMENT).get(deployment).then().extract().path("phase2.state"),
                "APPROVED"::equals);
        as(EUO, APPROVAL).body(Map.of("comment", "The help desk script covers it locally"))
                .post(deployment + "/non-conformances/API-03/acceptance").then().statusCode(204);

        // Go-live is refused, and says why.
        as(EUO, APPROVAL).post(deployment + "/go-live").then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:tomassure:problem:go-live-blocked"))
                .body("blockers", contains(
                        "Phase 1A (usage and settings) is under review, not approved",
                        "Phase 1B (technical conformance) is under review, not approved",
                        "No conformance certificate",
                        "Non-conformance API-03 is not yet reviewed by NHS Digital",
                        "Connection Agreement not signed",
                        "End User Policy not signed",
                        "Sign-off not recorded: SIRO"));
        seeGate(deployment); // 1: seven blockers

        // NHS Digital: 1A approved on condition of a DSA, 1B approved with a certificate, the non-conformance reviewed.
        String conditionId = as(ASSURANCE, APPROVAL).body(Map.of("contentHash", phase1a.getString("contentHash"),
                "outcome", "APPROVED_DSA_REQUIRED", "reason", "Usage and settings acceptable", "areas", List.of(
                        Map.of("area", "SYSTEM_USAGE", "approved", true, "reason", "Referrals only"),
                        Map.of("area", "SYSTEM_SETTING", "approved", true, "reason", "Acute trust"),
                        Map.of("area", "DATA_USER_ORGANISATION", "approved", true, "reason", "The trust itself"))))
                .post("/api/v1/cases/" + phase1a.getString("id") + "/decision")
                .then().statusCode(200).body("conditions[0].description", equalTo("DSA signed"))
                .extract().path("conditions[0].id");
        String quoted = as(ASSURANCE, APPROVAL).body(Map.of("contentHash", phase1b.getString("contentHash"), "outcome", "APPROVED",
                "certificateNumber", "IAC-2026-%08d".formatted(ThreadLocalRandom.current().nextInt(100_000_000))))
                .post("/api/v1/cases/" + phase1b.getString("id") + "/decision").then().statusCode(200)
                .extract().path("decision.contentHash");
        // Anyone can check what was approved: the revision's bytes, put through an RFC 8785 library of our choosing
        // (they are already canonical), hash to the hash the decision quoted.
        byte[] canonical = as(EUO, ASSESSMENT).get("/api/v1/submissions/" + phase1b.getString("submissionId") + "/canonical")
                .then().statusCode(200).extract().asByteArray();
        assertThat(sha256(new JsonCanonicalizer(canonical).getEncodedUTF8())).isEqualTo(quoted);
        // And a GRC tool reading the revision as OSCAL assessment results finds that hash in its metadata.
        assertThat(as(EUO, ASSESSMENT).get("/api/v1/submissions/" + phase1b.getString("submissionId") + "/oscal").then()
                .statusCode(200).extract().jsonPath().getString(
                        "'assessment-results'.metadata.props.find { it.name == 'revision-hash' }.value")).isEqualTo(quoted);
        as(ASSURANCE, APPROVAL).body(Map.of("review", "ACKNOWLEDGED", "comment", "Acceptable with the script"))
                .post(assessment + "/non-conformances/API-03/review").then().statusCode(204);
        as(ASSURANCE, APPROVAL).body(Map.of("evidence", "DSA 2026/118 countersigned"))
                .post("/api/v1/conditions/" + conditionId + "/discharge").then().statusCode(200);

        await().atMost(EVENTUALLY).until(() -> as(SUPPLIER, ASSESSMENT).get(assessment).then().extract()
                .path("phases.'1B'.state"), "APPROVED"::equals);
        await().atMost(EVENTUALLY).until(() -> as(SUPPLIER, ASSESSMENT).get(assessment).then().extract()
                .path("phases.'1A'.state"), "APPROVED"::equals);
        see(assessment); // 3: both approved
        seeGate(deployment); // 2: the approvals in, the agreements and sign-off still missing

        // Mid-flight, the programme publishes version 2.0 of its template. The assessment stays on 1.0 until its
        // supplier uplifts it; the answers follow their rows, and NHS Digital reviews and approves only the delta.
        String nextVersion = publishNextVersion(templateId);
        as(SUPPLIER, ASSESSMENT).get(assessment).then().body("templateVersion", equalTo("1.0"));
        supplierSystem(ASSESSMENT).header("If-Match", as(SUPPLIER, ASSESSMENT).get(assessment).then().extract().header("ETag"))
                .body(Map.of("templateId", nextVersion)).post(assessment + "/uplift").then().statusCode(200)
                .body("counts.reworded", equalTo(1)).body("counts.added", equalTo(1))
                .body("counts.answersToReattest", equalTo(1)).body("counts.answersRetired", equalTo(0));
        confirm(() -> supplierSystem(ASSESSMENT), assessment, "API-02");
        answer(() -> supplierSystem(ASSESSMENT), assessment, "API-04", compliant());
        see(assessment); // 4: uplifted to 2.0, the reworded row confirmed, the new row answered
        seeGate(deployment); // 3: the same gate over the uplifted product
        // API-04 requires a penetration test: the delta is refused until one in date is attached. The programme ages
        // penetration tests from the date they were done.
        supplierSystem(ASSESSMENT).body(Map.of("phase", "1B")).post(assessment + "/submissions").then().statusCode(422)
                .body("missing.find { it.requirementId == 'API-04' }.problem",
                        equalTo("needs a penetration test report: none attached"));
        String policy = "/api/v1/programmes/" + DemoData.SAMPLE_PROGRAMME + "/evidence-policy";
        as(ADMIN, ASSESSMENT).body(Map.of("maxAge", Map.of("PEN_TEST", "P12M"))).put(policy).then().statusCode(200);
        LocalDate tested = LocalDate.now().minusDays(20);
        attachPenTest(assessment, tested);
        String delta = submit(supplierSystem(ASSESSMENT).body(Map.of("phase", "1B")), assessment);
        submissions.add(delta);
        JsonPath deltaCase = await().atMost(EVENTUALLY).until(() -> findCase(ASSURANCE, "1B", delta), c -> c != null);
        assertThat(deltaCase.getList("sinceApproved.added")).containsExactly("API-04");
        assertThat(deltaCase.getList("sinceApproved.requirementChanged")).containsExactly("API-02");
        assertThat(deltaCase.getList("sinceApproved.changed")).isEmpty();
        assertThat(deltaCase.getString("sinceApproved.templateVersion")).isEqualTo("2.0");
        as(ASSURANCE, APPROVAL).body(Map.of("contentHash", deltaCase.getString("contentHash"), "outcome", "APPROVED",
                "certificateNumber", "IAC-2026-%08d".formatted(ThreadLocalRandom.current().nextInt(100_000_000))))
                .post("/api/v1/cases/" + deltaCase.getString("id") + "/decision").then().statusCode(200);
        await().atMost(EVENTUALLY).until(() -> as(SUPPLIER, ASSESSMENT).get(assessment).then().extract()
                .path("phases.'1B'.revision"), revision -> Integer.valueOf(2).equals(revision));

        // The agreements and the sign-off.
        as(SUPPLIER, APPROVAL).body(agreement("CONNECTION_AGREEMENT")).post("/api/v1/products/" + productId + "/agreements")
                .then().statusCode(201);
        as(EUO, APPROVAL).body(agreement("END_USER_POLICY")).post(deployment + "/agreements").then().statusCode(201);
        as(EUO, APPROVAL).body(agreement("DSA")).post(deployment + "/agreements").then().statusCode(201);
        as(EUO, APPROVAL).body(Map.of("kind", "SIRO")).post(deployment + "/sign-offs").then().statusCode(204);

        as(EUO, APPROVAL).get(deployment + "/readiness").then().statusCode(200)
                .body("open", equalTo(true)).body("blockers", org.hamcrest.Matchers.empty());
        as(EUO, APPROVAL).post(deployment + "/go-live").then().statusCode(200).body("live", equalTo(true));
        seeGate(deployment); // 4: open and live
        await().atMost(EVENTUALLY).until(() -> as(EUO, ASSESSMENT).get(assessment).then().extract().path("phases.'1A'.state"),
                "APPROVED"::equals);

        // After go-live the programme allows penetration tests 10 days of age: API-04's, 20 days old, is out of date at
        // once, and the gate closes (go-live-blocked); a fresh one opens it again (go-live-ready).
        as(ADMIN, ASSESSMENT).body(Map.of("maxAge", Map.of("PEN_TEST", "P10D"))).put(policy).then().statusCode(200);
        await().atMost(EVENTUALLY).untilAsserted(() -> as(EUO, APPROVAL).get(deployment + "/readiness").then()
                .body("open", equalTo(false)).body("blockers", contains("Evidence for row API-04 not in date: its "
                        + "penetration test report went out of date on " + tested.plusDays(11) + ": attach a current one")));
        seeGate(deployment); // 5: closed again by evidence out of date
        attachPenTest(assessment, LocalDate.now());
        await().atMost(EVENTUALLY).untilAsserted(() -> as(EUO, APPROVAL).get(deployment + "/readiness").then()
                .body("open", equalTo(true)));
        see(assessment); // 5: the delta approved, live
        seeGate(deployment); // 6: open again on fresh evidence
    }

    @SuppressWarnings("unchecked")
    private void seeGate(String deployment) {
        Map<String, Object> live = as(EUO, APPROVAL).get(deployment + "/readiness").then().statusCode(200).extract()
                .as(Map.class);
        seenGate.put(Instant.now(), live);
    }

    /** The live view now, kept with an instant just after it was read. */
    @SuppressWarnings("unchecked")
    private void see(String assessment) {
        Map<String, Object> live = as(SUPPLIER, ASSESSMENT).get(assessment).then().statusCode(200).extract().as(Map.class);
        seen.put(Instant.now(), live);
    }

    private static void attachPenTest(String assessment, LocalDate testedOn) {
        supplierSystem(ASSESSMENT).contentType("application/pdf").body("%PDF-1.7 pen test".getBytes())
                .post(assessment + "/responses/API-04/evidence?name=pen-test.pdf&effectiveOn=" + testedOn).then()
                .statusCode(201).body("kind", equalTo("PEN_TEST"));
    }

    @Test
    @Order(2)
    void theAuditLogHoldsTheWholeStoryOnceAndVerifies() throws Exception {
        assumeTrue(deploymentId != null, "the journey did not get that far");
        awaitOutboxesDrained();
        // The gate opened twice (at go-live, and again once fresh evidence replaced lapsed evidence); the log takes in
        // each service's topic at its own pace, so wait for the last events of both.
        List<Map<String, Object>> story = await().atMost(EVENTUALLY).until(
                () -> entries(Map.of("deployment", deploymentId)),
                entries -> entries.stream().filter(e -> GO_LIVE_READY.equals(e.get("type"))).count() == 2);
        List<Map<String, Object>> product = await().atMost(EVENTUALLY).until(
                () -> entries(Map.of("assessment", assessmentId)),
                entries -> entries.stream().filter(e -> "tom.assessment.required-evidence-changed".equals(e.get("type")))
                        .count() >= 4);
        // An entry matching both filters is one entry (one seq), counted once; each event is appended once (its id is
        // unique in the log), so these counts say what each service published and the log took in, faults included.
        Map<String, Long> byType = java.util.stream.Stream.concat(story.stream(), product.stream())
                .collect(Collectors.toMap(e -> e.get("seq"), e -> (String) e.get("type"), (a, b) -> a))
                .values().stream().collect(Collectors.groupingBy(t -> t, Collectors.counting()));
        assertThat(byType).containsEntry("tom.assessment.created", 1L)
                .containsEntry("tom.assessment.deployment-created", 1L)
                .containsEntry("tom.assessment.uplifted", 1L)
                .containsEntry("tom.assessment.phase-submitted", 4L)
                .containsEntry("tom.approval.case-opened", 4L)
                .containsEntry("tom.approval.phase-decided", 4L)
                .containsEntry("tom.approval.risk-accepted", 1L)
                .containsEntry("tom.approval.non-conformance-reviewed", 1L)
                .containsEntry("tom.approval.condition-discharged", 1L)
                .containsEntry("tom.approval.agreement-signed", 2L)
                .containsEntry("tom.approval.sign-off-recorded", 1L)
                .containsEntry(GO_LIVE_READY, 2L)
                .containsEntry("tom.approval.go-live-blocked", 1L)
                .containsEntry("tom.assessment.evidence-added", 2L)
                .containsEntry("tom.assessment.required-evidence-changed", 4L)
                .containsEntry("tom.approval.deployment-live", 1L);
        // Every answer the journey gave is there: 9 from the supplier (2 after the uplift), 5 from the EUO.
        assertThat(byType.get("tom.assessment.updated")).isEqualTo(14L);
        assertThat(submissionsAudited()).containsAll(submissions);

        // Every entry's hash can be recomputed from the entry as served, without its hash, by any RFC 8785 tool.
        for (Map<String, Object> entry : story) {
            Map<String, Object> content = new java.util.HashMap<>(entry);
            Object hash = content.remove("hash");
            assertThat(entry.get("hashAlgorithm")).isEqualTo("sha-256/jcs");
            assertThat(sha256(new JsonCanonicalizer(JSON.writeValueAsString(content)).getEncodedUTF8()))
                    .as("entry %s", entry.get("seq")).isEqualTo(hash);
        }

        int logged = entries(Map.of()).size();
        as(AUDITOR, AUDIT).post("/api/v1/audit/checkpoints").then().statusCode(200);
        as(AUDITOR, AUDIT).get("/api/v1/audit/verify").then().statusCode(200)
                .body("problems", org.hamcrest.Matchers.empty())
                .body("entries", org.hamcrest.Matchers.greaterThanOrEqualTo(logged));
    }

    @Test
    @Order(3)
    void theLogReplaysTheAssessmentAsItStoodAtEachInstant() throws Exception {
        assumeTrue(seen.size() == 5, "the journey did not get that far");
        awaitOutboxesDrained();
        String assessment = "/api/v1/assessments/" + assessmentId;
        List<Map<String, Object>> anchors = new ArrayList<>();
        for (Map.Entry<Instant, Map<String, Object>> instant : seen.entrySet()) {
            Map<String, Object> live = new java.util.HashMap<>(instant.getValue());
            live.remove("etag");
            // the log takes in each service's topic at its own pace: the replay catches up with what was live
            JsonPath replayed = await().atMost(EVENTUALLY).until(() -> as(SUPPLIER, ASSESSMENT)
                    .queryParam("asOf", instant.getKey().toString()).get(assessment).then().statusCode(200).extract()
                    .jsonPath(), r -> withoutEtag(r.getMap("state")).equals(live));
            assertThat(withoutEtag(replayed.getMap("state"))).as("as of %s", instant.getKey()).isEqualTo(live);
            assertThat(replayed.getString("asOf")).isEqualTo(instant.getKey().toString());
            anchors.add(replayed.getMap("lastEntry"));
        }
        // The instants are distinct states: drafted, under review, approved, uplifted, live again.
        assertThat(seen.values().stream().map(v -> v.get("phases") + " " + v.get("templateVersion")).distinct().count())
                .isGreaterThanOrEqualTo(4);
        // An organisation that deploys the product replays the same history: the service reads the whole log as itself.
        Instant last = List.copyOf(seen.keySet()).get(4);
        assertThat(withoutEtag(as(EUO, ASSESSMENT).queryParam("asOf", last.toString()).get(assessment).then()
                .statusCode(200).extract().jsonPath().getMap("state"))).isEqualTo(withoutEtag(seen.get(last)));
        as(OTHER_EUO, ASSESSMENT).queryParam("asOf", last.toString()).get(assessment).then().statusCode(404);

        // Each answer can be checked without trusting the service: the entry it rests on is in the signed log.
        as(AUDITOR, AUDIT).post("/api/v1/audit/checkpoints").then().statusCode(200);
        java.security.PublicKey key = Keys.publicKey(as(AUDITOR, AUDIT).get("/api/v1/audit/public-key").then()
                .statusCode(200).extract().asString());
        for (Instant instant : seen.keySet()) {
            JsonPath anchor = await().atMost(EVENTUALLY).until(() -> as(SUPPLIER, ASSESSMENT)
                    .queryParam("asOf", instant.toString()).get(assessment).then().statusCode(200).extract().jsonPath(),
                    r -> r.get("lastEntry.proof") != null);
            long seq = anchor.getLong("lastEntry.seq");
            Map<String, Object> entry = new java.util.HashMap<>(entries(Map.of("assessment", assessmentId)).stream()
                    .filter(e -> ((Number) e.get("seq")).longValue() == seq).findFirst().orElseThrow());
            assertThat(entry.remove("hash")).isEqualTo(anchor.getString("lastEntry.hash"));
            byte[] leaf = Merkle.leafHash(new JsonCanonicalizer(JSON.writeValueAsString(entry)).getEncodedUTF8());
            assertThat(HexFormat.of().formatHex(leaf)).isEqualTo(anchor.getString("lastEntry.proof.leafHash"));
            Checkpoint checkpoint = JSON.convertValue(anchor.getMap("lastEntry.proof.checkpoint"), Checkpoint.class);
            assertThat(checkpoint.verify(key)).as("the checkpoint's signature").isTrue();
            List<byte[]> path = anchor.getList("lastEntry.proof.path", String.class).stream()
                    .map(HexFormat.of()::parseHex).toList();
            assertThat(Merkle.verifyInclusion(leaf, seq - 1, checkpoint.treeSize(), path,
                    HexFormat.of().parseHex(checkpoint.rootHash()))).as("entry %d in the signed tree", seq).isTrue();
            // and the entry is no later than the instant asked about
            assertThat(Instant.parse((String) entry.get("time"))).isBeforeOrEqualTo(instant);
        }
    }

    @Test
    @Order(4)
    void theLogReplaysTheGateAsItStoodAtEachInstant() throws Exception {
        assumeTrue(seenGate.size() == 6, "the journey did not get that far");
        awaitOutboxesDrained();
        String readiness = "/api/v1/deployments/" + deploymentId + "/readiness";
        for (Map.Entry<Instant, Map<String, Object>> instant : seenGate.entrySet()) {
            JsonPath replayed = await().atMost(EVENTUALLY).until(() -> as(EUO, APPROVAL)
                    .queryParam("asOf", instant.getKey().toString()).get(readiness).then().statusCode(200).extract()
                    .jsonPath(), r -> instant.getValue().equals(r.getMap("state")));
            assertThat(replayed.getMap("state")).as("as of %s", instant.getKey()).isEqualTo(instant.getValue());
            assertThat(replayed.getLong("lastEntry.seq")).isPositive();
            assertThat(replayed.getString("lastEntry.proof.checkpoint.signature")).as("sealed before this test").isNotBlank();
        }
        // Four distinct gates among them: seven blockers, the agreements and sign-off missing, open and live, and closed
        // again by evidence out of date.
        assertThat(seenGate.values().stream().map(r -> r.get("blockers") + " " + r.get("live")).distinct().count())
                .isEqualTo(4);
        // NHS Digital replays the same gate; an organisation that does not deploy it may not ask.
        Instant first = seenGate.keySet().iterator().next();
        assertThat(as(ASSURANCE, APPROVAL).queryParam("asOf", first.toString()).get(readiness).then().statusCode(200)
                .extract().jsonPath().getMap("state")).isEqualTo(seenGate.get(first));
        as(OTHER_EUO, APPROVAL).queryParam("asOf", first.toString()).get(readiness).then().statusCode(404);
    }

    private static Map<String, Object> withoutEtag(Map<String, Object> view) {
        Map<String, Object> copy = new java.util.HashMap<>(view);
        copy.remove("etag");
        return copy;
    }

    @Test
    @Order(5)
    void theNotificationsWentToTheRightPlaces() {
        assumeTrue(deploymentId != null, "the journey did not get that far");
        await().atMost(EVENTUALLY).untilAsserted(() -> {
            assertThat(inbox(EUO)).contains("Phase 2 revision 1 is waiting for your evaluation",
                    "Phase 2 revision 1 was approved", "Go-live is ready",
                    "The TOM moved from " + DemoData.SAMPLE_PROGRAMME + " version 1.0 to 2.0");
            assertThat(inbox(SUPPLIER)).contains("Phase 1A revision 1 was approved", "Phase 1B revision 1 was approved",
                    "Phase 2 revision 1 was approved", "Go-live is ready");
            assertThat(inbox(ASSURANCE)).contains("Phase 1A revision 1 is waiting for your review",
                    "Phase 1B revision 1 is waiting for your review", "Phase 1B revision 2 is waiting for your review");
            assertThat(emailsTo(EUO)).contains("[TOM Assure] Go-live is ready");
            assertThat(emailsTo(SUPPLIER)).contains("[TOM Assure] Go-live is ready");
            assertThat(supplierHook.calls()).anyMatch(call -> call.body().contains(GO_LIVE_READY)
                    && call.body().contains(deploymentId));
        });
        assertThat(inbox(OTHER_EUO)).isEmpty();
        assertThat(emailsTo(OTHER_EUO)).isEmpty();
        assertThat(supplierHook.calls()).allMatch(call -> call.signedWith(hookSecret));
        // None of the journey's own deliveries gave up. (The authorisation matrix and the abuse test register webhooks
        // at paths nobody serves, for the same organisations: theirs end dead, and are theirs.)
        as(ADMIN, NOTIFICATION).get("/api/v1/deliveries?status=DEAD").then().statusCode(200)
                .body("findAll { it.channel == 'EMAIL' || it.recipient == '" + hookId + "' }.size()", equalTo(0));
    }

    @Test
    @Order(6)
    void anotherOrganisationCannotReadOrActOnThisJourney() {
        assumeTrue(deploymentId != null, "the journey did not get that far");
        String deployment = "/api/v1/deployments/" + deploymentId;
        as(OTHER_EUO, ASSESSMENT).get(deployment).then().statusCode(404);
        as(OTHER_EUO, ASSESSMENT).get("/api/v1/assessments/" + assessmentId).then().statusCode(404);
        as(OTHER_EUO, ASSESSMENT).body(Map.of("answer", "No")).put(deployment + "/responses/IG-01").then().statusCode(404);
        as(OTHER_EUO, APPROVAL).get(deployment + "/readiness").then().statusCode(404);
        as(OTHER_EUO, APPROVAL).body(agreement("END_USER_POLICY")).post(deployment + "/agreements").then().statusCode(404);
        as(OTHER_EUO, APPROVAL).post(deployment + "/go-live").then().statusCode(404);
        as(OTHER_EUO, AUDIT).get("/api/v1/audit/entries?deployment=" + deploymentId).then().statusCode(200)
                .body("items.size()", equalTo(0));
    }

    @Test
    @Order(7)
    void aSecondDeploymentReusesTheAssessment() {
        assumeTrue(deploymentId != null, "the journey did not get that far");
        String second = as(SUPPLIER, ASSESSMENT).body(Map.of("assessmentId", assessmentId, "euoOdsCode", OTHER_EUO.org()))
                .post("/api/v1/deployments").then().statusCode(201)
                .body("firstOfType", equalTo(false)).body("reusesAssessedProduct", equalTo(true))
                .extract().path("id");
        String deployment = "/api/v1/deployments/" + second;
        // Phase 1 carries over: what blocks is the new EUO's own part only.
        await().atMost(EVENTUALLY).until(() -> as(OTHER_EUO, APPROVAL).get(deployment + "/readiness").statusCode() == 200);
        as(OTHER_EUO, APPROVAL).get(deployment + "/readiness").then().body("blockers", contains(
                "Phase 2 (EUO evaluation) is not submitted, not approved",
                "Non-conformance API-03 is not accepted by the end-user organisation",
                "End User Policy not signed",
                "Data Sharing Agreement not signed"));
        answerEuoRows(OTHER_EUO, deployment);
        String submission = submit(as(OTHER_EUO, ASSESSMENT), deployment);
        JsonPath phase2 = await().atMost(EVENTUALLY).until(() -> findCase(OTHER_EUO, "2", submission), c -> c != null);
        as(OTHER_EUO, APPROVAL).body(Map.of("contentHash", phase2.getString("contentHash"), "outcome", "APPROVED",
                "declarationAccepted", true)).post("/api/v1/cases/" + phase2.getString("id") + "/decision")
                .then().statusCode(200);
        as(OTHER_EUO, APPROVAL).body(Map.of("comment", "Accepted for Southmoor"))
                .post(deployment + "/non-conformances/API-03/acceptance").then().statusCode(204);
        as(OTHER_EUO, APPROVAL).body(agreement("END_USER_POLICY")).post(deployment + "/agreements").then().statusCode(201);
        as(OTHER_EUO, APPROVAL).body(agreement("DSA")).post(deployment + "/agreements").then().statusCode(201);
        as(OTHER_EUO, APPROVAL).body(Map.of("kind", "SIRO")).post(deployment + "/sign-offs").then().statusCode(204);
        as(OTHER_EUO, APPROVAL).post(deployment + "/go-live").then().statusCode(200).body("live", equalTo(true));
        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(inbox(OTHER_EUO)).contains("Go-live is ready"));
    }

    // --- steps ---

    /** Confirms a carried answer as it stands (the same answer, stated again). */
    private static void confirm(Supplier<RequestSpecification> who, String base, String row) {
        JsonPath responses = who.get().get(base + "/responses").then().statusCode(200).extract().jsonPath();
        String at = "find { it.requirementId == '" + row + "' }.";
        assertThat(responses.getBoolean(at + "reattest")).isTrue();
        Map<String, Object> same = new java.util.HashMap<>();
        for (String field : List.of("answer", "implementationRef", "notes", "testRef")) {
            same.put(field, responses.getString(at + field));
        }
        who.get().header("If-Match", responses.getString(at + "etag")).body(same).put(base + "/responses/" + row).then()
                .statusCode(200).body("reattest", equalTo(false));
    }

    /**
     * The programme's template version 2.0: API-02 reworded and a new MUST row API-04, which requires a penetration
     * test; the rest as in 1.0.
     */
    @SuppressWarnings("unchecked")
    private static String publishNextVersion(String templateId) {
        List<Map<String, Object>> sections = as(ADMIN, ASSESSMENT).get("/api/v1/templates/" + templateId).then()
                .statusCode(200).extract().jsonPath().getList("sections");
        List<Map<String, Object>> next = new ArrayList<>();
        for (Map<String, Object> section : sections) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Map<String, Object> row : (List<Map<String, Object>>) section.get("requirements")) {
                Map<String, Object> copy = new java.util.HashMap<>(row);
                rows.add(copy);
                if ("API-02".equals(row.get("id"))) {
                    copy.put("title", row.get("title") + ", timeouts included");
                    Map<String, Object> added = new java.util.HashMap<>(row);
                    added.put("id", "API-04");
                    added.put("title", "Retries back off exponentially");
                    added.put("level", "MUST");
                    added.put("evidence", "PEN_TEST");
                    rows.add(added);
                }
            }
            Map<String, Object> copy = new java.util.HashMap<>(section);
            copy.put("requirements", rows);
            next.add(copy);
        }
        String id = as(ADMIN, ASSESSMENT).body(Map.of("version", "2.0", "sections", next))
                .post("/api/v1/programmes/" + DemoData.SAMPLE_PROGRAMME + "/templates").then().statusCode(201).extract().path("id");
        as(ADMIN, ASSESSMENT).post("/api/v1/templates/" + id + "/publish").then().statusCode(200);
        return id;
    }

    /** The open case of this journey's submission in {@code phase}, once approval-service has opened it. */
    private JsonPath openCase(String phase) {
        DemoUser viewer = "2".equals(phase) ? EUO : ASSURANCE;
        return await().atMost(EVENTUALLY).until(() -> submissions.stream().map(s -> findCase(viewer, phase, s))
                .filter(c -> c != null).findFirst().orElse(null), c -> c != null);
    }

    /** The review case of a submission in the given phase (any phase when null), as {@code viewer} sees it; null if none yet. */
    private static JsonPath findCase(DemoUser viewer, String phase, String submissionId) {
        RequestSpecification request = as(viewer, APPROVAL).queryParam("submission", submissionId);
        JsonPath page = (phase == null ? request : request.queryParam("phase", phase)).get("/api/v1/cases").then()
                .statusCode(200).extract().jsonPath();
        return page.getList("items").isEmpty() ? null : new JsonPath(page.prettify()).setRootPath("items[0]");
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static void awaitOutboxesDrained() {
        for (TomService service : TomService.values()) {
            await().atMost(EVENTUALLY).until(() -> as(ADMIN, service).get("/api/v1/ops/outbox").then().statusCode(200)
                    .extract().<Integer>path("pending"), pending -> pending == 0);
        }
    }

    /** Every audit entry matching {@code filter} (query parameters), through all pages, as the auditor sees them. */
    private static List<Map<String, Object>> entries(Map<String, ?> filter) {
        List<Map<String, Object>> all = new ArrayList<>();
        Object after = null;
        do {
            RequestSpecification request = as(AUDITOR, AUDIT).queryParam("limit", 200).queryParams(filter);
            JsonPath page = (after == null ? request : request.queryParam("after", after)).get("/api/v1/audit/entries")
                    .then().statusCode(200).extract().jsonPath();
            all.addAll(page.getList("items"));
            after = page.get("next");
        } while (after != null);
        return all;
    }

    private static List<String> submissionsAudited() {
        return as(AUDITOR, AUDIT).get("/api/v1/audit/completeness").then().statusCode(200).extract().jsonPath()
                .getList("submissionId", String.class);
    }

    private static List<String> inbox(DemoUser user) {
        return as(user, NOTIFICATION).get("/api/v1/inbox?limit=200").then().statusCode(200).extract().jsonPath()
                .getList("items.title", String.class);
    }

    private static List<String> emailsTo(DemoUser user) {
        return E2eStack.stack().mail().received().stream().filter(m -> sentTo(m, user.email())).map(JourneyTest::subject).toList();
    }

    private static boolean sentTo(MimeMessage message, String address) {
        try {
            Address[] to = message.getRecipients(Message.RecipientType.TO);
            return to != null && Arrays.stream(to).anyMatch(a -> a.toString().contains(address));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
