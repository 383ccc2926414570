package io.tomassure.notification.domain;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** Retry delays: exponential from {@code base}, capped, with ±20% jitter so that failed receivers are not hammered in step. */
public record Backoff(Duration base, Duration cap, int maxAttempts) {

    public Duration after(int attempts, RandomGenerator random) {
        double exponential = base.toMillis() * Math.pow(2, Math.max(0, attempts - 1));
        double capped = Math.min(exponential, cap.toMillis());
        double jitter = 0.8 + 0.4 * random.nextDouble();
        return Duration.ofMillis((long) (capped * jitter));
    }

    public boolean exhausted(int attempts) {
        return attempts >= maxAttempts;
    }
}
