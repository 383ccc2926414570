package io.tomassure.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.tomassure.stack.TomService;

/**
 * The database's raw commit rate on this machine, in this run: one single-row insert per transaction, in a loop,
 * from one connection and from as many as the service's pool uses under load. The suite's writes are reported as a
 * fraction of it.
 */
final class ReferenceLine {
    record Result(double oneConnection, double concurrent, int connections, String settings) {
    }

    static Result measure(Bench bench, int connections) throws Exception {
        String settings;
        try (Connection c = bench.db(TomService.ASSESSMENT); Statement s = c.createStatement()) {
            try (var rs = s.executeQuery("select string_agg(name || '=' || setting, ', ' order by name) from pg_settings "
                    + "where name in ('fsync', 'synchronous_commit', 'shared_buffers', 'server_version')")) {
                rs.next();
                settings = rs.getString(1);
            }
            s.execute("create table if not exists bench_reference (id bigserial primary key, note text not null, at timestamptz not null default now())");
        }
        Duration duration = bench.seconds(15);
        double one = commitsPerSecond(bench, 1, duration);
        double many = commitsPerSecond(bench, connections, duration);
        try (Connection c = bench.db(TomService.ASSESSMENT); Statement s = c.createStatement()) {
            s.execute("drop table bench_reference");
        }
        bench.log("  reference: %,.0f commits/s on one connection, %,.0f on %d".formatted(one, many, connections));
        return new Result(one, many, connections, settings);
    }

    private static double commitsPerSecond(Bench bench, int connections, Duration duration) throws Exception {
        AtomicLong commits = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Thread thread = new Thread(() -> {
                try (Connection c = bench.db(TomService.ASSESSMENT);
                        PreparedStatement insert = c.prepareStatement("insert into bench_reference (note) values (?)")) {
                    c.setAutoCommit(true);
                    while (System.nanoTime() < end) {
                        insert.setString(1, "reference");
                        insert.executeUpdate();
                        commits.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) {
            t.join();
        }
        return commits.get() / (double) duration.toSeconds();
    }
}
