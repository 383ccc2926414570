package io.tomassure.audit.rest;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.tomassure.audit.config.AuditConfig;
import io.tomassure.support.problem.Problem;
import io.tomassure.support.problem.ProblemException;

/**
 * Live audit streams hold a connection and a poll each for as long as they are open, so each caller may hold only a
 * few, and no stream outlives the token that opened it: it ends when the token expires (or after the longest lifetime,
 * whichever is first), and the client resumes with a fresh token and Last-Event-ID, missing nothing.
 */
@ApplicationScoped
public class AuditStreams {

    private final int perCaller;
    private final Duration longest;
    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    AuditStreams(AuditConfig config) {
        this.perCaller = config.streamsPerCaller();
        this.longest = config.streamLifetime();
    }

    /** Takes one of {@code caller}'s places, or refuses with 429 when it holds them all. */
    public void open(String caller) {
        boolean[] admitted = { false };
        open.compute(caller, (who, held) -> {
            int now = held == null ? 0 : held;
            admitted[0] = now < perCaller;
            return admitted[0] ? now + 1 : now;
        });
        if (!admitted[0]) {
            throw new ProblemException(Problem.of(429, "too-many-streams", "Too many audit streams",
                    "You have " + perCaller + " audit streams open, the most a caller may hold; close one first")
                    .with("maxStreams", perCaller));
        }
    }

    public void close(String caller) {
        open.computeIfPresent(caller, (who, held) -> held <= 1 ? null : held - 1);
    }

    /** How long a stream opened now by a token that expires at {@code tokenExpiry} may last. */
    public Duration lifetime(Instant now, Instant tokenExpiry) {
        Duration untilExpiry = Duration.between(now, tokenExpiry);
        return untilExpiry.compareTo(longest) < 0 ? untilExpiry : longest;
    }
}
