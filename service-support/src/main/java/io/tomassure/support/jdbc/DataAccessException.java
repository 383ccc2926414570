package io.tomassure.support.jdbc;

import java.sql.SQLException;

/**
 * A database call that failed, unchecked: the services that call plain-JDBC repositories hand it on without knowing
 * JDBC, and the shared problem mappers answer it, as any unexpected failure, with a 500 and an incident id.
 */
public class DataAccessException extends RuntimeException {

    /** A call to a JDBC repository. */
    @FunctionalInterface
    public interface Call<T> {
        T run() throws SQLException;
    }

    public DataAccessException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    /** Runs {@code call}, its SQLException unchecked. */
    public static <T> T unchecked(Call<T> call) {
        try {
            return call.run();
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }
}
