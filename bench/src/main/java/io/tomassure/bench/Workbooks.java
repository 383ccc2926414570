package io.tomassure.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.tomassure.stack.DemoUser;
import io.tomassure.stack.TomService;

/**
 * The e-RS TOM through the API of the running stack: template import (upload, checks, parse, store) and an
 * assessment's export, each timed warm over HTTP; then the same code in a JVM capped at a 256 MB heap
 * ({@link WorkbookBench}) for its peak heap.
 */
final class Workbooks {
    record Result(Stats importHttp, Stats exportHttp, List<String> inProcessTable) {
    }

    static Result measure(Bench bench, Path workbook, String programme, String assessmentId, int runs) throws Exception {
        byte[] bytes = Files.readAllBytes(workbook);
        List<Double> imports = new ArrayList<>();
        List<Double> exports = new ArrayList<>();
        for (int i = 0; i < runs + 5; i++) {
            long start = System.nanoTime();
            bench.as(DemoUser.ADMIN, TomService.ASSESSMENT)
                    .contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").body(bytes)
                    .post("/api/v1/programmes/" + programme + "/templates/import?version=bench-" + System.nanoTime())
                    .then().statusCode(201);
            double importMs = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            bench.supplierSystem(TomService.ASSESSMENT).get("/api/v1/assessments/" + assessmentId + "/workbook").then()
                    .statusCode(200);
            double exportMs = (System.nanoTime() - start) / 1e6;
            if (i >= 5) { // the first five warm the JVM
                imports.add(importMs);
                exports.add(exportMs);
            }
        }
        Stats importStats = Stats.of("e-RS template import over HTTP", 0, toArray(imports), 0, 0);
        Stats exportStats = Stats.of("e-RS assessment export over HTTP", 0, toArray(exports), 0, 0);
        bench.log("  import p50 %.0f ms, export p50 %.0f ms".formatted(importStats.p50(), exportStats.p50()));

        Path table = bench.output.resolve("workbooks.md");
        int exit = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:+UseSerialGC", "-Dreport=" + table, "-cp", System.getProperty("java.class.path"), WorkbookBench.class.getName())
                .redirectErrorStream(true).redirectOutput(bench.output.resolve("workbook-bench.log").toFile()).start().waitFor();
        List<String> rows = exit == 0 ? Files.readAllLines(table).stream().filter(l -> l.startsWith("|")).toList() : List.of();
        return new Result(importStats, exportStats, rows);
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private Workbooks() {
    }
}
