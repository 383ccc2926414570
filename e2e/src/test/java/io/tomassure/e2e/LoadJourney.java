package io.tomassure.e2e;

import static io.tomassure.e2e.Api.as;
import static io.tomassure.e2e.Api.supplierSystem;
import static io.tomassure.stack.TomService.APPROVAL;
import static io.tomassure.stack.TomService.ASSESSMENT;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.tomassure.stack.DemoData;
import io.tomassure.stack.DemoUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * One product taken to go-live at two end-user organisations, as the fault suite's load: the supplier's system assesses
 * it and submits 1A and 1B, registers two deployments; each EUO answers and submits Phase 2; NHS Digital approves 1A
 * and 1B; each EUO approves Phase 2, signs its End User Policy and the sign-offs the gate asks for, and goes live.
 *
 * <p>Every step is safe to repeat and is repeated while the stack answers with a failure (5xx, a refused or dropped
 * connection): a fault may fail any request, but must not half-write it. A repeated creation first looks for what an
 * earlier attempt may have made, and a repeated submission or decision that was in fact taken is recognised (409).
 */
final class LoadJourney {

    /** How long one step may keep failing before the journey gives up: past a fault's longest outage. */
    private static final Duration STEP_PATIENCE = Duration.ofMinutes(3);
    private static final List<DemoUser> EUOS = List.of(DemoUser.EUO_NORTH, DemoUser.EUO_SOUTH);
    private static final List<String> SUPPLIER_ROWS = List.of("SI-01", "SI-02", "AR-01", "CS-01", "API-01", "API-02", "API-03");

    private final String name;
    private final List<String> log = new ArrayList<>();
    private volatile String stage = "not started";
    private final Set<String> passed = ConcurrentHashMap.newKeySet();
    private String productId;
    private String assessmentId;
    private final List<String> deployments = new ArrayList<>();

    LoadJourney(String label) {
        this.name = "Fault load " + label + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Whether the journey has done the named step. */
    boolean passed(String step) {
        return passed.contains(step);
    }

    List<String> deployments() {
        return deployments;
    }

    /** The whole journey; returns when both deployments are live. */
    void run() {
        String templateId = step("template", () -> as(DemoUser.ADMIN, ASSESSMENT).get("/api/v1/programmes").then()
                .statusCode(200).extract().<String>path("find { it.code == '" + DemoData.SAMPLE_PROGRAMME + "' }.templates[0].id"));
        productId = step("product", this::product);
        String versionId = step("version", () -> {
            String existing = supplierSystem(ASSESSMENT).get("/api/v1/products/" + productId).then().statusCode(200)
                    .extract().path("versions[0].id");
            return existing != null ? existing : created(supplierSystem(ASSESSMENT).body(Map.of("version", "1.0"))
                    .post("/api/v1/products/" + productId + "/versions"));
        });
        assessmentId = step("assessment", () -> {
            String existing = supplierSystem(ASSESSMENT).queryParam("limit", 200).get("/api/v1/assessments").then()
                    .statusCode(200).extract().path("items.find { it.productId == '" + productId + "' }.id");
            return existing != null ? existing : created(supplierSystem(ASSESSMENT)
                    .body(Map.of("productVersionId", versionId, "templateId", templateId)).post("/api/v1/assessments"));
        });
        String assessment = "/api/v1/assessments/" + assessmentId;
        for (String row : SUPPLIER_ROWS) {
            step("answer " + row, () -> answer(() -> supplierSystem(ASSESSMENT), assessment, row, Journey.compliant()));
        }
        String phase1a = step("submit 1A", () -> submit(() -> supplierSystem(ASSESSMENT).body(Map.of("phase", "1A")), assessment, "1A"));
        String phase1b = step("submit 1B", () -> submit(() -> supplierSystem(ASSESSMENT).body(Map.of("phase", "1B")), assessment, "1B"));
        for (DemoUser euo : EUOS) {
            deployments.add(step("deployment " + euo.org(), () -> deployment(euo)));
        }
        List<String> phase2 = new ArrayList<>();
        for (int i = 0; i < EUOS.size(); i++) {
            DemoUser euo = EUOS.get(i);
            String deployment = "/api/v1/deployments/" + deployments.get(i);
            for (String row : List.of("US-01", "US-02", "TP-01")) {
                step(euo.org() + " answers " + row, () -> answer(() -> as(euo, ASSESSMENT), deployment, row, Map.of("answer", "Compliant")));
            }
            for (String row : List.of("IG-01", "IG-02")) {
                step(euo.org() + " answers " + row, () -> answer(() -> as(euo, ASSESSMENT), deployment, row, Map.of("answer", "Yes")));
            }
            phase2.add(step(euo.org() + " submits 2", () -> submit(() -> as(euo, ASSESSMENT), deployment, "2")));
        }
        step("1A approved", () -> decide(DemoUser.ASSURANCE, phase1a, Map.of("outcome", "APPROVED", "areas", List.of(
                Map.of("area", "SYSTEM_USAGE", "approved", true, "reason", "Referrals only"),
                Map.of("area", "SYSTEM_SETTING", "approved", true, "reason", "Acute trust"),
                Map.of("area", "DATA_USER_ORGANISATION", "approved", true, "reason", "The trust itself")))));
        step("1B approved", () -> decide(DemoUser.ASSURANCE, phase1b, Map.of("outcome", "APPROVED",
                "certificateNumber", "IAC-2026-%08d".formatted(ThreadLocalRandom.current().nextInt(100_000_000)))));
        step("Connection Agreement", () -> agreeOnce(DemoUser.SUPPLIER, "/api/v1/products/" + productId + "/agreements",
                "CONNECTION_AGREEMENT", DemoUser.EUO_NORTH, deployments.get(0)));
        for (int i = 0; i < EUOS.size(); i++) {
            DemoUser euo = EUOS.get(i);
            String deployment = "/api/v1/deployments/" + deployments.get(i);
            String submission = phase2.get(i);
            step(euo.org() + " approves 2", () -> decide(euo, submission, Map.of("outcome", "APPROVED", "declarationAccepted", true)));
            String deploymentId = deployments.get(i);
            step(euo.org() + " End User Policy", () -> agreeOnce(euo, deployment + "/agreements", "END_USER_POLICY", euo,
                    deploymentId));
            step(euo.org() + " goes live", () -> goLive(euo, deployment));
        }
        stage = "live";
    }

    /** The step, repeated while the stack fails it, until it succeeds or {@link #STEP_PATIENCE} has passed. */
    private <T> T step(String what, Supplier<T> action) {
        stage = what;
        long deadline = System.nanoTime() + STEP_PATIENCE.toNanos();
        for (int attempt = 1;; attempt++) {
            try {
                T done = action.get();
                passed.add(what);
                return done;
            } catch (RuntimeException | AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + ": '" + what + "' still failing after " + attempt + " attempts",
                            e);
                }
                log.add(what + ": " + e.getClass().getSimpleName());
                sleep(Duration.ofMillis(Math.min(2_000, 250L * attempt)));
            }
        }
    }

    private String product() {
        String existing = supplierSystem(ASSESSMENT).queryParam("limit", 200).get("/api/v1/products").then().statusCode(200)
                .extract().path("items.find { it.name == '" + name + "' }.id");
        return existing != null ? existing : created(supplierSystem(ASSESSMENT).body(Map.of("name", name)).post("/api/v1/products"));
    }

    private String deployment(DemoUser euo) {
        String existing = as(DemoUser.SUPPLIER, ASSESSMENT).queryParam("limit", 200).get("/api/v1/deployments").then()
                .statusCode(200).extract().path("items.find { it.assessmentId == '" + assessmentId + "' && it.euoOds == '"
                        + euo.org() + "' }.id");
        return existing != null ? existing : created(as(DemoUser.SUPPLIER, ASSESSMENT)
                .body(Map.of("assessmentId", assessmentId, "euoOdsCode", euo.org())).post("/api/v1/deployments"));
    }

    private static Object answer(Supplier<io.restassured.specification.RequestSpecification> who, String base, String row,
            Map<String, ?> body) {
        Journey.answer(who, base, row, body);
        return row;
    }

    /** Submits a phase, or finds the revision an earlier attempt submitted (409: it is under review already). */
    private static String submit(Supplier<io.restassured.specification.RequestSpecification> who, String base, String phase) {
        Response response = who.get().post(base + "/submissions");
        if (response.statusCode() == 201) {
            return response.path("id");
        }
        expect(response, 409);
        List<Map<String, Object>> revisions = who.get().get(base + "/submissions").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.phase == '" + phase + "' }");
        return (String) revisions.get(revisions.size() - 1).get("id");
    }

    /** Decides the case of a revision, once it is open; a decision an earlier attempt took is recognised (409). */
    private static Object decide(DemoUser who, String submission, Map<String, Object> decision) {
        JsonPath found = as(who, APPROVAL).queryParam("submission", submission).get("/api/v1/cases").then().statusCode(200)
                .extract().jsonPath();
        if (found.getList("items").isEmpty()) {
            throw new IllegalStateException("no case yet for " + submission); // the event is on its way: try again
        }
        JsonPath reviewCase = new JsonPath(found.prettify()).setRootPath("items[0]");
        if ("DECIDED".equals(reviewCase.getString("state"))) {
            return reviewCase.getString("id");
        }
        Map<String, Object> body = new java.util.HashMap<>(decision);
        body.put("contentHash", reviewCase.getString("contentHash"));
        Response response = as(who, APPROVAL).body(body).post("/api/v1/cases/" + reviewCase.getString("id") + "/decision");
        if (response.statusCode() != 200) {
            expect(response, 409);
        }
        return reviewCase.getString("id");
    }

    /**
     * Records an agreement unless the gate of {@code deploymentId}, as {@code reader} sees it, no longer asks for it
     * (an earlier attempt recorded it).
     */
    private static Object agreeOnce(DemoUser who, String path, String kind, DemoUser reader, String deploymentId) {
        String named = kind.equals("CONNECTION_AGREEMENT") ? "Connection Agreement" : "End User Policy";
        if (blockers(reader, deploymentId).stream().anyMatch(b -> b.startsWith(named))) {
            expect(as(who, APPROVAL).body(Journey.agreement(kind)).post(path), 201);
        }
        return kind;
    }

    /** Signs what the gate asks the EUO for, waits for it to open, and goes live. */
    private static Object goLive(DemoUser euo, String deployment) {
        JsonPath readiness = as(euo, APPROVAL).get(deployment + "/readiness").then().statusCode(200).extract().jsonPath();
        if (readiness.getBoolean("live")) {
            return deployment;
        }
        for (String blocker : readiness.getList("blockers", String.class)) {
            if (blocker.startsWith("Sign-off not recorded: ")) {
                expect(as(euo, APPROVAL).body(Map.of("kind", blocker.substring("Sign-off not recorded: ".length())))
                        .post(deployment + "/sign-offs"), 204);
            }
        }
        if (!as(euo, APPROVAL).get(deployment + "/readiness").then().statusCode(200).extract().<Boolean>path("open")) {
            throw new IllegalStateException(deployment + " is not ready yet"); // decisions still on their way: again
        }
        expect(as(euo, APPROVAL).post(deployment + "/go-live"), 200);
        return deployment;
    }

    private static List<String> blockers(DemoUser euo, String deploymentId) {
        return as(euo, APPROVAL).get("/api/v1/deployments/" + deploymentId + "/readiness").then().statusCode(200).extract()
                .jsonPath().getList("blockers", String.class);
    }

    private static String created(Response response) {
        expect(response, 201);
        return response.path("id");
    }

    private static void expect(Response response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.asString());
        }
    }

    @Override
    public String toString() {
        return name + " at '" + stage + "'" + (log.isEmpty() ? "" : ", " + log.size() + " step(s) repeated");
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
