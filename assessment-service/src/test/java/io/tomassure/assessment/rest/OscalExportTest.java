package io.tomassure.assessment.rest;

import static io.tomassure.assessment.rest.Tom.compliant;
import static io.tomassure.assessment.rest.Tom.nonConformant;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.tomassure.assessment.workbook.RealWorkbooks;
import io.tomassure.testing.TomTestEnvironment;

/**
 * The OSCAL exports validate against NIST's published OSCAL 1.1.2 JSON schemas (vendored in
 * src/test/resources/oscal-schema) and say what the revision and the register say: its hash, its rows, its evidence
 * with their SHA-256, its non-conformances as findings and risks.
 */
@QuarkusTest
@WithTestResource(TomTestEnvironment.class)
class OscalExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRevisionTheRegisterAndTheTemplateAreValidOscalThatSaysWhatWasSubmitted() throws Exception {
        Tom tom = new Tom().setUp();
        String assessment = "/api/v1/assessments/" + tom.assessmentId;
        tom.supplierUser().get(assessment + "/poam").then().statusCode(204); // nothing open: a POA&M needs one item

        tom.answer(tom::supplierUser, "SI-01", compliant()).statusCode(200);
        tom.answer(tom::supplierUser, "SI-02", Map.of("answer", "Noted", "notes", "Read.\nAnd understood.")).statusCode(200);
        tom.answer(tom::supplierUser, "API-01", compliant()).statusCode(200);
        byte[] file = "conformance test report".getBytes(StandardCharsets.UTF_8);
        tom.supplierUser().contentType("application/pdf").body(file)
                .post(assessment + "/responses/API-01/evidence?name=report.pdf").then().statusCode(201);
        tom.answer(tom::supplierUser, "API-02", nonConformant("Semi-compliant", "AMBER")).statusCode(200);
        tom.answer(tom::supplierUser, "API-03", nonConformant("Non-compliant", "RED")).statusCode(200);
        String submission = tom.supplierUser().body(Map.of("phase", "1B")).post(assessment + "/submissions").then()
                .statusCode(201).extract().path("id");
        String hash = tom.supplierUser().get("/api/v1/submissions/" + submission).then().extract().path("submission.contentHash");

        // Assessment results of the revision.
        JsonNode results = get(tom.supplierUser(), "/api/v1/submissions/" + submission + "/oscal");
        assertThat(problems("oscal-ar_schema.json", results)).isEmpty();
        JsonNode ar = results.path("assessment-results");
        assertThat(prop(ar.path("metadata"), "revision-hash")).isEqualTo(hash);
        JsonNode result = ar.path("results").get(0);
        assertThat(result.path("reviewed-controls").path("control-selections").get(0).path("include-controls")
                .findValuesAsText("control-id")).containsExactlyInAnyOrder("SI-01", "SI-02", "API-01", "API-02", "API-03", "ND-01");
        assertThat(result.path("observations").findValuesAsText("title"))
                .containsExactlyInAnyOrder("Answer to SI-01", "Answer to SI-02", "Answer to API-01", "Answer to API-02", "Answer to API-03");
        assertThat(result.path("findings").findValuesAsText("target-id")).containsExactlyInAnyOrder("API-02_smt", "API-03_smt");
        assertThat(result.path("risks")).hasSize(2);
        JsonNode red = riskOf(result.path("risks"), "API-03");
        assertThat(prop(red, "rag")).isEqualTo("RED");
        assertThat(red.path("mitigating-factors").get(0).path("description").asText()).isEqualTo("Manual workaround until 2.2");
        JsonNode report = ar.path("back-matter").path("resources").findParents("rlinks").stream()
                .filter(r -> r.path("title").asText().equals("report.pdf")).findFirst().orElseThrow();
        JsonNode link = report.path("rlinks").get(0);
        assertThat(link.path("hashes").get(0).path("value").asText()).isEqualTo(sha256(file));
        assertThat(tom.supplierUser().get(link.path("href").asText()).then().statusCode(200).extract().asByteArray()).isEqualTo(file);
        assertThat(get(tom.supplierUser(), "/api/v1/submissions/" + submission + "/oscal")).as("the same revision, the same document")
                .isEqualTo(results);

        // The register as a POA&M.
        JsonNode poam = get(tom.supplierUser(), assessment + "/poam");
        assertThat(problems("oscal-poam_schema.json", poam)).isEmpty();
        assertThat(poam.path("plan-of-action-and-milestones").path("poam-items").findValuesAsText("title"))
                .allMatch(title -> title.startsWith("API-02") || title.startsWith("API-03")).hasSize(2);

        // The template as a catalog: every row a control, in its section's group.
        JsonNode catalog = get(tom.euoUser(), "/api/v1/templates/" + tom.templateId + "/oscal");
        assertThat(problems("oscal-catalog_schema.json", catalog)).isEmpty();
        assertThat(catalog.path("catalog").path("groups").findValuesAsText("id")).contains("r-2", "ND");
        assertThat(catalog.findValues("controls").stream().mapToInt(JsonNode::size).sum()).isEqualTo(13);

        // And the schemas do refuse: a document without its assessment plan is not assessment results.
        ObjectNode broken = results.deepCopy();
        ((ObjectNode) broken.path("assessment-results")).remove("import-ap");
        assertThat(problems("oscal-ar_schema.json", broken)).isNotEmpty();
        // Nor is another organisation's revision theirs to export.
        tom.secondEuoUser().get("/api/v1/submissions/" + submission + "/oscal").then().statusCode(404);
    }

    /** Real templates have ids of every shape: each still makes a valid catalog, with one control per row. */
    @ParameterizedTest
    @ValueSource(strings = { RealWorkbooks.ERS, RealWorkbooks.ERS_12, RealWorkbooks.SMSP, RealWorkbooks.SCAL })
    void everyRealTemplateIsAValidCatalog(String workbook) throws IOException {
        byte[] bytes = RealWorkbooks.bytes(workbook);
        Tom tom = new Tom().setUp();
        var imported = Tom.admin().contentType(workbook.endsWith(".xls") ? "application/vnd.ms-excel" : WorkbookTest.XLSX)
                .body(bytes).post("/api/v1/programmes/" + tom.programme + "/templates/import?version=9.9").then()
                .statusCode(201).extract().jsonPath();
        JsonNode catalog = get(Tom.admin(), "/api/v1/templates/" + imported.getString("template.id") + "/oscal");
        assertThat(problems("oscal-catalog_schema.json", catalog)).isEmpty();
        List<String> controls = catalog.path("catalog").path("groups").findValues("controls").stream()
                .flatMap(group -> group.findValuesAsText("id").stream()).filter(id -> !id.endsWith("_smt") && !id.endsWith("_gdn"))
                .toList();
        assertThat(controls).doesNotHaveDuplicates().hasSize(imported.getList("template.sections.requirements.flatten()").size());
    }

    /** What NIST's schema finds wrong with {@code document}. */
    static List<String> problems(String schema, JsonNode document) {
        try (InputStream in = OscalExportTest.class.getResourceAsStream("/oscal-schema/" + schema)) {
            JsonSchema validator = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
            return validator.validate(document).stream().map(ValidationMessage::getMessage).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode get(RequestSpecification as, String path) throws IOException {
        return JSON.readTree(as.get(path).then().statusCode(200).extract().asString());
    }

    private static String prop(JsonNode node, String name) {
        for (JsonNode prop : node.path("props")) {
            if (prop.path("name").asText().equals(name)) {
                return prop.path("value").asText();
            }
        }
        return null;
    }

    private static JsonNode riskOf(JsonNode risks, String requirementId) {
        for (JsonNode risk : risks) {
            if (requirementId.equals(prop(risk, "requirement-id"))) {
                return risk;
            }
        }
        throw new AssertionError("no risk for " + requirementId);
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
