package io.tomassure.stack;

import java.nio.file.Path;

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
}
