package io.tomassure.assessment.rest;

import static io.tomassure.assessment.rest.WorkbookTest.XLSX;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.tomassure.assessment.workbook.RealWorkbooks;
import io.tomassure.testing.TomWorkbooks;
import io.tomassure.testing.TomTestEnvironment;

/**
 * The real pair: e-RS TOM v1.2, answered in full, uplifted to v1.4. The delta must be what a cell-by-cell comparison
 * of the two files gives, computed here from the files with POI alone, and no answer may be lost.
 */
@QuarkusTest
@WithTestResource(TomTestEnvironment.class)
class ErsUpliftTest {

    private static final Pattern WORKBOOK_ID = Pattern.compile("[A-Z][A-Z0-9]*(-[A-Z0-9]+)*-\\d+");
    private static final Set<String> ID_HEADERS = Set.of("category", "cat.", "category / requirement");
    private static final Set<String> ITEM_HEADERS = Set.of("item", "control", "requirement", "activity");

    @Test
    void eRsV12AnsweredInFullUpliftsToV14WithExactlyTheWorkbooksDeltaAndEveryAnswer() throws Exception {
        byte[] v12 = RealWorkbooks.bytes(TomWorkbooks.ERS_12);
        byte[] v14 = RealWorkbooks.bytes(TomWorkbooks.ERS);
        Tom tom = new Tom().setUp();
        String from = importTemplate(tom, v12, "1.2");
        String to = importTemplate(tom, v14, "1.4");
        String assessment = ScalWorkbookTest.assessmentOn(tom, from, "3.0");
        String deployment = "/api/v1/deployments/" + tom.supplierUser().body(Map.of("assessmentId",
                assessment.substring(assessment.lastIndexOf('/') + 1), "euoOdsCode", tom.euo)).post("/api/v1/deployments")
                .then().statusCode(201).extract().path("id");

        // Every row answered by its party: the supplier's and NHS Digital's on the product, the EUO's in its deployment.
        List<Map<String, Object>> rows12 = rows(from);
        String nonConformant = null;
        for (Map<String, Object> row : rows12) {
            String id = (String) row.get("id");
            String party = (String) row.get("answeredBy");
            boolean api = "API_REQUIREMENTS".equals(row.get("kind")) && ((List<?>) row.get("allowedAnswers")).contains("Semi-compliant");
            Map<String, Object> answer = nonConformant == null && api && "SUPPLIER".equals(party)
                    ? Tom.nonConformant("Semi-compliant", "AMBER") : answerFor(row);
            nonConformant = nonConformant == null && api && "SUPPLIER".equals(party) ? id : nonConformant;
            Supplier<RequestSpecification> who = switch (party) {
                case "EUO" -> tom::euoUser;
                case "NHS_DIGITAL" -> Tom::reviewer;
                default -> tom::supplierUser;
            };
            who.get().body(answer).put(("EUO".equals(party) ? deployment : assessment) + "/responses/" + id).then()
                    .statusCode(200);
        }
        String movedRow = rows12.stream().filter(r -> "6".equals(r.get("section")) && "SUPPLIER".equals(r.get("answeredBy")))
                .map(r -> (String) r.get("id")).filter(id -> id.compareTo("6-Q12") >= 0).findFirst().orElseThrow();
        String evidence = tom.supplierUser().contentType("application/pdf").body("dpia".getBytes(StandardCharsets.UTF_8))
                .post(assessment + "/responses/" + movedRow + "/evidence?name=dpia.pdf").then().statusCode(201).extract().path("id");
        Map<String, Map<String, Object>> answered12 = answersByKey(tom, assessment, deployment, rows12);
        assertThat(answered12).hasSize(rows12.size());

        JsonPath report = tom.supplierUser().header("If-Match", UpliftTest.etag(tom, assessment))
                .body(Map.of("templateId", to)).post(assessment + "/uplift").then().statusCode(200).extract().jsonPath();

        // The delta is the files' own.
        Comparison files = compare(sheets(v12), sheets(v14));
        assertThat(files.added()).isNotEmpty();
        List<Map<String, Object>> rows14 = rows(to);
        Map<String, String> key12 = keys(rows12);
        Map<String, String> key14 = keys(rows14);
        List<Map<String, Object>> deltas = report.getList("rows");
        assertThat(keysWith(deltas, "ADDED", key14, "id")).isEqualTo(files.added());
        assertThat(keysWith(deltas, "REMOVED", key12, "previousId")).isEqualTo(files.removed());
        Set<String> changed = new TreeSet<>();
        for (String change : List.of("REWORDED", "GUIDANCE_CHANGED", "RELEVELLED", "ANSWERS_CHANGED", "PARTY_CHANGED", "REPHASED")) {
            changed.addAll(keysWith(deltas, change, key14, "id"));
        }
        assertThat(changed).isEqualTo(files.changed());
        assertThat(report.getInt("counts.unchanged") + (int) deltas.stream().filter(d -> d.get("changes").equals(List.of("MOVED"))).count())
                .as("rows unchanged, in place or moved").isEqualTo(files.unchanged());

        // No answer is lost: each is on its row's new id, with its evidence and non-conformance, none set aside.
        assertThat(report.getInt("counts.answersRetired")).isZero();
        assertThat(answersByKey(tom, assessment, deployment, rows14)).isEqualTo(answered12);
        String movedTo = rows14.stream().filter(r -> key14.get((String) r.get("id")).equals(key12.get(movedRow)))
                .map(r -> (String) r.get("id")).findFirst().orElseThrow();
        assertThat(movedTo).isNotEqualTo(movedRow);
        assertThat(tom.supplierUser().get(assessment + "/responses").then().extract().jsonPath()
                .getString("find { it.requirementId == '" + movedTo + "' }.evidence[0].id")).isEqualTo(evidence);

        // What the supplier still owes Phase 1B is the new rows only.
        Set<String> added = new TreeSet<>(keysWith(deltas, "ADDED", Map.of(), "id"));
        List<String> missing = tom.supplierUser().body(Map.of("phase", "1B")).post(assessment + "/submissions").then()
                .statusCode(422).extract().jsonPath().getList("missing.requirementId");
        assertThat(missing).isNotEmpty().allMatch(added::contains);
    }

    private static String importTemplate(Tom tom, byte[] workbook, String version) {
        String id = Tom.admin().contentType(XLSX).body(workbook).post("/api/v1/programmes/" + tom.programme
                + "/templates/import?version=" + version).then().statusCode(201).extract().path("template.id");
        Tom.admin().post("/api/v1/templates/" + id + "/publish").then().statusCode(200);
        return id;
    }

    /** The template's rows, each with its section code and kind. */
    private static List<Map<String, Object>> rows(String template) {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Map<String, Object>> sections = Tom.admin().get("/api/v1/templates/" + template).then().statusCode(200)
                .extract().jsonPath().getList("sections");
        for (Map<String, Object> section : sections) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> requirements = (List<Map<String, Object>>) section.get("requirements");
            requirements.forEach(r -> {
                Map<String, Object> row = new HashMap<>(r);
                row.put("section", section.get("code"));
                row.put("kind", section.get("kind"));
                rows.add(row);
            });
        }
        return rows;
    }

    private static Map<String, Object> answerFor(Map<String, Object> row) {
        @SuppressWarnings("unchecked")
        List<String> allowed = (List<String>) row.get("allowedAnswers");
        String answer = allowed.isEmpty() ? "Answer to " + row.get("id") : allowed.stream()
                .filter(a -> !List.of("semi-compliant", "non-compliant", "no", "partial").contains(a.toLowerCase(Locale.ROOT)))
                .findFirst().orElse(allowed.get(0));
        return Map.of("answer", answer, "notes", "Notes on " + row.get("id"));
    }

    /** A row as the files know it: its tab and the workbook's id, else its normalised item text. */
    private static Map<String, String> keys(List<Map<String, Object>> rows) {
        Map<String, String> keys = new HashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        rows.forEach(r -> {
            String id = (String) r.get("id");
            keys.put(id, key(r.get("section") + "|" + (WORKBOOK_ID.matcher(id).matches() ? id : normalise((String) r.get("title"))), seen));
        });
        return keys;
    }

    /** A tab's second "Expiry Date" is another row than its first: repeated keys count their occurrences. */
    private static String key(String key, Map<String, Integer> seen) {
        int n = seen.merge(key, 1, Integer::sum);
        return n == 1 ? key : key + "#" + n;
    }

    private static Set<String> keysWith(List<Map<String, Object>> deltas, String change, Map<String, String> keys, String idField) {
        Set<String> found = new TreeSet<>();
        deltas.stream().filter(d -> ((List<?>) d.get("changes")).contains(change))
                .forEach(d -> found.add(keys.isEmpty() ? (String) d.get(idField) : keys.get((String) d.get(idField))));
        return found;
    }

    /** Every answer in force (product and deployment), by the row's key, without its id. */
    private static Map<String, Map<String, Object>> answersByKey(Tom tom, String assessment, String deployment,
            List<Map<String, Object>> rows) {
        Map<String, String> keys = keys(rows);
        Map<String, Map<String, Object>> answers = new TreeMap<>();
        List<Map<String, Object>> all = new ArrayList<>(Tom.reviewer().get(assessment + "/responses").then().statusCode(200)
                .extract().jsonPath().getList(""));
        all.addAll(tom.euoUser().get(deployment + "/responses").then().statusCode(200).extract().jsonPath()
                .<Map<String, Object>>getList("").stream().filter(r -> r.get("deploymentId") != null).toList());
        for (Map<String, Object> response : all) {
            Map<String, Object> kept = new HashMap<>(response);
            List.of("requirementId", "etag", "updatedAt", "updatedBy", "reattest").forEach(kept::remove);
            answers.put(keys.get((String) response.get("requirementId")), kept);
        }
        return answers;
    }

    // The independent comparison: the numbered tabs' requirement rows, cell by cell, read with POI alone.

    record Comparison(Set<String> added, Set<String> removed, Set<String> changed, int unchanged) {
    }

    static Comparison compare(Map<String, Map<String, String>> before, Map<String, Map<String, String>> after) {
        Set<String> added = new TreeSet<>(after.keySet());
        added.removeAll(before.keySet());
        Set<String> removed = new TreeSet<>(before.keySet());
        removed.removeAll(after.keySet());
        Set<String> changed = new TreeSet<>();
        int unchanged = 0;
        for (String key : before.keySet()) {
            if (after.containsKey(key)) {
                if (before.get(key).equals(after.get(key))) {
                    unchanged++;
                } else {
                    changed.add(key);
                }
            }
        }
        return new Comparison(added, removed, changed, unchanged);
    }

    /**
     * Each numbered tab's rows under its header with a workbook id or an item text, keyed by tab and id (else item
     * text): every cell's text but computed ones.
     */
    static Map<String, Map<String, String>> sheets(byte[] file) throws Exception {
        Map<String, Map<String, String>> rows = new TreeMap<>();
        Map<String, Integer> seen = new HashMap<>();
        DataFormatter formatter = new DataFormatter();
        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(file))) {
            for (Sheet sheet : workbook) {
                String tab = sheet.getSheetName().split(" - ")[0].strip();
                if (!Character.isDigit(tab.charAt(0))) {
                    continue;
                }
                int idColumn = -1;
                int itemColumn = -1;
                for (Row row : sheet) {
                    Map<Integer, String> cells = new TreeMap<>();
                    for (Cell cell : row) {
                        if (cell.getCellType() == CellType.FORMULA) {
                            continue; // a computed output (the clinical-safety sign-off level), not what a row asks
                        }
                        String text = formatter.formatCellValue(cell).strip();
                        if (!text.isEmpty()) {
                            cells.put(cell.getColumnIndex(), text);
                        }
                    }
                    if (idColumn < 0) {
                        for (Map.Entry<Integer, String> cell : cells.entrySet()) {
                            String header = cell.getValue().toLowerCase(Locale.ROOT);
                            idColumn = idColumn < 0 && ID_HEADERS.contains(header) ? cell.getKey() : idColumn;
                            itemColumn = ITEM_HEADERS.contains(header) ? cell.getKey() : itemColumn;
                        }
                        continue;
                    }
                    String id = cells.getOrDefault(idColumn, "");
                    String item = cells.getOrDefault(itemColumn, "");
                    if (WORKBOOK_ID.matcher(id).matches() || !item.isEmpty()) {
                        Map<String, String> byColumn = new TreeMap<>();
                        cells.forEach((column, text) -> byColumn.put(Integer.toString(column), text));
                        rows.put(key(tab + "|" + (WORKBOOK_ID.matcher(id).matches() ? id : normalise(item)), seen), byColumn);
                    }
                }
            }
        }
        return rows;
    }

    private static String normalise(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }
}
