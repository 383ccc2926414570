package io.tomassure.approval.rest;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.test.Mock;
import io.tomassure.support.time.TimeSource;

/** The clock for tests: real time, moved forward when a test needs agreements to expire. */
@Mock
@ApplicationScoped
public class MovableTimeSource extends TimeSource {

    private volatile Duration offset = Duration.ZERO;

    @Override
    public Instant now() {
        return Instant.now().plus(offset);
    }

    public void moveBy(Duration by) {
        offset = offset.plus(by);
    }

    public void reset() {
        offset = Duration.ZERO;
    }
}
