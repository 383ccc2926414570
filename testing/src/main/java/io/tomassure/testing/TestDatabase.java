package io.tomassure.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL for one test JVM: embedded binaries (no Docker, no install, works as root) unless
 * {@code TOM_TEST_JDBC_URL} names a server of the developer's own. Either way each test JVM gets a fresh,
 * empty database of its own, so runs never see each other's data.
 */
public final class TestDatabase {

    private static EmbeddedPostgres embedded;
    private static String jdbcUrl;
    private static String user;
    private static String password;

    private TestDatabase() {
    }

    public static synchronized String jdbcUrl() {
        if (jdbcUrl == null) {
            start();
        }
        return jdbcUrl;
    }

    public static String user() {
        jdbcUrl();
        return user;
    }

    public static String password() {
        jdbcUrl();
        return password;
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    private static void start() {
        String adminUrl = System.getenv("TOM_TEST_JDBC_URL");
        if (adminUrl == null || adminUrl.isBlank()) {
            try {
                embedded = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
            adminUrl = embedded.getJdbcUrl("postgres", "postgres");
            user = "postgres";
            password = "postgres";
        } else {
            user = System.getenv().getOrDefault("TOM_TEST_DB_USER", "postgres");
            password = System.getenv().getOrDefault("TOM_TEST_DB_PASSWORD", "postgres");
        }
        String database = "tom_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection(adminUrl, user, password);
                Statement statement = admin.createStatement()) {
            statement.execute("create database " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database on " + adminUrl, e);
        }
        jdbcUrl = replaceDatabase(adminUrl, database);
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::stop, "test-database-stop"));
    }

    static String replaceDatabase(String url, String database) {
        int slash = url.indexOf('/', "jdbc:postgresql://".length());
        int query = url.indexOf('?', slash);
        return url.substring(0, slash + 1) + database + (query < 0 ? "" : url.substring(query));
    }

    private static void stop() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException ignored) {
                // the JVM is going away
            }
        }
    }
}
