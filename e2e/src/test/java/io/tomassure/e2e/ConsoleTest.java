package io.tomassure.e2e;

import static io.tomassure.e2e.Api.as;
import static io.tomassure.e2e.Api.supplierSystem;
import static io.tomassure.e2e.Journey.answer;
import static io.tomassure.e2e.Journey.compliant;
import static io.tomassure.stack.TomService.APPROVAL;
import static io.tomassure.stack.TomService.ASSESSMENT;
import static io.tomassure.stack.TomService.AUDIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tomassure.stack.DemoData;
import io.tomassure.stack.DemoUser;
import io.tomassure.testing.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The journey walked through the console in a real browser by the people in it, each signed in through Keycloak:
 * the supplier sees what is missing, checks its workbook through the upload form and submits; NHS Digital decides 1A
 * with a condition and 1B with a certificate (1B with the keyboard alone); the EUO meets a colleague's concurrent
 * answer (refused, with a reload), answers Phase 2, accepts the risk, approves, and watches its gate turn from blocked
 * to ready without a reload; another EUO sees none of it; an auditor proves an entry in the browser and follows the
 * live log; clinical safety resolves an escalation. The supplier's system still answers its rows through the API.
 */
@ExtendWith(E2eStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleTest {
    private static final Duration EVENTUALLY = Duration.ofSeconds(120);
    private static final DemoUser EUO = DemoUser.EUO_NORTH;

    private String console;
    private String assessmentId;
    private String deploymentId;

    @BeforeAll
    void product() {
        assumeTrue(HeadlessChromium.installed(), "Debian's chromium and chromium-driver are not installed (apt-get install chromium "
                + "chromium-driver; .ci/run does it): the console's browser tests cannot run");
        console = Api.config().consoleUrl();
        new DemoData(Api.config(), line -> System.out.println("[console demo] " + line)).sampleTemplateOnly().load();
        assessmentId = newAssessment("Console Referrals").path("id");
        String assessment = "/api/v1/assessments/" + assessmentId;
        answer(() -> supplierSystem(ASSESSMENT), assessment, "SI-01", Map.of("answer", "Console Referrals 1.0"));
        for (String row : List.of("AR-01", "CS-01", "API-01", "API-02")) {
            answer(() -> supplierSystem(ASSESSMENT), assessment, row, compliant());
        }
        answer(() -> supplierSystem(ASSESSMENT), assessment, "API-03", Map.of("answer", "Non-compliant",
                "nonConformance", Map.of("detail", "Errors appear as codes", "mitigation", "Help desk script",
                        "risk", "AMBER")));
        deploymentId = as(DemoUser.SUPPLIER, ASSESSMENT).body(Map.of("assessmentId", assessmentId, "euoOdsCode", EUO.org()))
                .post("/api/v1/deployments").then().statusCode(201).extract().path("id");
    }

    @Test
    @Order(1)
    void theJourneyThroughTheConsole() throws Exception {
        try (Browser supplier = new Browser(console); Browser euo = new Browser(console);
                Browser reviewer = new Browser(console)) {
            // The supplier sees the one row still missing before 1A, and submits both phases once it is answered.
            supplier.signIn(DemoUser.SUPPLIER).checked();
            assertThat(supplier.url()).endsWith("/assessments");
            supplier.open("/assessments/" + assessmentId);
            assertThat(supplier.driver().findElement(By.cssSelector("[data-testid=missing-1A]")).getText()).contains("SI-02");
            answer(() -> supplierSystem(ASSESSMENT), "/api/v1/assessments/" + assessmentId, "SI-02", compliant());
            supplier.open("/assessments/" + assessmentId).screenshot("supplier-assessment");
            // Its exported workbook, checked through the upload form: the bar follows the bytes, nothing is saved.
            Path workbook = Files.createTempFile("console-workbook", ".xlsx");
            Files.write(workbook, supplierSystem(ASSESSMENT).get("/api/v1/assessments/" + assessmentId + "/workbook").then()
                    .statusCode(200).extract().asByteArray());
            supplier.driver().findElement(By.id("workbook-file")).sendKeys(workbook.toString());
            supplier.tick(By.id("dryRun"));
            supplier.driver().findElement(By.xpath("//button[normalize-space()='Import the workbook']")).click();
            supplier.until(ExpectedConditions.textToBePresentInElementLocated(By.id("import-result"), "Checked (nothing saved)"));
            assertThat(supplier.driver().findElement(By.id("upload-progress")).getDomProperty("value")).isEqualTo("100");
            assertThat(supplier.driver().findElement(By.id("import-result")).getText()).contains("0 applied");
            supplier.checked();
            supplier.click(By.xpath("//button[normalize-space()='Submit Phase 1A']"));
            assertThat(supplier.text()).contains("Phase 1A submitted for review");
            supplier.click(By.xpath("//button[normalize-space()='Submit Phase 1B']"));
            supplier.type(By.id("ca-signatory"), "Sam Supplier").type(By.id("ca-role"), "Managing director")
                    .type(By.id("ca-version"), "v3").set(By.id("ca-expires"), LocalDate.now().plusYears(1).toString());
            supplier.click(By.xpath("//button[normalize-space()='Record the Connection Agreement']"));
            assertThat(supplier.text()).contains("Agreement recorded");
            supplier.assertAccessible();

            // The EUO: the gate is blocked and says why; it answers its Phase 2 rows and submits.
            euo.signIn(EUO).open("/deployments/" + deploymentId);
            assertThat(gate(euo)).isEqualTo("blocked");
            assertThat(euo.text()).contains("Phase 1A (usage and settings) is under review, not approved",
                    "End User Policy not signed");
            // A colleague answers US-01 through the API while the page is open: saving it is refused with a reload,
            // never written over the colleague's answer.
            String deployment = "/api/v1/deployments/" + deploymentId;
            answer(() -> as(EUO, ASSESSMENT), deployment, "US-01", Map.of("answer", "Compliant", "notes", "by a colleague"));
            euo.type(By.id("answer-US-01"), "Non-compliant");
            euo.click(By.xpath("//button[normalize-space()='Save US-01']"));
            assertThat(euo.text()).contains("Changed since you opened this page");
            euo.click(By.linkText("Reload the page you came from"));
            assertThat(euo.url()).endsWith("/deployments/" + deploymentId);
            assertThat(euo.driver().findElements(By.id("answer-US-01"))).as("answered meanwhile: not outstanding").isEmpty();
            as(EUO, ASSESSMENT).get(deployment + "/responses").then().statusCode(200)
                    .body("find { it.requirementId == 'US-01' }.notes", org.hamcrest.Matchers.equalTo("by a colleague"));
            for (String row : List.of("US-02", "TP-01", "IG-01", "IG-02")) {
                euo.type(By.id("answer-" + row), row.startsWith("IG") ? "Yes" : "Compliant");
                euo.click(By.xpath("//button[normalize-space()='Save " + row + "']"));
            }
            euo.click(By.xpath("//button[normalize-space()='Submit Phase 2']"));
            assertThat(euo.text()).contains("Phase 2 submitted");
            euo.type(By.id("accept-API-03"), "The help desk script covers it here");
            euo.click(By.xpath("//button[normalize-space()='Accept API-03']"));
            recordAgreement(euo, "END_USER_POLICY");
            recordAgreement(euo, "DSA");
            for (String signOff : List.of("SIRO", "SIRO_RISK_ASSESSMENT")) { // the IG outcome CHECK asks for both
                euo.select(By.id("signoff"), signOff);
                euo.click(By.xpath("//button[normalize-space()='Record the sign-off']"));
                assertThat(euo.text()).contains("Sign-off recorded");
            }
            // Phase 2, decided by the EUO on its case page.
            await().atMost(EVENTUALLY).until(() -> euo.open("/deployments/" + deploymentId).text().contains("Phase 2 revision 1"));
            euo.click(By.linkText("Phase 2 revision 1"));
            euo.tick(By.id("declarationAccepted")).select(By.id("outcome"), "APPROVED");
            euo.click(By.xpath("//button[normalize-space()='Record the decision']"));
            assertThat(euo.text()).contains("Decision recorded");
            euo.open("/deployments/" + deploymentId).screenshot("euo-gate-blocked");
            assertThat(gate(euo)).isEqualTo("blocked");
            // a second on, in England's time, as the page's form gives it: the gate blocked, before NHS Digital decides
            String blockedAt = java.time.LocalDateTime.now(java.time.ZoneId.of("Europe/London"))
                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(1).toString();

            // NHS Digital: the queue, then 1A with a condition, discharged; the non-conformance reviewed; 1B with a certificate.
            reviewer.signIn(DemoUser.ASSURANCE).checked();
            assertThat(reviewer.url()).endsWith("/cases");
            String phase1a = caseLink(reviewer, "1A");
            String phase1b = caseLink(reviewer, "1B");
            reviewer.screenshot("reviewer-queue");
            reviewer.open(phase1a).screenshot("reviewer-case");
            assertThat(reviewer.driver().findElement(By.cssSelector("[data-testid=content-hash]")).getText()).matches("[0-9a-f]{64}");
            reviewer.select(By.id("outcome"), "APPROVED_DSA_REQUIRED").type(By.id("usageReason"), "Referrals only")
                    .type(By.id("settingReason"), "Acute trust").type(By.id("organisationReason"), "The trust itself");
            reviewer.click(By.xpath("//button[normalize-space()='Record the decision']"));
            assertThat(reviewer.text()).contains("Decision recorded", "DSA signed");
            assertThat(reviewer.driver().findElement(By.cssSelector("[data-testid=outcome]")).getText()).startsWith("APPROVED");
            reviewer.type(By.cssSelector("input[name=evidence]"), "DSA 2026/204 countersigned");
            reviewer.click(By.xpath("//button[normalize-space()='Discharge']"));
            assertThat(reviewer.text()).contains("Condition discharged", "discharged by " + DemoUser.ASSURANCE.username());
            // 1B with the keyboard alone: Tab to each control (its focus visible), type, Enter.
            reviewer.open(phase1b);
            reviewer.tabTo(By.id("review-comment-API-03")).keys("Acceptable with the script");
            reviewer.tabTo(By.xpath("//button[normalize-space()='Record review of API-03']")).enter();
            assertThat(reviewer.text()).contains("Non-conformance reviewed");
            String certificate = "IAC-2026-" + (10_000_000 + new java.util.Random().nextInt(89_999_999));
            reviewer.tabTo(By.id("outcome"));
            assertThat(reviewer.driver().findElement(By.id("outcome")).getDomProperty("value")).isEqualTo("APPROVED");
            reviewer.tabTo(By.id("certificateNumber")).keys(certificate);
            reviewer.tabTo(By.xpath("//button[normalize-space()='Record the decision']")).enter();
            assertThat(reviewer.driver().findElement(By.cssSelector("[data-testid=certificate]")).getText()).isEqualTo(certificate);
            reviewer.assertAccessible();

            // The EUO's page, open all along, turns ready by itself, and the EUO goes live.
            euo.until(d -> gate(euo).equals("ready"));
            assertThat(euo.driver().findElement(By.tagName("body")).getDomAttribute("data-gate-entries"))
                    .as("the deployment's audit entries reached the open page over its stream").isNotNull();
            assertThat(euo.driver().findElements(By.cssSelector("[data-testid=gate-checks] li.unmet"))).isEmpty();
            euo.checked().screenshot("euo-gate-ready");
            euo.click(By.xpath("//button[normalize-space()='Go live']"));
            assertThat(gate(euo)).isEqualTo("live");
            euo.assertAccessible();

            // Live now; the gate as it stood when Phase 2 was decided, replayed from the audit log, with its source.
            assertThat(euo.driver().findElement(By.id("gate-at")).getDomAttribute("type")).isEqualTo("datetime-local");
            String then = "/deployments/" + deploymentId + "/gate/then?at=" + blockedAt;
            euo.until(d -> euo.open(then).text().contains("Replayed from the central audit log"));
            assertThat(euo.driver().findElement(By.cssSelector("[data-testid=gate-then-state]")).getText()).isEqualTo("blocked");
            assertThat(euo.text()).contains("Phase 1A (usage and settings) is under review, not approved");
            euo.checked().screenshot("euo-gate-then");
            euo.assertAccessible();
        }
    }

    @Test
    @Order(2)
    void anotherEuoSeesNoneOfTheJourneyInTheConsole() {
        assumeTrue(deploymentId != null, "the journey did not get that far");
        try (Browser other = new Browser(console)) {
            other.signIn(DemoUser.EUO_SOUTH).open("/deployments");
            assertThat(other.driver().getPageSource()).doesNotContain(deploymentId).doesNotContain(assessmentId);
            other.open("/cases");
            assertThat(other.driver().getPageSource()).doesNotContain(deploymentId).doesNotContain(assessmentId);
            other.open("/deployments/" + deploymentId);
            assertThat(other.text()).contains("Status 404").doesNotContain(EUO.org());
            other.open("/assessments/" + assessmentId);
            assertThat(other.text()).contains("Status 404");
            other.assertAccessible();
        }
    }

    @Test
    @Order(3)
    void anAuditorProvesAnEntryInTheBrowser() {
        assumeTrue(deploymentId != null, "the journey did not get that far");
        await().atMost(EVENTUALLY).until(() -> as(DemoUser.AUDITOR, AUDIT).get("/api/v1/audit/assessments/" + assessmentId
                + "/history").then().extract().<List<?>>path("items").size() > 3);
        as(DemoUser.AUDITOR, AUDIT).post("/api/v1/audit/checkpoints").then().statusCode(200);
        try (Browser auditor = new Browser(console)) {
            auditor.signIn(DemoUser.AUDITOR).open("/audit?assessment=" + assessmentId).screenshot("auditor-history");
            assertThat(auditor.text()).contains("tom.assessment.created");
            auditor.click(By.partialLinkText("Check entry"));
            auditor.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=proof-result]"),
                    "Proved in your browser"));
            assertThat(auditor.driver().findElement(By.cssSelector("[data-testid=proof-result]")).getText())
                    .as("the leaf computed in the browser from the entry, not taken from the server")
                    .contains("hashed here from its content");
            auditor.checked().screenshot("auditor-proof");

            // The live log: the latest entries at once, then a new one as it is logged.
            auditor.open("/audit/live");
            By rows = By.cssSelector("[data-testid=live-entries] tr");
            auditor.until(ExpectedConditions.numberOfElementsToBeMoreThan(rows, 0));
            long latest = Long.parseLong(auditor.driver().findElement(By.cssSelector("[data-testid=live-entries] tr td")).getText());
            newAssessment("Seen in the live log"); // logged whatever state the journey left its own assessment in
            auditor.until(d -> Long.parseLong(d.findElement(By.cssSelector("[data-testid=live-entries] tr td")).getText()) > latest);
            assertThat(auditor.driver().findElement(By.cssSelector("[data-testid=stream-status]")).getText()).startsWith("Connected");
            auditor.checked().screenshot("auditor-live").assertAccessible();
        }
        // the gate the browser saw is the service's
        as(EUO, APPROVAL).get("/api/v1/deployments/" + deploymentId + "/readiness").then().statusCode(200)
                .body("live", org.hamcrest.Matchers.equalTo(true));
    }

    @Test
    @Order(4)
    void clinicalSafetyResolvesAnEscalationInTheConsole() {
        // A product that updates Spine (clinical-safety level 4): its 1A submission raises an escalation.
        var created = newAssessment("Spine Writer");
        String assessment = "/api/v1/assessments/" + created.path("id");
        as(DemoUser.SUPPLIER, ASSESSMENT).header("If-Match", created.header("ETag")).body(Map.of("medicalDevice", false,
                "updatesSpine", true, "clinicalSafetyRelated", true, "changesLocalSystems", false))
                .put(assessment + "/impact").then().statusCode(200);
        answer(() -> supplierSystem(ASSESSMENT), assessment, "SI-01", Map.of("answer", "Spine Writer 1.0"));
        for (String row : List.of("SI-02", "AR-01", "CS-01", "API-01", "API-02", "API-03")) {
            answer(() -> supplierSystem(ASSESSMENT), assessment, row, compliant());
        }
        supplierSystem(ASSESSMENT).body(Map.of("phase", "1A")).post(assessment + "/submissions").then().statusCode(201);
        String assessmentId = created.path("id");
        try (Browser safety = new Browser(console)) {
            safety.signIn(DemoUser.CLINICAL_SAFETY);
            await().atMost(EVENTUALLY).until(() -> safety.open("/escalations").text().contains(assessmentId));
            String form = "//form[.//span[contains(., '" + assessmentId + "')]]";
            safety.type(By.xpath(form + "//textarea"), "CSG reviewed the Spine updates; hazard log accepted");
            safety.click(By.xpath(form + "//button[normalize-space()='Resolve']"));
            assertThat(safety.text()).contains("Escalation resolved", "hazard log accepted",
                    "resolved by " + DemoUser.CLINICAL_SAFETY.username());
            safety.screenshot("clinical-safety-escalations").assertAccessible();
        }
    }

    /** A new product of the supplier, version 1.0, assessed against the sample template (the creation's response). */
    private static io.restassured.response.ExtractableResponse<io.restassured.response.Response> newAssessment(String name) {
        String templateId = as(DemoUser.ADMIN, ASSESSMENT).get("/api/v1/programmes").then().statusCode(200).extract()
                .path("find { it.code == '" + DemoData.SAMPLE_PROGRAMME + "' }.templates[0].id");
        String product = as(DemoUser.SUPPLIER, ASSESSMENT).body(Map.of("name", name + " " + UUID.randomUUID()))
                .post("/api/v1/products").then().statusCode(201).extract().path("id");
        String version = as(DemoUser.SUPPLIER, ASSESSMENT).body(Map.of("version", "1.0"))
                .post("/api/v1/products/" + product + "/versions").then().statusCode(201).extract().path("id");
        return supplierSystem(ASSESSMENT).body(Map.of("productVersionId", version, "templateId", templateId))
                .post("/api/v1/assessments").then().statusCode(201).extract();
    }

    /** Pages carry personal data and are never stored; the assets are kept an hour, and sent compressed. */
    @Test
    @Order(5)
    void assetsAreCachedPagesNeverStoredAndTextCompressed() {
        for (String asset : List.of("/console.css", "/console.js", "/webjars/htmx.org/dist/htmx.min.js")) {
            var response = io.restassured.RestAssured.given().header("Accept-Encoding", "gzip").get(console + asset);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().getValues("Cache-Control")).as(asset).containsExactly("public, max-age=3600");
            assertThat(response.header("Content-Encoding")).as(asset).isEqualTo("gzip");
        }
        var page = io.restassured.RestAssured.get(console + "/signed-out");
        assertThat(page.headers().getValues("Cache-Control")).containsExactly("no-store");
    }

    private static void recordAgreement(Browser euo, String kind) {
        euo.select(By.id("kind"), kind).type(By.id("signatory"), "Erin Owner").type(By.id("signatoryRole"), "Director")
                .type(By.id("documentVersion"), "v3").set(By.id("expiresOn"), LocalDate.now().plusYears(1).toString());
        euo.click(By.xpath("//button[normalize-space()='Record the agreement']"));
        assertThat(euo.text()).contains("Agreement recorded");
    }

    private static String gate(Browser page) {
        return page.driver().findElement(By.cssSelector("[data-testid=gate-state]")).getText();
    }

    /** The queue's link to this journey's case of a phase, once approval-service has opened it. */
    private String caseLink(Browser reviewer, String phase) {
        return await().atMost(EVENTUALLY).until(() -> {
            reviewer.open("/cases?phase=" + phase);
            var items = as(DemoUser.ASSURANCE, APPROVAL).queryParam("state", "OPEN").queryParam("phase", phase)
                    .get("/api/v1/cases").then().statusCode(200).extract().jsonPath()
                    .<String>getList("items.findAll { it.assessmentId == '" + assessmentId + "' }.id");
            return items.isEmpty() ? null : "/cases/" + items.get(0);
        }, link -> link != null && reviewer.driver().getPageSource().contains(link));
    }
}
