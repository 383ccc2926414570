package io.tomassure.support;

import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;

import com.github.f4b6a3.uuid.factory.standard.TimeOrderedEpochFactory;

/**
 * Time-ordered UUIDs (version 7): keyset pages in creation order, and ids known before anything is flushed. Ids made
 * in the same millisecond keep the order they were made in (RFC 9562, section 6.2, method 3: the random part grows
 * by a random step, so one id does not give the next away), which a page "after" an id relies on.
 */
public final class Ids {

    private static final Supplier<UUID> SYSTEM = generator(Clock.systemUTC());

    private Ids() {
    }

    public static UUID next() {
        return SYSTEM.get();
    }

    /** The generator {@link #next()} uses, on another clock (a test's). */
    static Supplier<UUID> generator(Clock clock) {
        return TimeOrderedEpochFactory.builder().withIncrementPlusN().withClock(clock).build()::create;
    }
}
