package io.tomassure.assessment.domain;

import java.time.LocalDate;
import java.time.Period;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * A programme's rule for evidence that goes out of date: the oldest each kind may be (a DSPT assessment within 12
 * months of its date, say). A piece is in date from its effective date through the earlier of that date plus the
 * kind's maximum age and its own expiry; a row that requires a kind stands on its piece that stays in date longest.
 */
public record EvidencePolicy(Map<EvidenceKind, Period> maxAge) {

    /** No maximum ages: evidence is in date until it expires, if it does. */
    public static final EvidencePolicy NONE = new EvidencePolicy(Map.of());

    public EvidencePolicy {
        maxAge = maxAge.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(maxAge));
    }

    /** A piece of evidence as the rule sees it. */
    public record Held(EvidenceKind kind, LocalDate effectiveOn, LocalDate expiresOn) {
    }

    /**
     * How a row requiring {@code kind} stands on {@code today}: {@code lapsesOn} is the last day its best piece is in
     * date (null when it has none), {@code problem} says in words why it is not in date (null when it is).
     */
    public record Standing(EvidenceKind kind, LocalDate lapsesOn, String problem) {

        public boolean inDate() {
            return problem == null;
        }
    }

    /** The last day a piece is in date; {@link LocalDate#MAX} when nothing ends it. Empty when it cannot be aged. */
    public Optional<LocalDate> lastDay(Held piece) {
        Period age = maxAge.get(piece.kind());
        if (age != null && piece.effectiveOn() == null) {
            return Optional.empty(); // a kind with a maximum age needs the date it was issued
        }
        LocalDate byAge = age == null ? LocalDate.MAX : piece.effectiveOn().plus(age);
        LocalDate byExpiry = piece.expiresOn() == null ? LocalDate.MAX : piece.expiresOn();
        return Optional.of(byAge.isBefore(byExpiry) ? byAge : byExpiry);
    }

    public Standing standing(EvidenceKind kind, Collection<Held> held, LocalDate today) {
        Optional<LocalDate> best = held.stream()
                .filter(piece -> piece.kind() == kind)
                .filter(piece -> piece.effectiveOn() == null || !piece.effectiveOn().isAfter(today))
                .map(this::lastDay).flatMap(Optional::stream)
                .max(Comparator.naturalOrder());
        if (best.isEmpty()) {
            return new Standing(kind, null, "needs a " + kind.title() + (maxAge.containsKey(kind)
                    ? " with its effective date (at most " + words(maxAge.get(kind)) + " old)" : "") + ": none attached");
        }
        if (best.get().isBefore(today)) {
            return new Standing(kind, best.get(), "its " + kind.title() + " went out of date on " + best.get().plusDays(1)
                    + ": attach a current one");
        }
        return new Standing(kind, best.get(), null);
    }

    /** A period in words: "12 months", "1 year 6 months", "30 days". */
    public static String words(Period period) {
        StringBuilder words = new StringBuilder();
        append(words, period.getYears(), "year");
        append(words, period.getMonths(), "month");
        append(words, period.getDays(), "day");
        return words.isEmpty() ? "0 days" : words.toString();
    }

    private static void append(StringBuilder words, int count, String unit) {
        if (count != 0) {
            words.append(words.isEmpty() ? "" : " ").append(count).append(' ').append(unit).append(count == 1 ? "" : "s");
        }
    }
}
