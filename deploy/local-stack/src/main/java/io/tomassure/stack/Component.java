package io.tomassure.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One running part of the local stack. */
interface Component extends AutoCloseable {

    String name();

    /** Starts it and returns without waiting for it to be ready. */
    void start();

    /** Polled after start, until true. */
    boolean isReady();

    /** True when it has stopped by itself: waiting for it is pointless. */
    default boolean hasExited() {
        return false;
    }

    /** Stops it cleanly. */
    @Override
    void close();

    /** Where its output goes: shown when it fails to come up. */
    Path log();

    /** The last lines of its log: what a failure message should show (a CI run keeps no log folder). */
    default String logTail(int lines) {
        try {
            List<String> all = Files.exists(log()) ? Files.readAllLines(log()) : List.of();
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
