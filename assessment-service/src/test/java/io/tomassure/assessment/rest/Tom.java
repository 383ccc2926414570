package io.tomassure.assessment.rest;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.tomassure.testing.TestTokens;

/**
 * Test fixture: a small TOM template of the project's own (every section kind that matters, rows for each party
 * and phase) and the parties around one product, with unique ODS codes so tests never share state.
 */
final class Tom {

    final String supplier = code("S");
    final String euo = code("E");
    final String secondEuo = code("F");
    final String otherSupplier = code("O");
    final String programme = "demo-" + UUID.randomUUID().toString().substring(0, 8);
    String templateId;
    String productId;
    String productVersionId;
    String assessmentId;

    static final List<String> ERS = List.of("Compliant", "Semi-compliant", "Non-compliant", "N/A");
    static final List<String> IG = List.of("Yes", "No", "Other", "None", "N/A");

    static String code(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 6).toUpperCase();
    }

    static RequestSpecification as(String user, String org, String... roles) {
        return given().auth().oauth2(TestTokens.token(user, org, roles)).contentType(ContentType.JSON);
    }

    static RequestSpecification admin() {
        return as("ada", null, "admin");
    }

    RequestSpecification supplierUser() {
        return as("sam", supplier, "supplier");
    }

    RequestSpecification euoUser() {
        return as("eve", euo, "euo");
    }

    RequestSpecification secondEuoUser() {
        return as("fay", secondEuo, "euo");
    }

    static RequestSpecification reviewer() {
        return as("rob", "X26", "nhsd-assurance");
    }

    static Map<String, Object> row(String id, String level, String type, String party, List<String> phases, List<String> answers) {
        return Map.of("id", id, "title", "Requirement " + id, "description", "What " + id + " asks", "guidance",
                "How to answer " + id, "level", level, "type", type, "answeredBy", party, "phases", phases,
                "allowedAnswers", answers);
    }

    /** {@code row} with one more field. */
    static Map<String, Object> with(Map<String, Object> row, String field, Object value) {
        Map<String, Object> copy = new HashMap<>(row);
        copy.put(field, value);
        return copy;
    }

    static Map<String, Object> section(String code, String title, String kind, Map<?, ?>... rows) {
        return Map.of("code", code, "title", title, "kind", kind, "requirements", List.of(rows));
    }

    static Map<String, Object> sampleTemplate(String version) {
        return Map.of("version", version, "sections", List.of(
                section("2", "Supplier Information", "SUPPLIER_INFORMATION",
                        row("SI-01", "MUST", "ACTION", "SUPPLIER", List.of("1A", "1B"), ERS),
                        row("SI-02", "SHOULD", "INFO", "SUPPLIER", List.of("1A", "1B"), List.of("Noted"))),
                section("3", "End User Organisation", "USAGE_AND_SETTINGS",
                        row("US-01", "MUST", "ACTION", "EUO", List.of("1A"), ERS),
                        row("US-02", "SHOULD", "REQ", "EUO", List.of("1A"), ERS)),
                section("4", "Topology", "TOPOLOGY", row("TP-01", "MUST", "ACTION", "EUO", List.of("1A"), ERS)),
                section("5", "Architecture", "ARCHITECTURE", row("AR-01", "MUST", "REQ", "SUPPLIER", List.of("2"), ERS)),
                section("6", "IG and Security", "IG_SECURITY",
                        row("IG-01", "MUST", "REQ", "EUO", List.of("2"), IG),
                        row("IG-02", "MUST", "REQ", "EUO", List.of("2"), IG)),
                section("7", "Clinical Safety", "CLINICAL_SAFETY", row("CS-01", "MUST", "ACTION", "SUPPLIER", List.of("2"), ERS)),
                section("9", "API requirements", "API_REQUIREMENTS",
                        row("API-01", "MUST", "REQ", "SUPPLIER", List.of("1B"), ERS),
                        row("API-02", "SHOULD", "REQ", "SUPPLIER", List.of("1B"), ERS),
                        row("API-03", "MUST", "REQ", "SUPPLIER", List.of("1B"), ERS)),
                section("ND", "NHS Digital Assessment", "OTHER",
                        row("ND-01", "MUST", "ACTION", "NHS_DIGITAL", List.of("1B"), List.of("Accepted", "Not accepted")))));
    }

    /** Registers the organisations, a published template, a product, a version and an open assessment. */
    Tom setUp() {
        register(supplier, "SUPPLIER");
        register(otherSupplier, "SUPPLIER");
        register(euo, "EUO");
        register(secondEuo, "EUO");
        admin().body(Map.of("code", programme, "name", "Demo API")).post("/api/v1/programmes").then().statusCode(201);
        templateId = admin().body(sampleTemplate("1.0")).post("/api/v1/programmes/" + programme + "/templates")
                .then().statusCode(201).extract().path("id");
        admin().post("/api/v1/templates/" + templateId + "/publish").then().statusCode(200);
        productId = supplierUser().body(Map.of("name", "Referral Connect " + supplier)).post("/api/v1/products")
                .then().statusCode(201).extract().path("id");
        productVersionId = supplierUser().body(Map.of("version", "2.1")).post("/api/v1/products/" + productId + "/versions")
                .then().statusCode(201).extract().path("id");
        assessmentId = supplierUser().body(Map.of("productVersionId", productVersionId, "templateId", templateId))
                .post("/api/v1/assessments").then().statusCode(201).extract().path("id");
        return this;
    }

    static void register(String ods, String... kinds) {
        admin().body(Map.of("odsCode", ods, "name", "Organisation " + ods, "kinds", List.of(kinds)))
                .post("/api/v1/organisations").then().statusCode(201);
    }

    ValidatableResponse answer(Supplier<RequestSpecification> who, String requirement, Map<String, ?> body) {
        return answerAt(who, "/api/v1/assessments/" + assessmentId, requirement, body);
    }

    /** Answers a row, quoting its current ETag when it has one. */
    static ValidatableResponse answerAt(Supplier<RequestSpecification> who, String base, String requirement, Map<String, ?> body) {
        String path = base + "/responses/" + requirement;
        String etag = who.get().get(base + "/responses").then().statusCode(200).extract().jsonPath()
                .getString("find { it.requirementId == '" + requirement + "' }.etag");
        RequestSpecification request = who.get().body(body);
        if (etag != null) {
            request = request.header("If-Match", etag);
        }
        return request.put(path).then();
    }

    static Map<String, Object> compliant() {
        return Map.of("answer", "Compliant", "implementationRef", "docs/impl.md#1", "testRef", "TC-1");
    }

    static Map<String, Object> nonConformant(String answer, String risk) {
        return Map.of("answer", answer, "notes", "partially there", "nonConformance",
                Map.of("detail", "Not all cases handled", "mitigation", "Manual workaround until 2.2", "risk", risk));
    }
}
