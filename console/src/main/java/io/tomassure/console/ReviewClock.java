package io.tomassure.console;

import java.time.Duration;
import java.time.Instant;

/** How far a review case is through its target time: what the queue's ageing shows. */
public final class ReviewClock {

    /** Past this share of the target a case is due soon. */
    static final double DUE_SOON = 0.8;

    public enum Status {
        ON_TRACK("On track"), DUE_SOON("Due soon"), OVERDUE("Overdue");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A case's age in whole days, and its status against the target. */
    public record Age(long days, Status status) {
    }

    private ReviewClock() {
    }

    public static Age age(Instant openedAt, Instant now, Duration target) {
        Duration age = Duration.between(openedAt, now).isNegative() ? Duration.ZERO : Duration.between(openedAt, now);
        Status status = age.compareTo(target) > 0 ? Status.OVERDUE
                : age.toMillis() > target.toMillis() * DUE_SOON ? Status.DUE_SOON : Status.ON_TRACK;
        return new Age(age.toDays(), status);
    }
}
