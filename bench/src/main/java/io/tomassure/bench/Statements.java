package io.tomassure.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What PostgreSQL spent on each statement over a series of steps, from {@code pg_stat_statements} (the local stack's
 * PostgreSQL loads it): every service's statements and the peer's, in one table, per unit of work served (an answer,
 * a read). Execution time only: a statement's parse and its client's wait are not in it, nor is the WAL writer.
 */
final class Statements {
    private static final int TOP = 15;

    private Statements() {
    }

    /** Forgets what was counted so far: what {@link #profile} reports starts here. */
    static void reset(Bench bench) throws SQLException {
        try (Connection c = superuser(bench); PreparedStatement reset = c.prepareStatement("select pg_stat_statements_reset()")) {
            reset.executeQuery().close();
        }
    }

    /** The time and calls of each database, then of the statements that took the most, per {@code units} served. */
    static String profile(Bench bench, String unit, long units) throws SQLException {
        StringBuilder md = new StringBuilder("PostgreSQL's execution time per " + unit + " (" + units + " served), by database:\n\n"
                + "| database | statements per " + unit + " | ms per " + unit + " |\n|---|---|---|\n");
        try (Connection c = superuser(bench)) {
            try (PreparedStatement byDatabase = c.prepareStatement("""
                    select d.datname, sum(s.calls), sum(s.total_exec_time) from pg_stat_statements s
                    join pg_database d on d.oid = s.dbid group by d.datname order by 3 desc""");
                    ResultSet rs = byDatabase.executeQuery()) {
                while (rs.next()) {
                    md.append("| %s | %.2f | %.3f |%n".formatted(rs.getString(1), rs.getLong(2) / (double) units,
                            rs.getDouble(3) / units));
                }
            }
            md.append("\nThe ").append(TOP).append(" statements that took the most:\n\n| database | statement | calls per ")
                    .append(unit).append(" | ms per ").append(unit).append(" | ms per call |\n|---|---|---|---|---|\n");
            try (PreparedStatement top = c.prepareStatement("""
                    select d.datname, regexp_replace(s.query, '\\s+', ' ', 'g'), s.calls, s.total_exec_time
                    from pg_stat_statements s join pg_database d on d.oid = s.dbid
                    order by s.total_exec_time desc limit ?""")) {
                top.setInt(1, TOP);
                try (ResultSet rs = top.executeQuery()) {
                    while (rs.next()) {
                        String query = rs.getString(2);
                        md.append("| %s | `%s` | %.2f | %.3f | %.3f |%n".formatted(rs.getString(1),
                                (query.length() > 90 ? query.substring(0, 90) + "..." : query).replace("|", "\\|"),
                                rs.getLong(3) / (double) units, rs.getDouble(4) / units,
                                rs.getDouble(4) / Math.max(1, rs.getLong(3))));
                    }
                }
            }
        }
        return md.toString();
    }

    private static Connection superuser(Bench bench) throws SQLException {
        return DriverManager.getConnection(bench.config.jdbcUrl("postgres"), "postgres", "postgres");
    }
}
