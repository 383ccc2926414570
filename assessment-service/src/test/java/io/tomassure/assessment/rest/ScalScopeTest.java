package io.tomassure.assessment.rest;

import static io.tomassure.assessment.rest.WorkbookTest.edit;
import static io.tomassure.assessment.rest.WorkbookTest.export;
import static io.tomassure.assessment.rest.WorkbookTest.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tomassure.assessment.workbook.RealWorkbooks;
import io.tomassure.testing.TomTestEnvironment;

/** A product declares the APIs it uses; only their rows (and the sections every product has) are asked for. */
@QuarkusTest
@WithTestResource(TomTestEnvironment.class)
class ScalScopeTest {

    private static final List<String> SCOPE = List.of("NEMS-WITH-DCH-IN-DEV", "GPC-FOUNDATIONS");

    @Test
    void aScalAssessmentScopedToTwoApiTabsReachesSubmissionWithOnlyTheirRows() throws Exception {
        Tom tom = new Tom().setUp();
        String template = ScalWorkbookTest.importScal(tom, RealWorkbooks.bytes(RealWorkbooks.SCAL));
        String assessment = ScalWorkbookTest.assessmentOn(tom, template, "2.0-scoped");
        List<Map<String, Object>> sections = Tom.admin().get("/api/v1/templates/" + template).then().extract().jsonPath()
                .getList("sections");
        Set<String> inScope = sections.stream().filter(s -> !"API_REQUIREMENTS".equals(s.get("kind")) || SCOPE.contains(s.get("code")))
                .map(s -> (String) s.get("code")).collect(Collectors.toSet());
        Map<String, String> sectionOf = new java.util.HashMap<>();
        Set<String> required = new java.util.TreeSet<>();
        Map<String, List<?>> allowed = new java.util.HashMap<>();
        for (Map<String, Object> section : sections) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rows = (List<Map<String, Object>>) section.get("requirements");
            rows.forEach(r -> {
                sectionOf.put((String) r.get("id"), (String) section.get("code"));
                allowed.put((String) r.get("id"), (List<?>) r.get("allowedAnswers"));
                if (inScope.contains(section.get("code")) && !"INFO".equals(r.get("type"))) {
                    required.add((String) r.get("id"));
                }
            });
        }

        tom.supplierUser().header("If-Match", etag(tom, assessment)).body(Map.of("sections", List.of("NRL-IN-DEV", "ARCHITECTURE", "NOPE")))
                .put(assessment + "/scope").then().statusCode(400).body("errors.field", equalTo(List.of("sections[1]", "sections[2]")));
        tom.supplierUser().header("If-Match", etag(tom, assessment)).body(Map.of("sections", SCOPE)).put(assessment + "/scope")
                .then().statusCode(200).body("scope", equalTo(SCOPE.stream().sorted().toList()));

        // Only the rows in scope are missing; a row of another API is not even answerable.
        List<String> missing = tom.supplierUser().body(Map.of("phase", "1B")).post(assessment + "/submissions").then()
                .statusCode(422).extract().jsonPath().getList("missing.requirementId");
        assertThat(Set.copyOf(missing)).isEqualTo(required);
        assertThat(missing).allMatch(id -> inScope.contains(sectionOf.get(id)));
        tom.supplierUser().body(Map.of("answer", "Yes")).put(assessment + "/responses/S2").then().statusCode(409)
                .body("type", equalTo("urn:tomassure:problem:out-of-scope"));

        // Answered through its export, which holds the scope's tabs only; one row claims "Out of Scope" with no reason.
        byte[] exported = export(tom.supplierUser(), assessment);
        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(exported))) {
            assertThat(workbook.getSheet("GPC - Foundations_v1.2.1")).isNotNull();
            assertThat(workbook.getSheet("NRL in Dev")).as("an API out of scope is not exported as a gap").isNull();
        }
        String claimed = required.stream().filter(id -> allowed.get(id).contains("Out of Scope")).findFirst().orElseThrow();
        byte[] filled = edit(exported, workbook -> required.forEach(id -> WorkbookTest.set(workbook, id, "Compliance Level",
                id.equals(claimed) ? "Out of Scope" : "Yes")));
        assertThat(upload(tom.supplierUser(), assessment + "/workbook", filled).statusCode(200).extract().jsonPath()
                .getList("rejected")).isEmpty();
        JsonPath unjustified = tom.supplierUser().body(Map.of("phase", "1B")).post(assessment + "/submissions").then()
                .statusCode(422).extract().jsonPath();
        assertThat(unjustified.getList("missing.requirementId")).containsExactly(claimed);
        assertThat(unjustified.getString("missing[0].problem")).contains("Out of Scope without a justification");
        Tom.answerAt(tom::supplierUser, assessment, claimed, Map.of("answer", "Out of Scope",
                "nonConformance", Map.of("detail", "The product never publishes events of this kind"))).statusCode(200);

        String submission = tom.supplierUser().body(Map.of("phase", "1B")).post(assessment + "/submissions").then()
                .statusCode(201).extract().path("id");
        JsonPath revision = tom.supplierUser().get("/api/v1/submissions/" + submission).then().statusCode(200).extract().jsonPath();
        assertThat(revision.getList("content.scope")).isEqualTo(SCOPE.stream().sorted().toList());
        assertThat(revision.getList("content.rows.requirementId", String.class)).allMatch(id -> inScope.contains(sectionOf.get(id)));

        // Submitted, the scope is held as the product facts are.
        tom.supplierUser().header("If-Match", etag(tom, assessment)).body(Map.of("sections", List.of("NRL-IN-DEV")))
                .put(assessment + "/scope").then().statusCode(409).body("type", equalTo("urn:tomassure:problem:facts-locked"));
    }

    private static String etag(Tom tom, String assessment) {
        return tom.supplierUser().get(assessment).then().extract().header("ETag");
    }
}
