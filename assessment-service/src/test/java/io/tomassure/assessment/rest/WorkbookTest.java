package io.tomassure.assessment.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
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

/** Workbooks through the API: template import of the real TOMs, filled-workbook import, export and the round trip. */
@QuarkusTest
@WithTestResource(TomTestEnvironment.class)
class WorkbookTest {

    static final String XLSX = WorkbookResource.XLSX;
    static final String INJECTION = "=HYPERLINK(\"http://evil.example\",\"click\")";

    @Test
    void anExportedWorkbookFilledOfflineImportsBackAndTheRoundTripReproducesEveryAnswer() throws IOException {
        Tom tom = new Tom().setUp();
        String assessment = "/api/v1/assessments/" + tom.assessmentId;
        tom.answer(tom::supplierUser, "SI-01", Tom.compliant()).statusCode(200);
        tom.answer(tom::supplierUser, "AR-01", Tom.nonConformant("Semi-compliant", "AMBER")).statusCode(200);
        tom.answer(tom::supplierUser, "API-01", Map.of("answer", "Compliant", "notes", INJECTION, "testRef", "+44 1234")).statusCode(200);

        byte[] exported = export(tom.supplierUser(), assessment);
        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(exported))) {
            assertThat(workbook.getSheet("Summary")).isNotNull();
            assertThat(workbook.getSheet("Non-conformances").getRow(1).getCell(0).getStringCellValue()).isEqualTo("AR-01");
            Cell notes = cellOf(workbook, "API-01", "Additional Notes / References");
            assertThat(notes.getCellType()).as("exported text stays text").isEqualTo(CellType.STRING);
            assertThat(notes.getCellStyle().getQuotePrefixed()).as("marked so that it is never taken for a formula").isTrue();
            assertThat(notes.getStringCellValue()).isEqualTo(INJECTION);
        }

        // Filled in offline: two more rows, one of them a detailed non-conformance.
        byte[] filled = edit(exported, workbook -> {
            set(workbook, "API-02", "Compliance Level", "non-compliant");
            set(workbook, "API-02", "Non-conformance Detail", "No retry on 503");
            set(workbook, "API-02", "Mitigation", "Manual resubmission");
            set(workbook, "API-02", "Risk (RAG)", "Amber");
            set(workbook, "API-03", "Compliance Level", "Compliant");
            set(workbook, "API-03", "Supplier Implementation Reference", "docs/api-03.md");
            set(workbook, "US-01", "Compliance Level", "Compliant"); // the EUO's row: not the supplier's to answer
        });
        JsonPath dry = upload(tom.supplierUser(), assessment + "/workbook?dryRun=true", filled).statusCode(200).extract().jsonPath();
        assertThat(dry.getInt("applied")).isEqualTo(2);
        tom.supplierUser().get(assessment + "/responses").then().body("requirementId", hasSize(3));

        JsonPath report = upload(tom.supplierUser(), assessment + "/workbook", filled).statusCode(200).extract().jsonPath();
        assertThat(report.getBoolean("dryRun")).isFalse();
        assertThat(report.getBoolean("saved")).isTrue();
        assertThat(report.getInt("applied")).isEqualTo(2);
        assertThat(report.getInt("unchanged")).isEqualTo(3);
        assertThat(report.getList("rejected")).isEmpty();
        assertThat(report.getList("skipped.requirementId")).containsExactly("US-01");
        assertThat(report.getString("skipped[0].reason")).contains("end-user organisation");
        assertThat(report.getList("unmatched")).isEmpty();
        tom.supplierUser().get(assessment + "/responses").then().statusCode(200)
                .body("find { it.requirementId == 'API-02' }.answer", equalTo("Non-compliant"))
                .body("find { it.requirementId == 'API-02' }.nonConformance.risk", equalTo("AMBER"))
                .body("find { it.requirementId == 'API-03' }.implementationRef", equalTo("docs/api-03.md"));

        // Importing the same workbook again changes nothing.
        JsonPath again = upload(tom.supplierUser(), assessment + "/workbook", filled).statusCode(200).extract().jsonPath();
        assertThat(again.getInt("applied")).isZero();
        assertThat(again.getInt("unchanged")).isEqualTo(5);

        // Round trip: the export imports into a fresh assessment of the same template with every answer intact.
        byte[] full = export(tom.supplierUser(), assessment);
        String otherVersion = tom.supplierUser().body(Map.of("version", "3.0")).post("/api/v1/products/" + tom.productId + "/versions")
                .then().statusCode(201).extract().path("id");
        String other = "/api/v1/assessments/" + tom.supplierUser().body(Map.of("productVersionId", otherVersion, "templateId", tom.templateId))
                .post("/api/v1/assessments").then().statusCode(201).extract().path("id");
        JsonPath copied = upload(tom.supplierUser(), other + "/workbook", full).statusCode(200).extract().jsonPath();
        assertThat(copied.getInt("applied")).isEqualTo(5);
        assertThat(answers(tom, other)).isEqualTo(answers(tom, assessment));

        // A row changed in the service after the export is not overwritten by the stale workbook.
        tom.answer(tom::supplierUser, "API-03", Map.of("answer", "N/A")).statusCode(200);
        byte[] stale = edit(full, workbook -> set(workbook, "API-03", "Compliance Level", "Semi-compliant"));
        JsonPath conflict = upload(tom.supplierUser(), assessment + "/workbook", stale).statusCode(200).extract().jsonPath();
        assertThat(conflict.getList("rejected.requirementId")).containsExactly("API-03");
        assertThat(conflict.getString("rejected[0].reason")).contains("changed in TOM Assure since this workbook was exported");
        assertThat(conflict.getBoolean("saved")).as("all or nothing").isFalse();
        tom.supplierUser().get(assessment + "/responses").then().body("find { it.requirementId == 'API-03' }.answer", equalTo("N/A"));
        byte[] mixed = edit(stale, workbook -> set(workbook, "SI-01", "Compliance Level", "Non-compliant"));
        JsonPath none = upload(tom.supplierUser(), assessment + "/workbook", mixed).statusCode(200).extract().jsonPath();
        assertThat(none.getInt("applied")).isEqualTo(1);
        assertThat(none.getBoolean("saved")).isFalse();
        tom.supplierUser().get(assessment + "/responses").then().body("find { it.requirementId == 'SI-01' }.answer", equalTo("Compliant"));
    }

    @Test
    void aSubmittedRevisionExportsExactlyWhatItFroze() throws IOException {
        Tom tom = new Tom().setUp();
        String assessment = "/api/v1/assessments/" + tom.assessmentId;
        for (String row : List.of("SI-01", "API-01", "API-02", "API-03")) {
            tom.answer(tom::supplierUser, row, Tom.compliant()).statusCode(200);
        }
        String submission = tom.supplierUser().body(Map.of("phase", "1B")).post(assessment + "/submissions").then()
                .statusCode(201).extract().path("id");
        byte[] revision = tom.supplierUser().accept(XLSX).get("/api/v1/submissions/" + submission + "/workbook").then()
                .statusCode(200).contentType(XLSX).extract().asByteArray();
        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(revision))) {
            assertThat(cellOf(workbook, "API-02", "Compliance Level").getStringCellValue()).isEqualTo("Compliant");
            assertThat(cellOf(workbook, "AR-01", "Compliance Level").getStringCellValue()).isEmpty(); // not part of 1B
            Sheet summary = workbook.getSheet("Summary");
            boolean hashShown = false;
            for (Row row : summary) {
                hashShown |= row.getCell(0) != null && row.getCell(0).getStringCellValue().equals("Revision SHA-256");
            }
            assertThat(hashShown).isTrue();
        }
        Tom.as("mallory", Tom.code("M"), "supplier").accept(XLSX).get("/api/v1/submissions/" + submission + "/workbook")
                .then().statusCode(404);
    }

    @Test
    void hostileUploadsAreProblemsNotFailures() {
        Tom tom = new Tom().setUp();
        String assessment = "/api/v1/assessments/" + tom.assessmentId + "/workbook";
        tom.supplierUser().contentType("text/csv").body("IO-01,Compliant\n".getBytes()).post(assessment).then()
                .statusCode(415).contentType("application/problem+json").body("type", equalTo("urn:tomassure:problem:not-a-workbook"));
        Tom.admin().contentType(XLSX).body(new byte[] { 'P', 'K', 3, 4, 0 })
                .post("/api/v1/programmes/" + tom.programme + "/templates/import?version=9").then()
                .statusCode(422).body("type", equalTo("urn:tomassure:problem:unreadable-workbook"));
        Tom.admin().contentType(XLSX).body(new byte[] { 1 }).post("/api/v1/programmes/" + tom.programme + "/templates/import")
                .then().statusCode(400).body("errors[0].field", equalTo("version"));
        // A workbook with nothing that matches this template.
        byte[] foreign = workbookWith("5 - Architecture", "ZZ-01");
        tom.supplierUser().contentType(XLSX).body(foreign).post(assessment).then().statusCode(400)
                .body("detail", containsString("No row of this workbook matches"));
    }

    @Test
    void theRealERsWorkbookImportsAsATemplateAndAFilledCopyOfItImportsAsAnswers() throws IOException {
        byte[] ers = RealWorkbooks.bytes(RealWorkbooks.ERS);
        Tom tom = new Tom().setUp();
        JsonPath imported = Tom.admin().contentType(XLSX).body(ers)
                .post("/api/v1/programmes/" + tom.programme + "/templates/import?version=1.4").then().statusCode(201)
                .body("template.status", equalTo("DRAFT")).extract().jsonPath();
        assertThat(imported.getList("template.sections.code")).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9",
                "9.1", "9.2", "9.3");
        assertThat(imported.getList("template.sections.requirements.flatten().id")).hasSize(259).contains("IO-01", "A008-03", "6-Q47");
        assertThat(imported.getList("report.sections.sheet")).contains("9.1 - NHS e-RS Session APIs");
        String template = imported.getString("template.id");
        Tom.admin().post("/api/v1/templates/" + template + "/publish").then().statusCode(200);
        String version = tom.supplierUser().body(Map.of("version", "1.4-ers")).post("/api/v1/products/" + tom.productId + "/versions")
                .then().statusCode(201).extract().path("id");
        String assessment = "/api/v1/assessments/" + tom.supplierUser().body(Map.of("productVersionId", version, "templateId", template))
                .post("/api/v1/assessments").then().statusCode(201).extract().path("id");

        // The supplier fills the programme's own workbook (not an export) and uploads it.
        byte[] filled = edit(ers, workbook -> {
            Sheet architecture = workbook.getSheet("5 - Architecture");
            architecture.getRow(9).getCell(5).setCellValue("compliant"); // IO-01, F10
            architecture.getRow(9).getCell(6).setCellValue("Runbook v3, section 2");
            Sheet api = workbook.getSheet("9.1 - NHS e-RS Session APIs ");
            api.getRow(9).getCell(5).setCellValue("N/A"); // A001-01, F10: the workbook spells it "N/a"
            workbook.getSheet("6 - IG and Security").getRow(11).getCell(5).setCellValue("Yes"); // 6-Q01, F12
        });
        JsonPath report = upload(tom.supplierUser(), assessment + "/workbook", filled).statusCode(200).extract().jsonPath();
        assertThat(report.getInt("applied")).isEqualTo(3);
        assertThat(report.getInt("matched")).isEqualTo(259);
        assertThat(report.getList("unmatched")).isEmpty();
        assertThat(report.getList("rejected")).isEmpty();
        // The blank workbook's pre-set "England / Wales" on the EUO's usage tab is not the supplier's to give.
        assertThat(report.getList("skipped.requirementId")).containsExactly("3-Q51", "3-Q53", "3-Q54");
        tom.supplierUser().get(assessment + "/responses").then().statusCode(200)
                .body("find { it.requirementId == 'IO-01' }.answer", equalTo("Compliant"))
                .body("find { it.requirementId == 'IO-01' }.notes", equalTo("Runbook v3, section 2"))
                .body("find { it.requirementId == 'A001-01' }.answer", equalTo("N/a"))
                .body("find { it.requirementId == '6-Q01' }.answer", equalTo("Yes"));
    }

    @Test
    void theRealSmspLegacyXlsImportsAsATemplate() {
        byte[] smsp = RealWorkbooks.bytes(RealWorkbooks.SMSP);
        Tom tom = new Tom().setUp();
        JsonPath imported = Tom.admin().contentType("application/vnd.ms-excel").body(smsp)
                .post("/api/v1/programmes/" + tom.programme + "/templates/import?version=0.10").then().statusCode(201)
                .extract().jsonPath();
        assertThat(imported.getList("template.sections.code")).containsExactly("1", "3", "4", "5", "6", "7", "8", "9a", "9b");
        assertThat(imported.getList("template.sections.requirements.flatten().id")).contains("OR-01", "MSCA-DQ-06", "7-Q21");
        assertThat(imported.getMap("report.skippedSheets")).containsKey("2 - Topology");
    }

    static io.restassured.response.ValidatableResponse upload(io.restassured.specification.RequestSpecification who, String path,
            byte[] workbook) {
        return who.contentType(XLSX).body(workbook).post(path).then();
    }

    static byte[] export(io.restassured.specification.RequestSpecification who, String assessment) {
        return who.accept(XLSX).get(assessment + "/workbook").then().statusCode(200).contentType(XLSX)
                .header("Content-Disposition", containsString(".xlsx")).extract().asByteArray();
    }

    static Map<String, List<Object>> answers(Tom tom, String assessment) {
        List<Map<String, Object>> responses = tom.supplierUser().get(assessment + "/responses").then().statusCode(200)
                .extract().as(new io.restassured.common.mapper.TypeRef<List<Map<String, Object>>>() {
                });
        Map<String, List<Object>> byRow = new java.util.TreeMap<>();
        for (Map<String, Object> r : responses) {
            byRow.put((String) r.get("requirementId"), java.util.Arrays.asList(r.get("answer"), r.get("implementationRef"),
                    r.get("notes"), r.get("testRef"), r.get("nonConformance")));
        }
        return byRow;
    }

    static byte[] edit(byte[] bytes, Consumer<Workbook> change) throws IOException {
        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(bytes))) {
            change.accept(workbook);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        }
    }

    /** The cell of an exported row (found by its ID in column A) under the header {@code column}. */
    static Cell cellOf(Workbook workbook, String id, String column) {
        for (Sheet sheet : workbook) {
            Row header = sheet.getRow(3);
            for (Row row : sheet) {
                Cell first = row.getCell(0);
                if (header != null && first != null && first.getCellType() == CellType.STRING && first.getStringCellValue().equals(id)) {
                    for (Cell h : header) {
                        if (h.getStringCellValue().equals(column)) {
                            return row.getCell(h.getColumnIndex(), Row.MissingCellPolicy.CREATE_NULL_AS_BLANK);
                        }
                    }
                }
            }
        }
        throw new AssertionError("no row " + id + " with column " + column);
    }

    static void set(Workbook workbook, String id, String column, String value) {
        cellOf(workbook, id, column).setCellValue(value);
    }

    static byte[] workbookWith(String sheet, String id) {
        try (Workbook workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook()) {
            Sheet s = workbook.createSheet(sheet);
            Row header = s.createRow(0);
            header.createCell(0).setCellValue("ID");
            header.createCell(1).setCellValue("Requirement");
            header.createCell(2).setCellValue("Compliance Level");
            Row row = s.createRow(1);
            row.createCell(0).setCellValue(id);
            row.createCell(1).setCellValue("Something " + UUID.randomUUID());
            row.createCell(2).setCellValue("Compliant");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
