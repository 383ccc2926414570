package io.tomassure.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.tomassure.testing.TestDatabase;

class IdsTest {

    @Test
    void idsMadeInATightLoopOnFourThreadsAreStrictlyIncreasingPerThreadAndUnique() throws Exception {
        int threads = 4;
        int perThread = 100_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            Callable<List<UUID>> loop = () -> {
                List<UUID> made = new ArrayList<>(perThread);
                for (int i = 0; i < perThread; i++) {
                    made.add(Ids.next());
                }
                return made;
            };
            List<Future<List<UUID>>> runs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                runs.add(pool.submit(loop));
            }
            Set<UUID> all = new HashSet<>();
            for (Future<List<UUID>> run : runs) {
                List<UUID> made = run.get();
                for (int i = 1; i < made.size(); i++) {
                    assertThat(unsigned(made.get(i - 1), made.get(i))).as("id %d of a thread after id %d", i, i - 1)
                            .isNegative();
                }
                all.addAll(made);
                assertThat(made).allSatisfy(id -> assertThat(id.version()).isEqualTo(7));
            }
            assertThat(all).hasSize(threads * perThread);
        } finally {
            pool.shutdownNow();
        }
    }

    /** PostgreSQL orders uuids by their bytes, unsigned: the order a page "after" an id follows. */
    @Test
    void keysetPagesOverRowsMadeInOneMillisecondReturnEachRowOnceInTheOrderMade() throws SQLException {
        var sameMillisecond = Ids.generator(Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC));
        List<UUID> made = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            made.add(sameMillisecond.get());
        }
        try (Connection db = TestDatabase.connect()) {
            try (Statement ddl = db.createStatement()) {
                ddl.execute("create table ids_paged (id uuid primary key, made int not null)");
            }
            try (PreparedStatement insert = db.prepareStatement("insert into ids_paged (id, made) values (?, ?)")) {
                // inserted in another order than made, so the order read back is the ids' own
                for (int i = made.size() - 1; i >= 0; i--) {
                    insert.setObject(1, made.get(i));
                    insert.setInt(2, i);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            List<Integer> read = new ArrayList<>();
            UUID after = null;
            try (PreparedStatement page = db.prepareStatement(
                    "select id, made from ids_paged where ?::uuid is null or id > ?::uuid order by id limit 137")) {
                do {
                    page.setObject(1, after);
                    page.setObject(2, after);
                    int before = read.size();
                    try (ResultSet rows = page.executeQuery()) {
                        while (rows.next()) {
                            after = rows.getObject(1, UUID.class);
                            read.add(rows.getInt(2));
                        }
                    }
                    if (read.size() == before) {
                        break;
                    }
                } while (true);
            }
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < made.size(); i++) {
                expected.add(i);
            }
            assertThat(read).containsExactlyElementsOf(expected);
        }
    }

    private static int unsigned(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }
}
