package io.tomassure.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * PostgreSQL from embedded binaries, its data folder kept between runs. Holds one database per service and Keycloak's.
 */
final class Postgres implements Component {
    static final String KEYCLOAK_DATABASE = "keycloak";

    private final StackConfig config;
    private EmbeddedPostgres server;

    Postgres(StackConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public void start() {
        Path dir = config.data().resolve("postgres");
        try {
            Files.createDirectories(config.logs());
            server = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPort(config.postgresPort())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "300")
                    // what each statement costs, for operators and the benchmark's profile (bench/run --steps)
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(config.logs().resolve("postgresql.log").toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(config.logs().resolve("postgresql.log").toFile()))
                    .start();
            createDatabases();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start PostgreSQL", e);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the databases", e);
        }
    }

    @Override
    public boolean isReady() {
        try (Connection c = DriverManager.getConnection(config.jdbcUrl("postgres"), "postgres", "postgres")) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException("could not stop PostgreSQL", e);
            }
            server = null;
        }
    }

    @Override
    public Path log() {
        return config.logs().resolve("postgresql.log");
    }

    /** The role and databases are created once; later starts find them in the kept data folder. */
    private void createDatabases() throws SQLException {
        try (Connection c = DriverManager.getConnection(config.jdbcUrl("postgres"), "postgres", "postgres");
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select 1 from pg_roles where rolname = '" + StackConfig.DB_USER + "'")) {
                if (!rs.next()) {
                    s.execute("create role " + StackConfig.DB_USER + " login password '" + StackConfig.DB_PASSWORD + "'");
                }
            }
            s.execute("create extension if not exists pg_stat_statements");
            List<String> databases = new java.util.ArrayList<>(List.of(KEYCLOAK_DATABASE));
            for (TomService service : TomService.values()) {
                databases.add(service.database());
            }
            for (String database : databases) {
                try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + database + "'")) {
                    if (!rs.next()) {
                        s.execute("create database " + database + " owner " + StackConfig.DB_USER);
                    }
                }
            }
        }
    }

    /** A server left running by a launcher that was killed outright holds the data folder: ask it to stop. */
    static void stopOrphan(Path data) {
        Path pidFile = data.resolve("postgres").resolve("postmaster.pid");
        try {
            if (Files.exists(pidFile)) {
                long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
                ProcessHandle.of(pid).filter(h -> h.info().command().map(c -> c.contains("embedded-pg") && c.endsWith("postgres")).orElse(false))
                        .ifPresent(h -> ChildProcess.terminate(h, Duration.ofSeconds(30)));
            }
        } catch (IOException | RuntimeException e) {
            // no readable pid: nothing to stop, and PostgreSQL removes a stale file itself
        }
    }
}
