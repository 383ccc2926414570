package io.tomassure.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.tomassure.audit.repository.AuditStore;
import io.tomassure.stack.TomService;

/**
 * The same requests with more stored: assessments (with their products and versions) and audit entries are grown
 * to each size in turn, then writes, reads and the first page of each list are measured at fixed, modest rates.
 */
final class Growth {
    record Level(long size, List<Stats> steps) {
    }

    static final List<String> STEPS = List.of("answer a row", "read an assessment", "list assessments (first page)",
            "list the supplier's audit entries (first page)");

    static List<Level> measure(Bench bench, Fixtures fixtures, long[] sizes) throws Exception {
        List<Level> levels = new ArrayList<>();
        steps(bench, fixtures, 0); // warm-up: the list endpoints' first calls would otherwise charge the JIT to the first size
        for (long size : sizes) {
            long started = System.nanoTime();
            growAssessments(bench, fixtures.templateId, size);
            try (Connection c = bench.db(TomService.AUDIT)) {
                AuditSeeder.growTo(new AuditStore(bench.dataSource(TomService.AUDIT)), c, size, fixtures.assessments);
            }
            bench.log("  grown to %,d assessments and audit entries in %.0f s".formatted(size, (System.nanoTime() - started) / 1e9));
            levels.add(new Level(size, steps(bench, fixtures, size)));
        }
        return levels;
    }

    /** Each of {@link #STEPS} at its fixed rate. */
    private static List<Stats> steps(Bench bench, Fixtures fixtures, long seed) {
        var duration = bench.seconds(20);
        return List.of(
                bench.load(STEPS.get(0), TomService.ASSESSMENT, "PUT", 100, duration, fixtures.answers(seed)),
                bench.load(STEPS.get(1), TomService.ASSESSMENT, "GET", 300, duration, fixtures.reads(seed)),
                bench.load(STEPS.get(2), TomService.ASSESSMENT, "GET", 200, duration, Fixtures.repeat("/api/v1/assessments?limit=50")),
                bench.load(STEPS.get(3), TomService.AUDIT, "GET", 200, duration, Fixtures.repeat("/api/v1/audit/entries?limit=50")));
    }

    /** Adds products, versions and assessments of the supplier until there are {@code size} assessments. */
    private static void growAssessments(Bench bench, String templateId, long size) throws Exception {
        try (Connection c = bench.db(TomService.ASSESSMENT)) {
            long existing;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from assessment")) {
                rs.next();
                existing = rs.getLong(1);
            }
            for (long from = existing; from < size; from += 100_000) {
                try (PreparedStatement insert = c.prepareStatement("""
                        with p as (insert into product (id, supplier_ods, name)
                                   select uuidv7(), 'YGM27', 'Growth product ' || g from generate_series(?, ?) g returning id),
                             v as (insert into product_version (id, product_id, version) select uuidv7(), id, '1.0' from p returning id)
                        insert into assessment (id, product_version_id, template_id, supplier_ods)
                        select uuidv7(), id, ?, 'YGM27' from v""")) {
                    insert.setLong(1, from);
                    insert.setLong(2, Math.min(size, from + 100_000) - 1);
                    insert.setObject(3, UUID.fromString(templateId));
                    insert.executeUpdate();
                }
            }
            // As a database that has been running would be: statistics fresh, visibility map set, no autovacuum
            // woken by the bulk insert during the measurement.
            try (Statement s = c.createStatement()) {
                for (String table : List.of("product", "product_version", "assessment")) {
                    s.execute("vacuum analyze " + table);
                }
            }
        }
    }

    private Growth() {
    }
}
