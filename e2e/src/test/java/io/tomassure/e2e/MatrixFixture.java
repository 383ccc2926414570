package io.tomassure.e2e;

import static io.tomassure.e2e.Api.as;
import static io.tomassure.stack.TomService.APPROVAL;
import static io.tomassure.stack.TomService.ASSESSMENT;
import static io.tomassure.stack.TomService.AUDIT;
import static io.tomassure.stack.TomService.NOTIFICATION;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.tomassure.stack.DemoData;
import io.tomassure.stack.DemoUser;
import io.tomassure.stack.TomService;
import io.tomassure.stack.Tokens;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The objects the authorisation matrix calls upon, made through the API as their owners would make them: a product of
 * the demo supplier (YGM27) with its assessment, 1A approved on condition of a DSA, 1B under review with a
 * non-conformance and a clinical-safety escalation, evidence, a deployment by RXX01, a webhook and an inbox notice;
 * and the callers the demo realm lacks, made through Keycloak's admin API: a user without a TOM role, and each role
 * in a foreign organisation (the supplier YGM28; NHS Digital's roles in X99; the foreign EUO is RXX02's demo user).
 */
final class MatrixFixture {

    private static final Duration EVENTUALLY = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String FOREIGN_SUPPLIER = "YGM28";
    static final String FOREIGN_CENTRAL = "X99";

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, String> tokens = new HashMap<>();
    private final Map<String, String> ids = new HashMap<>();
    private String productName;
    private byte[] productWorkbook;
    private byte[] deploymentWorkbook;

    private MatrixFixture() {
    }

    static MatrixFixture create() {
        MatrixFixture fixture = new MatrixFixture();
        fixture.users();
        fixture.objects();
        return fixture;
    }

    static String foreignOrganisation(String role) {
        return switch (role) {
            case "supplier" -> FOREIGN_SUPPLIER;
            case "euo" -> DemoUser.EUO_SOUTH.org();
            default -> FOREIGN_CENTRAL;
        };
    }

    String token(String username) {
        return tokens.computeIfAbsent(username, u -> Api.tokens().password(u, Tokens.DEMO_PASSWORD));
    }

    /** Each organisation the fixture involves, with the words that name it (code, name). */
    Map<String, List<String>> organisations() {
        return Map.of(DemoUser.SUPPLIER.org(), List.of(DemoUser.SUPPLIER.org(), "Meadow Health", productName),
                DemoUser.EUO_NORTH.org(), List.of(DemoUser.EUO_NORTH.org(), "Northbridge"),
                DemoUser.EUO_SOUTH.org(), List.of(DemoUser.EUO_SOUTH.org(), "Southmoor"),
                FOREIGN_SUPPLIER, List.of(FOREIGN_SUPPLIER, "Foreign Matrix Supplier"));
    }

    /** The ids of the fixture's objects: none may appear in a refused body unless the caller sent it. */
    List<String> ids() {
        return List.copyOf(ids.values());
    }

    // --- callers ---

    private void users() {
        String admin = Api.tokens().adminOfMasterRealm();
        user(admin, "matrix.norole", DemoUser.SUPPLIER.org(), null);
        for (String role : List.of("supplier", "assurance", "safety", "auditor", "admin")) {
            user(admin, "matrix." + role, foreignOrganisation(role), Map.of("supplier", "supplier", "assurance",
                    "nhsd-assurance", "safety", "nhsd-clinical-safety", "auditor", "auditor", "admin", "admin").get(role));
        }
    }

    private static void user(String admin, String username, String organisation, String realmRole) {
        int created = keycloak().auth().oauth2(admin).contentType("application/json").body(Map.of("username", username, "enabled", true, "email", username + "@matrix.example.org",
                "emailVerified", true, "firstName", "Matrix", "lastName", username,
                "attributes", Map.of("org", List.of(organisation)),
                "credentials", List.of(Map.of("type", "password", "value", Tokens.DEMO_PASSWORD, "temporary", false))))
                .post("/admin/realms/tom/users").then().extract().statusCode();
        if (created != 201 && created != 409) {
            throw new IllegalStateException("cannot create " + username + ": HTTP " + created);
        }
        if (realmRole == null) {
            return;
        }
        String id = keycloak().auth().oauth2(admin).queryParam("username", username).queryParam("exact", true)
                .get("/admin/realms/tom/users").then().statusCode(200).extract().path("[0].id");
        Map<?, ?> role = keycloak().auth().oauth2(admin).get("/admin/realms/tom/roles/" + realmRole).then().statusCode(200)
                .extract().as(Map.class);
        keycloak().auth().oauth2(admin).contentType("application/json")
                .body(List.of(role)).post("/admin/realms/tom/users/" + id + "/role-mappings/realm").then().statusCode(204);
    }

    private static io.restassured.specification.RequestSpecification keycloak() {
        return RestAssured.given().baseUri(Api.config().keycloakUrl());
    }

    // --- objects ---

    private void objects() {
        new DemoData(Api.config(), line -> System.out.println("[matrix demo] " + line)).sampleTemplateOnly().load();
        int registered = as(DemoUser.ADMIN, ASSESSMENT).body(Map.of("odsCode", FOREIGN_SUPPLIER, "name",
                "Foreign Matrix Supplier", "kinds", List.of("SUPPLIER"))).post("/api/v1/organisations").then().extract().statusCode();
        if (registered != 201 && registered != 409) {
            throw new IllegalStateException("cannot register " + FOREIGN_SUPPLIER + ": HTTP " + registered);
        }
        JsonPath programmes = as(DemoUser.ADMIN, ASSESSMENT).get("/api/v1/programmes").then().statusCode(200).extract().jsonPath();
        ids.put("template", programmes.getString("find { it.code == '" + DemoData.SAMPLE_PROGRAMME + "' }.templates[0].id"));

        productName = "Matrix Widget " + run;
        ids.put("product", as(DemoUser.SUPPLIER, ASSESSMENT).body(Map.of("name", productName)).post("/api/v1/products").then()
                .statusCode(201).extract().path("id"));
        ids.put("version", as(DemoUser.SUPPLIER, ASSESSMENT).body(Map.of("version", "1.0"))
                .post("/api/v1/products/" + ids.get("product") + "/versions").then().statusCode(201).extract().path("id"));
        var created = as(DemoUser.SUPPLIER, ASSESSMENT).body(Map.of("productVersionId", ids.get("version"),
                "templateId", ids.get("template"))).post("/api/v1/assessments").then().statusCode(201).extract();
        ids.put("assessment", created.path("id"));
        String assessment = "/api/v1/assessments/" + ids.get("assessment");
        // Updates Spine: clinical-safety level 4, so the submissions raise an escalation.
        as(DemoUser.SUPPLIER, ASSESSMENT).header("If-Match", created.header("ETag")).body(Map.of("medicalDevice", false,
                "updatesSpine", true, "clinicalSafetyRelated", true, "changesLocalSystems", false))
                .put(assessment + "/impact").then().statusCode(200);
        answer(assessment, "SI-01", Map.of("answer", productName));
        for (String row : List.of("SI-02", "API-01", "API-02")) {
            answer(assessment, row, Map.of("answer", "Compliant"));
        }
        answer(assessment, "API-03", Map.of("answer", "Non-compliant", "nonConformance", Map.of("detail",
                "Errors appear as codes", "mitigation", "Help desk script", "risk", "AMBER")));
        ids.put("evidence", as(DemoUser.SUPPLIER, ASSESSMENT).contentType("application/pdf").body(new byte[] { 1, 2, 3 })
                .post(assessment + "/responses/API-01/evidence?name=matrix.pdf").then().statusCode(201).extract().path("id"));
        ids.put("deployment", as(DemoUser.SUPPLIER, ASSESSMENT).body(Map.of("assessmentId", ids.get("assessment"),
                "euoOdsCode", DemoUser.EUO_NORTH.org())).post("/api/v1/deployments").then().statusCode(201).extract().path("id"));
        answer("/api/v1/deployments/" + ids.get("deployment"), "US-01", Map.of("answer", "Compliant"), DemoUser.EUO_NORTH);
        ids.put("submission", as(DemoUser.SUPPLIER, ASSESSMENT).body(Map.of("phase", "1A")).post(assessment + "/submissions")
                .then().statusCode(201).extract().path("id"));
        String phase1b = as(DemoUser.SUPPLIER, ASSESSMENT).body(Map.of("phase", "1B")).post(assessment + "/submissions")
                .then().statusCode(201).extract().path("id");
        ids.put("submission-1b", phase1b);

        JsonPath case1a = await().atMost(EVENTUALLY).until(() -> caseOf(ids.get("submission")), c -> c != null);
        ids.put("case", case1a.getString("id"));
        ids.put("condition", as(DemoUser.ASSURANCE, APPROVAL).body(Map.of("contentHash", case1a.getString("contentHash"),
                "outcome", "APPROVED_DSA_REQUIRED", "reason", "Acceptable", "areas", List.of(
                        Map.of("area", "SYSTEM_USAGE", "approved", true, "reason", "Referrals only"),
                        Map.of("area", "SYSTEM_SETTING", "approved", true, "reason", "Acute trust"),
                        Map.of("area", "DATA_USER_ORGANISATION", "approved", true, "reason", "The trust itself"))))
                .post("/api/v1/cases/" + ids.get("case") + "/decision").then().statusCode(200).extract().path("conditions[0].id"));
        await().atMost(EVENTUALLY).until(() -> caseOf(phase1b) != null);
        ids.put("escalation", await().atMost(EVENTUALLY).until(() -> as(DemoUser.CLINICAL_SAFETY, APPROVAL)
                .get("/api/v1/escalations").then().statusCode(200).extract().jsonPath()
                .getString("find { it.assessmentId == '" + ids.get("assessment") + "' }.id"), id -> id != null));

        ids.put("webhook", as(DemoUser.SUPPLIER, NOTIFICATION).body(Map.of("url", Api.config().webhookReceiverOrigin()
                + "/hooks/matrix")).post("/api/v1/webhooks").then().statusCode(201).extract().path("id"));
        ids.put("inbox", await().atMost(EVENTUALLY).until(() -> as(DemoUser.SUPPLIER, NOTIFICATION).get("/api/v1/inbox")
                .then().statusCode(200).extract().jsonPath().getString("items[0].id"), id -> id != null));
        ids.put("delivery", await().atMost(EVENTUALLY).until(() -> as(DemoUser.ADMIN, NOTIFICATION).get("/api/v1/deliveries")
                .then().statusCode(200).extract().jsonPath().getString("[0].id"), id -> id != null));
        String deploymentCreated = "find { it.type == 'tom.assessment.deployment-created' }.seq";
        ids.put("seq", await().atMost(EVENTUALLY).until(() -> as(DemoUser.AUDITOR, AUDIT)
                .get("/api/v1/audit/assessments/" + ids.get("assessment") + "/history").then().statusCode(200).extract()
                .jsonPath().getString("items." + deploymentCreated), seq -> seq != null));
        as(DemoUser.AUDITOR, AUDIT).post("/api/v1/audit/checkpoints").then().statusCode(200);

        productWorkbook = as(DemoUser.SUPPLIER, ASSESSMENT).get(assessment + "/workbook").then().statusCode(200).extract().asByteArray();
        deploymentWorkbook = as(DemoUser.EUO_NORTH, ASSESSMENT).get("/api/v1/deployments/" + ids.get("deployment") + "/workbook")
                .then().statusCode(200).extract().asByteArray();
    }

    private static void answer(String base, String row, Map<String, ?> body) {
        answer(base, row, body, DemoUser.SUPPLIER);
    }

    private static void answer(String base, String row, Map<String, ?> body, DemoUser who) {
        as(who, ASSESSMENT).body(body).put(base + "/responses/" + row).then().statusCode(200);
    }

    private static JsonPath caseOf(String submission) {
        JsonPath page = as(DemoUser.ASSURANCE, APPROVAL).queryParam("submission", submission).get("/api/v1/cases").then()
                .statusCode(200).extract().jsonPath();
        return page.getList("items").isEmpty() ? null : new JsonPath(page.prettify()).setRootPath("items[0]");
    }

    // --- the calls ---

    /** The matrix's request for {@code operation} ("METHOD /template"). */
    AuthorisationMatrixTest.Call call(TomService service, String operation) throws Exception {
        String method = operation.substring(0, operation.indexOf(' '));
        String template = operation.substring(operation.indexOf(' ') + 1);
        String path = AuthorisationMatrixTest.fill(template, this::parameter);
        if (template.endsWith("/templates/import")) {
            path += "?version=matrix-" + UUID.randomUUID().toString().substring(0, 8);
        }
        if (template.endsWith("/workbook") && method.equals("POST")) {
            byte[] workbook = template.startsWith("/api/v1/deployments") ? deploymentWorkbook : productWorkbook;
            return new AuthorisationMatrixTest.Call(service, method, path + "?dryRun=true", "application/octet-stream", workbook);
        }
        if (template.endsWith("/templates/import")) {
            return new AuthorisationMatrixTest.Call(service, method, path, "application/octet-stream", productWorkbook);
        }
        if (template.endsWith("/evidence") && method.equals("POST")) {
            return new AuthorisationMatrixTest.Call(service, method, path + "?name=matrix.pdf", "application/pdf", new byte[] { 4 });
        }
        Object body = body(method, template);
        return new AuthorisationMatrixTest.Call(service, method, path, body == null ? null : "application/json",
                body == null ? null : JSON.writeValueAsBytes(body));
    }

    private String parameter(String name, String template) {
        return switch (name) {
            case "odsCode" -> DemoUser.SUPPLIER.org();
            case "code" -> DemoData.SAMPLE_PROGRAMME;
            case "evidenceId" -> ids.get("evidence");
            case "submissionId" -> ids.get("submission");
            case "seq" -> ids.get("seq");
            case "eventId" -> UUID.randomUUID().toString(); // no dead letter to re-drive
            case "requirementId" -> template.contains("/non-conformances/") ? "API-03"
                    : template.startsWith("/api/v1/deployments") ? "US-01" : "API-01";
            case "id" -> ids.get(resource(template));
            default -> throw new IllegalStateException("no fixture for {" + name + "} in " + template);
        };
    }

    /** The fixture object a template's {id} names, by the collection before it. */
    private static String resource(String template) {
        String collection = template.substring(0, template.indexOf("/{id}"));
        collection = collection.substring(collection.lastIndexOf('/') + 1);
        return switch (collection) {
            case "assessments" -> "assessment";
            case "deployments" -> "deployment";
            case "products" -> "product";
            case "templates" -> "template";
            case "submissions" -> "submission";
            case "cases" -> "case";
            case "conditions" -> "condition";
            case "escalations" -> "escalation";
            case "inbox" -> "inbox";
            case "webhooks" -> "webhook";
            case "deliveries" -> "delivery";
            default -> throw new IllegalStateException("no fixture for " + template);
        };
    }

    /** A body that passes validation, so that a call is decided by who makes it. */
    private Object body(String method, String template) {
        LocalDate today = LocalDate.now();
        Map<String, Object> agreement = Map.of("signatory", "Pat Signer", "signatoryRole", "Director", "signedOn",
                today.toString(), "documentVersion", "v3", "expiresOn", today.plusYears(1).toString());
        return switch (method + " " + template) {
            case "POST /api/v1/organisations" -> Map.of("odsCode", DemoUser.SUPPLIER.org(), "name", "Again", "kinds", List.of("SUPPLIER"));
            case "PUT /api/v1/organisations/{odsCode}/contacts", "PUT /api/v1/preferences" -> List.of();
            case "POST /api/v1/programmes" -> Map.of("code", DemoData.SAMPLE_PROGRAMME, "name", "Again");
            case "POST /api/v1/programmes/{code}/templates", "PUT /api/v1/templates/{id}" -> Map.of("version", "9.9",
                    "sections", List.of(Map.of("code", "A", "title", "A", "kind", "OTHER", "requirements", List.of())));
            case "PUT /api/v1/programmes/{code}/evidence-policy" -> Map.of("maxAge", Map.of());
            case "POST /api/v1/products" -> Map.of("name", productName);
            case "POST /api/v1/products/{id}/versions" -> Map.of("version", "1.0");
            case "POST /api/v1/assessments" -> Map.of("productVersionId", ids.get("version"), "templateId", ids.get("template"));
            case "PUT /api/v1/assessments/{id}/impact" -> Map.of("medicalDevice", false, "updatesSpine", false,
                    "clinicalSafetyRelated", false, "changesLocalSystems", false);
            case "PUT /api/v1/assessments/{id}/scope" -> Map.of("sections", List.of());
            case "POST /api/v1/assessments/{id}/uplift" -> Map.of("templateId", ids.get("template"));
            case "PUT /api/v1/assessments/{id}/responses/{requirementId}",
                    "PUT /api/v1/deployments/{id}/responses/{requirementId}" -> Map.of("answer", "Compliant");
            case "PUT /api/v1/assessments/{id}/responses/{requirementId}/score" -> Map.of("score", "OK");
            case "POST /api/v1/assessments/{id}/submissions" -> Map.of("phase", "1A");
            case "POST /api/v1/deployments" -> Map.of("assessmentId", ids.get("assessment"), "euoOdsCode", DemoUser.EUO_NORTH.org());
            case "PUT /api/v1/deployments/{id}/context" -> Map.of("topology", "Hosted", "affectsOtherOrganisations", false);
            case "POST /api/v1/cases/{id}/decision" -> Map.of("contentHash", "0".repeat(64), "outcome", "APPROVED",
                    "declarationAccepted", true);
            case "POST /api/v1/conditions/{id}/discharge" -> Map.of("evidence", "DSA 2026/1");
            case "POST /api/v1/assessments/{id}/non-conformances/{requirementId}/review" -> Map.of("review", "ACKNOWLEDGED");
            case "POST /api/v1/deployments/{id}/non-conformances/{requirementId}/acceptance" -> Map.of("comment", "Accepted");
            case "POST /api/v1/products/{id}/agreements" -> with(agreement, "kind", "CONNECTION_AGREEMENT");
            case "POST /api/v1/deployments/{id}/agreements" -> with(agreement, "kind", "END_USER_POLICY");
            case "POST /api/v1/deployments/{id}/sign-offs" -> Map.of("kind", "CSG");
            case "PUT /api/v1/deployments/{id}/suspension" -> Map.of("reason", "Matrix check");
            case "POST /api/v1/escalations/{id}/resolution" -> Map.of("resolution", "Reviewed by the CSG");
            case "POST /api/v1/audit/completeness/{submissionId}/audited" -> Map.of("notes", "Matrix");
            case "POST /api/v1/webhooks" -> Map.of("url", Api.config().webhookReceiverOrigin() + "/hooks/matrix");
            default -> method.equals("GET") || method.equals("DELETE") ? null : Map.of();
        };
    }

    private static Map<String, Object> with(Map<String, Object> map, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(map);
        copy.put(key, value);
        return copy;
    }
}
