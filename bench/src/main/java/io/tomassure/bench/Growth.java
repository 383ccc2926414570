package io.tomassure.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.tomassure.audit.service.AuditStore;
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
        for (long size : sizes) {
            long started = System.nanoTime();
            growAssessments(bench, fixtures.templateId, size);
            try (Connection c = bench.db(TomService.AUDIT)) {
                AuditSeeder.growTo(new AuditStore(bench.dataSource(TomService.AUDIT)), c, size, fixtures.assessments);
            }
            bench.log("  grown to %,d assessments and audit entries in %.0f s".formatted(size, (System.nanoTime() - started) / 1e9));
            var duration = bench.seconds(20);
            List<Stats> steps = new ArrayList<>();
            steps.add(bench.load(STEPS.get(0), TomService.ASSESSMENT, "PUT", 200, duration, fixtures.answers(size)));
            steps.add(bench.load(STEPS.get(1), TomService.ASSESSMENT, "GET", 500, duration, fixtures.reads(size)));
            steps.add(bench.load(STEPS.get(2), TomService.ASSESSMENT, "GET", 200, duration,
                    Fixtures.repeat("/api/v1/assessments?limit=50")));
            steps.add(bench.load(STEPS.get(3), TomService.AUDIT, "GET", 200, duration,
                    Fixtures.repeat("/api/v1/audit/entries?limit=50")));
            levels.add(new Level(size, steps));
        }
        return levels;
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
            try (Statement s = c.createStatement()) {
                s.execute("analyze product; analyze product_version; analyze assessment");
            }
        }
    }

    private Growth() {
    }
}
