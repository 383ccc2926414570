package io.tomassure.support.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;

/** The clock, as one bean: dates are England's (agreements expire, reminders fall due); tests move it. */
@ApplicationScoped
public class TimeSource {

    private static final ZoneId ENGLAND = ZoneId.of("Europe/London");

    public Instant now() {
        return Instant.now();
    }

    public LocalDate today() {
        return dateOf(now());
    }

    /** The date in England at {@code instant}: what "today" was then. */
    public static LocalDate dateOf(Instant instant) {
        return LocalDate.ofInstant(instant, ENGLAND);
    }
}
