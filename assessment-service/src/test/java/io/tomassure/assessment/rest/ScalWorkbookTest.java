package io.tomassure.assessment.rest;

import static io.tomassure.assessment.rest.WorkbookTest.XLSX;
import static io.tomassure.assessment.rest.WorkbookTest.edit;
import static io.tomassure.assessment.rest.WorkbookTest.export;
import static io.tomassure.assessment.rest.WorkbookTest.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tomassure.assessment.workbook.RealWorkbooks;
import io.tomassure.testing.TomTestEnvironment;

/** The SCAL through the API: its import as a template, a filled SCAL as answers, and the round trip of its export. */
@QuarkusTest
@WithTestResource(TomTestEnvironment.class)
class ScalWorkbookTest {

    @Test
    void theScalImportsAndAFilledOneRoundTripsWithEveryAnswer() throws Exception {
        byte[] scal = RealWorkbooks.bytes(RealWorkbooks.SCAL);
        Tom tom = new Tom().setUp();
        String template = importScal(tom, scal);
        String assessment = assessmentOn(tom, template, "2.0-scal");

        // The supplier fills the SCAL's own workbook: a declared "No" with its mitigation, a requirement met, and a
        // requirement not met with a statement.
        byte[] filled = edit(scal, workbook -> {
            Sheet foundations = workbook.getSheet("GPC - Foundations_v1.2.1");
            foundations.getRow(7).getCell(2).setCellValue("No");     // C8, Declaration of Usage
            foundations.getRow(7).createCell(3).setCellValue("Usage agreed with the programme by March"); // D8
            foundations.getRow(19).getCell(6).setCellValue("Yes");   // G20, GPC-FPA-01
            Sheet nrl = workbook.getSheet("NRL in Dev");
            nrl.getRow(17).getCell(6).setCellValue("No");            // G18, S2
            nrl.getRow(17).createCell(7).setCellValue("Cipher suites upgraded in the next release"); // H18, statements
        });
        JsonPath report = upload(tom.supplierUser(), assessment + "/workbook", filled).statusCode(200).extract().jsonPath();
        assertThat(report.getInt("matched")).isEqualTo(324);
        assertThat(report.getInt("applied")).isEqualTo(3);
        assertThat(report.getList("unmatched")).isEmpty();
        assertThat(report.getList("rejected")).isEmpty();
        tom.supplierUser().get(assessment + "/responses").then().statusCode(200)
                .body("find { it.requirementId == 'GPC-FOUNDATIONS-Q01' }.answer", equalTo("No"))
                .body("find { it.requirementId == 'GPC-FOUNDATIONS-Q01' }.nonConformance.mitigation",
                        equalTo("Usage agreed with the programme by March"))
                .body("find { it.requirementId == 'GPC-FPA-01' }.answer", equalTo("Yes"))
                .body("find { it.requirementId == 'S2' }.answer", equalTo("No"))
                .body("find { it.requirementId == 'S2' }.notes", equalTo("Cipher suites upgraded in the next release"));

        // Every row answered through the SCAL-layout export, then exported again into a fresh assessment: every answer.
        JsonPath rows = Tom.admin().get("/api/v1/templates/" + template).then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> requirements = rows.getList("sections.requirements.flatten()");
        byte[] exported = export(tom.supplierUser(), assessment);
        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(exported))) {
            assertThat(workbook.getSheet("GPC - Foundations_v1.2.1")).as("tabs named as the SCAL's").isNotNull();
        }
        byte[] everything = edit(exported, workbook -> requirements.forEach(r -> {
            @SuppressWarnings("unchecked")
            List<String> allowed = (List<String>) r.get("allowedAnswers");
            String answer = allowed.isEmpty() ? "Statement for " + r.get("id") : allowed.get(0);
            WorkbookTest.set(workbook, (String) r.get("id"), "Compliance Level", answer);
        }));
        JsonPath all = upload(tom.supplierUser(), assessment + "/workbook?replace=true", everything).statusCode(200).extract()
                .jsonPath();
        assertThat(all.getList("rejected")).isEmpty();
        assertThat(tom.supplierUser().get(assessment + "/responses").then().extract().jsonPath().getList("requirementId"))
                .hasSize(324);

        String copy = assessmentOn(tom, template, "2.0-copy");
        JsonPath copied = upload(tom.supplierUser(), copy + "/workbook", export(tom.supplierUser(), assessment)).statusCode(200)
                .extract().jsonPath();
        assertThat(copied.getInt("applied")).isEqualTo(324);
        assertThat(WorkbookTest.answers(tom, copy)).isEqualTo(WorkbookTest.answers(tom, assessment));
    }

    @Test
    void aScalMissingAHeaderRowIsRefusedAndNothingIsCreated() throws Exception {
        byte[] scal = RealWorkbooks.bytes(RealWorkbooks.SCAL);
        Tom tom = new Tom().setUp();
        byte[] headless = edit(scal, workbook -> {
            Row header = workbook.getSheet("GPC - Foundations_v1.2.1").getRow(18); // Requirement ID | Item | ...
            header.forEach(cell -> cell.setBlank());
        });
        long before = templates(tom);
        Tom.admin().contentType(XLSX).body(headless).post("/api/v1/programmes/" + tom.programme + "/templates/import?version=2.0")
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("GPC - Foundations_v1.2.1"))
                .body("detail", containsString("header row"));
        assertThat(templates(tom)).isEqualTo(before);
    }

    static String importScal(Tom tom, byte[] scal) {
        JsonPath imported = Tom.admin().contentType(XLSX).body(scal)
                .post("/api/v1/programmes/" + tom.programme + "/templates/import?version=2.0").then().statusCode(201)
                .extract().jsonPath();
        assertThat(imported.getList("template.sections")).hasSize(15);
        assertThat(imported.getMap("report.skippedSheets")).containsKey("Supplier & Product information");
        String template = imported.getString("template.id");
        Tom.admin().post("/api/v1/templates/" + template + "/publish").then().statusCode(200);
        return template;
    }

    static String assessmentOn(Tom tom, String template, String version) {
        String versionId = tom.supplierUser().body(Map.of("version", version)).post("/api/v1/products/" + tom.productId + "/versions")
                .then().statusCode(201).extract().path("id");
        return "/api/v1/assessments/" + tom.supplierUser().body(Map.of("productVersionId", versionId, "templateId", template))
                .post("/api/v1/assessments").then().statusCode(201).extract().path("id");
    }

    private static long templates(Tom tom) {
        return Tom.admin().get("/api/v1/programmes").then().extract().jsonPath()
                .getList("find { it.code == '" + tom.programme + "' }.templates").size();
    }
}
