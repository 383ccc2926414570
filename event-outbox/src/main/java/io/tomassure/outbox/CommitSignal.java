package io.tomassure.outbox;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

/**
 * Waits for the NOTIFY that {@link Outbox} sends with every transaction that recorded events: PostgreSQL
 * delivers it at commit, to every instance, so the relay publishes within milliseconds instead of polling.
 * Uses its own connection (outside the pool) because LISTEN is a session-level state held for the app's life.
 */
final class CommitSignal implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CommitSignal.class);

    private final String url;
    private final String user;
    private final String password;
    private volatile Connection connection;

    CommitSignal(Config config) {
        this.url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        this.user = config.getOptionalValue("quarkus.datasource.username", String.class).orElse(null);
        this.password = config.getOptionalValue("quarkus.datasource.password", String.class).orElse(null);
    }

    /** Starts listening; events committed from now on wake {@link #await}. */
    void listen() throws SQLException {
        if (connection != null) {
            return;
        }
        Connection listening = DriverManager.getConnection(url, user, password);
        try (Statement statement = listening.createStatement()) {
            statement.execute("listen " + Outbox.CHANNEL);
        } catch (SQLException e) {
            listening.close();
            throw e;
        }
        connection = listening;
    }

    /** Returns when a commit was signalled (including ones since the last call) or {@code max} has passed. */
    void await(Duration max) {
        try {
            listen();
            connection.unwrap(PGConnection.class).getNotifications((int) Math.max(1, max.toMillis()));
        } catch (SQLException e) {
            LOG.debugf("commit signal unavailable, falling back to polling: %s", e.getMessage());
            close();
            sleep(max);
        }
    }

    @Override
    public void close() {
        Connection listening = connection;
        connection = null;
        if (listening != null) {
            try {
                listening.close();
            } catch (SQLException ignored) {
                // already broken: nothing to release
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
