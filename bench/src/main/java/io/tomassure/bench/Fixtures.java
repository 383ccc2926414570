package io.tomassure.bench;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.restassured.path.json.JsonPath;
import io.tomassure.stack.DemoUser;
import io.tomassure.stack.TomService;

/**
 * The assessments the load works on: versions of the demo product, each assessed against the published template
 * (the real e-RS TOM when the workbooks are there), and the supplier's rows of that template with an answer each
 * accepts. Requests are drawn at random from these, so writes rarely meet on one assessment's lock.
 */
final class Fixtures {
    record Row(String id, String answer) {
    }

    final String templateId;
    final String productId;
    final List<String> assessments = new ArrayList<>();
    final List<Row> rows = new ArrayList<>();

    private Fixtures(String templateId, String productId) {
        this.templateId = templateId;
        this.productId = productId;
    }

    /** The demo product and the programme's published template, with no assessments yet. */
    static Fixtures of(Bench bench, String programme) {
        JsonPath programmes = bench.as(DemoUser.ADMIN, TomService.ASSESSMENT).get("/api/v1/programmes").then().statusCode(200)
                .extract().jsonPath();
        String templateId = programmes.getString("find { it.code == '" + programme + "' }.templates[0].id");
        String productId = bench.supplierSystem(TomService.ASSESSMENT).get("/api/v1/products").then().statusCode(200)
                .extract().path("items[0].id");
        return new Fixtures(templateId, productId);
    }

    static Fixtures create(Bench bench, String programme, int count) {
        Fixtures fixtures = of(bench, programme);
        JsonPath template = bench.supplierSystem(TomService.ASSESSMENT).get("/api/v1/templates/" + fixtures.templateId).then()
                .statusCode(200).extract().jsonPath();
        for (Map<String, Object> row : template.<Map<String, Object>>getList("sections.requirements.flatten()")) {
            if ("SUPPLIER".equals(row.get("answeredBy"))) {
                @SuppressWarnings("unchecked")
                List<String> allowed = (List<String>) row.get("allowedAnswers");
                fixtures.rows.add(new Row((String) row.get("id"), conformingAnswer(allowed)));
            }
        }
        for (int i = 0; i < count; i++) {
            fixtures.assessments.add(fixtures.newAssessment(bench, "bench-" + i));
        }
        fixtures.dropRowsRefused(bench);
        bench.log("  %d assessments of %d supplier rows each, on template %s".formatted(count, fixtures.rows.size(), programme));
        return fixtures;
    }

    String newAssessment(Bench bench, String version) {
        String versionId = bench.supplierSystem(TomService.ASSESSMENT).body(Map.of("version", version))
                .post("/api/v1/products/" + productId + "/versions").then().statusCode(201).extract().path("id");
        return bench.supplierSystem(TomService.ASSESSMENT).body(Map.of("productVersionId", versionId, "templateId", templateId))
                .post("/api/v1/assessments").then().statusCode(201).extract().path("id");
    }

    /** The same rows on other assessments (the plain-CRUD peer's), so that both take the same requests. */
    Fixtures on(List<String> others) {
        Fixtures fixtures = new Fixtures(templateId, productId);
        fixtures.rows.addAll(rows);
        fixtures.assessments.addAll(others);
        return fixtures;
    }

    /** An answer that conforms (no non-conformance detail needed): "Compliant" or "Yes" where listed, else text. */
    static String conformingAnswer(List<String> allowed) {
        if (allowed == null || allowed.isEmpty()) {
            return "Answered by the benchmark";
        }
        for (String preferred : List.of("Compliant", "Yes", "N/A")) {
            if (allowed.contains(preferred)) {
                return preferred;
            }
        }
        return allowed.stream().filter(a -> !a.toLowerCase().contains("non") && !a.toLowerCase().contains("semi")).findFirst()
                .orElse(allowed.get(0));
    }

    /** Answers each row once on the first assessment; a row that refuses its answer is left out of the load. */
    private void dropRowsRefused(Bench bench) {
        String first = assessments.get(0);
        rows.removeIf(row -> bench.supplierSystem(TomService.ASSESSMENT).header("If-Match", "*").body(body(row, 0))
                .put(path(first, row)).statusCode() != 200);
    }

    /** Endless answers to random rows of random assessments, each with its own note so that every write changes the row. */
    Iterator<Map<String, Object>> answers(long seed) {
        Random random = new Random(seed);
        return endless(() -> {
            Row row = rows.get(random.nextInt(rows.size()));
            String assessment = assessments.get(random.nextInt(assessments.size()));
            return Map.of("path", path(assessment, row), "body", body(row, random.nextInt(1_000_000)));
        });
    }

    /** Endless reads of random assessments with their derived results. */
    Iterator<Map<String, Object>> reads(long seed) {
        Random random = new Random(seed);
        return endless(() -> Map.of("path", "/api/v1/assessments/" + assessments.get(random.nextInt(assessments.size()))));
    }

    /**
     * Endless revalidations of random assessments, each quoting the ETag a client kept from its last read: while
     * nothing changes (no writes run during the reads), each is answered 304 without building the view.
     */
    Iterator<Map<String, Object>> revalidations(Bench bench, long seed) {
        Map<String, String> etags = new java.util.HashMap<>();
        for (String assessment : assessments) {
            etags.put(assessment, bench.supplierSystem(TomService.ASSESSMENT).get("/api/v1/assessments/" + assessment)
                    .then().statusCode(200).extract().header("ETag"));
        }
        Random random = new Random(seed);
        return endless(() -> {
            String assessment = assessments.get(random.nextInt(assessments.size()));
            return Map.of("path", "/api/v1/assessments/" + assessment, "etag", etags.get(assessment));
        });
    }

    /** The same request for ever. */
    static Iterator<Map<String, Object>> repeat(String path) {
        return endless(() -> Map.of("path", path));
    }

    private static String path(String assessment, Row row) {
        return "/api/v1/assessments/" + assessment + "/responses/" + row.id();
    }

    private static String body(Row row, int note) {
        return "{\"answer\":\"" + row.answer().replace("\"", "\\\"") + "\",\"notes\":\"benchmark note " + note + "\"}";
    }

    private static Iterator<Map<String, Object>> endless(java.util.function.Supplier<Map<String, Object>> next) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Map<String, Object> next() {
                return next.get();
            }
        };
    }
}
