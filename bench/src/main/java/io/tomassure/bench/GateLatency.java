package io.tomassure.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.awaitility.Awaitility;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.tomassure.stack.DemoData;
import io.tomassure.stack.DemoUser;
import io.tomassure.stack.TomService;

/**
 * The last condition of a deployment's go-live gate met, to go-live-ready emitted. Each sample is a fresh product
 * assessment on the sample template, approved by NHS Digital (Phase 1A; Phase 1B with a certificate), and a
 * deployment whose Phase 2 the EUO approved and whose End User Policy it signed, the supplier's Connection Agreement
 * being in place: the SIRO's sign-off is the last condition. Timed from just before that request to the publication
 * of go-live-ready to Kafka (its outbox row's published_at) and to its entry in the audit log.
 */
final class GateLatency {
    record Result(Stats toPublished, Stats toAudit) {
    }

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final DemoUser EUO = DemoUser.EUO_NORTH;

    /** {@code run}: which of repeated runs this is (from 1), so that each run's product versions are new. */
    static Result measure(Bench bench, int samples, int run) throws Exception {
        new DemoData(bench.config, bench::log).publishSampleTemplate(); // its rows are the ones walked here
        Fixtures product = Fixtures.of(bench, DemoData.SAMPLE_PROGRAMME);
        List<Double> published = new ArrayList<>();
        List<Double> audited = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            String deploymentId = readyButForTheSiro(bench, product, run, i);
            String deployment = "/api/v1/deployments/" + deploymentId;
            Instant sent = Instant.now();
            bench.as(EUO, TomService.APPROVAL).body(Map.of("kind", "SIRO")).post(deployment + "/sign-offs").then().statusCode(204);
            String[] event = await(() -> goLiveReadyPublished(bench, deploymentId));
            published.add(Duration.between(sent, Instant.parse(event[1])).toNanos() / 1e6);
            Instant recorded = Instant.parse(await(() -> auditRecorded(bench, event[0])));
            audited.add(Duration.between(sent, recorded).toNanos() / 1e6);
        }
        Stats toPublished = Stats.of("SIRO sign-off sent -> go-live-ready published", 0, toArray(published), 0, 0);
        Stats toAudit = Stats.of("SIRO sign-off sent -> go-live-ready in the audit log", 0, toArray(audited), 0, 0);
        bench.log("  %d gates: published p50 %.0f ms p99 %.0f ms; audited p50 %.0f ms p99 %.0f ms".formatted(samples,
                toPublished.p50(), toPublished.p99(), toAudit.p50(), toAudit.p99()));
        return new Result(toPublished, toAudit);
    }

    /** A deployment whose gate waits only for the SIRO's sign-off. */
    private static String readyButForTheSiro(Bench bench, Fixtures product, int run, int sample) {
        String assessment = "/api/v1/assessments/" + product.newAssessment(bench, "gate-%d-%d".formatted(run, sample));
        answer(() -> bench.supplierSystem(TomService.ASSESSMENT), assessment, "SI-01", "Gate sample " + sample);
        for (String row : List.of("SI-02", "AR-01", "CS-01", "API-01", "API-02", "API-03")) {
            answer(() -> bench.supplierSystem(TomService.ASSESSMENT), assessment, row, "Compliant");
        }
        String phase1a = submit(bench.supplierSystem(TomService.ASSESSMENT).body(Map.of("phase", "1A")), assessment);
        String phase1b = submit(bench.supplierSystem(TomService.ASSESSMENT).body(Map.of("phase", "1B")), assessment);
        String deploymentId = bench.as(DemoUser.SUPPLIER, TomService.ASSESSMENT)
                .body(Map.of("assessmentId", assessment.substring(assessment.lastIndexOf('/') + 1), "euoOdsCode", EUO.org()))
                .post("/api/v1/deployments").then().statusCode(201).extract().path("id");
        String deployment = "/api/v1/deployments/" + deploymentId;
        for (String row : List.of("US-01", "US-02", "TP-01")) {
            answer(() -> bench.as(EUO, TomService.ASSESSMENT), deployment, row, "Compliant");
        }
        answer(() -> bench.as(EUO, TomService.ASSESSMENT), deployment, "IG-01", "Yes");
        answer(() -> bench.as(EUO, TomService.ASSESSMENT), deployment, "IG-02", "Yes");
        String phase2 = submit(bench.as(EUO, TomService.ASSESSMENT), deployment);

        JsonPath case2 = await(() -> openCase(bench, EUO, phase2));
        bench.as(EUO, TomService.APPROVAL).body(Map.of("contentHash", case2.getString("contentHash"), "outcome", "APPROVED",
                "declarationAccepted", true)).post("/api/v1/cases/" + case2.getString("id") + "/decision").then().statusCode(200);
        JsonPath case1a = await(() -> openCase(bench, DemoUser.ASSURANCE, phase1a));
        bench.as(DemoUser.ASSURANCE, TomService.APPROVAL).body(Map.of("contentHash", case1a.getString("contentHash"),
                "outcome", "APPROVED", "reason", "Usage and settings acceptable", "areas", List.of(
                        Map.of("area", "SYSTEM_USAGE", "approved", true, "reason", "Referrals only"),
                        Map.of("area", "SYSTEM_SETTING", "approved", true, "reason", "Acute trust"),
                        Map.of("area", "DATA_USER_ORGANISATION", "approved", true, "reason", "The trust itself"))))
                .post("/api/v1/cases/" + case1a.getString("id") + "/decision").then().statusCode(200);
        JsonPath case1b = await(() -> openCase(bench, DemoUser.ASSURANCE, phase1b));
        bench.as(DemoUser.ASSURANCE, TomService.APPROVAL).body(Map.of("contentHash", case1b.getString("contentHash"),
                "outcome", "APPROVED", "certificateNumber", "IAC-9999-%08d".formatted(run * 10_000 + sample)))
                .post("/api/v1/cases/" + case1b.getString("id") + "/decision").then().statusCode(200);
        if (run == 1 && sample == 0) { // once for the product, now that approval-service knows it
            bench.as(DemoUser.SUPPLIER, TomService.APPROVAL).body(agreement("CONNECTION_AGREEMENT"))
                    .post("/api/v1/products/" + product.productId + "/agreements").then().statusCode(201);
        }
        bench.as(EUO, TomService.APPROVAL).body(agreement("END_USER_POLICY")).post(deployment + "/agreements").then()
                .statusCode(201);
        await(() -> {
            List<String> blockers = bench.as(EUO, TomService.APPROVAL).get(deployment + "/readiness").then().extract()
                    .jsonPath().getList("blockers");
            return List.of("Sign-off not recorded: SIRO").equals(blockers) ? "ready" : null;
        });
        return deploymentId;
    }

    private static void answer(Supplier<RequestSpecification> who, String base, String row, String answer) {
        who.get().header("If-Match", "*").body(Map.of("answer", answer)).put(base + "/responses/" + row).then().statusCode(200);
    }

    private static String submit(RequestSpecification who, String base) {
        return who.post(base + "/submissions").then().statusCode(201).extract().path("id");
    }

    /** The case approval-service opened for a submission, once it has; the newest cases come last. */
    private static JsonPath openCase(Bench bench, DemoUser viewer, String submissionId) {
        JsonPath page = bench.as(viewer, TomService.APPROVAL).queryParam("submission", submissionId).get("/api/v1/cases")
                .then().statusCode(200).extract().jsonPath();
        return page.getList("items").isEmpty() ? null : new JsonPath(page.prettify()).setRootPath("items[0]");
    }

    /** The go-live-ready event of the deployment, once published: its id and publication time. */
    private static String[] goLiveReadyPublished(Bench bench, String deploymentId) throws Exception {
        return queryOne(bench, TomService.APPROVAL, "select event_id::text, published_at from outbox_event "
                + "where event_type = 'tom.approval.go-live-ready' and message_key = ? and published_at is not null",
                deploymentId);
    }

    private static String auditRecorded(Bench bench, String eventId) throws Exception {
        String[] row = queryOne(bench, TomService.AUDIT, "select event_id::text, recorded_at from audit_entry where event_id = ?::uuid",
                eventId);
        return row == null ? null : row[1];
    }

    private static String[] queryOne(Bench bench, TomService service, String sql, String parameter) throws Exception {
        try (Connection c = bench.db(service); PreparedStatement select = c.prepareStatement(sql)) {
            select.setString(1, parameter);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? new String[] { rs.getString(1), rs.getTimestamp(2).toInstant().toString() } : null;
            }
        }
    }

    /** Polls every few milliseconds until a value comes (or fails after half a minute). */
    private static <T> T await(Callable<T> poll) {
        return Awaitility.await().atMost(PATIENCE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                .until(poll, Objects::nonNull);
    }

    private static Map<String, Object> agreement(String kind) {
        LocalDate today = LocalDate.now();
        return Map.of("kind", kind, "signatory", "Bench Signer", "signatoryRole", "Director", "signedOn", today.toString(),
                "documentVersion", "v3", "expiresOn", today.plusYears(1).toString());
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private GateLatency() {
    }
}
