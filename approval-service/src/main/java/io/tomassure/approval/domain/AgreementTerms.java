package io.tomassure.approval.domain;

import java.time.LocalDate;
import java.time.Period;
import java.util.Map;
import java.util.Optional;

/**
 * How long an agreement may run: a longest term per kind, which a programme may set otherwise. An agreement is a
 * gate condition only while it is in date, so the dates a signatory gives are facts to check, not to take: it is
 * signed by today, it ends (no agreement is open-ended), it has not ended already, and it ends within its term.
 */
public record AgreementTerms(Map<AgreementKind, Period> longest, Map<String, Map<AgreementKind, Period>> byProgramme) {

    /** What is wrong with a signature's dates: the field and why. */
    public record Refusal(String field, String reason) {
    }

    public AgreementTerms {
        longest = Map.copyOf(longest);
        byProgramme = Map.copyOf(byProgramme);
    }

    /** The longest term of {@code kind} in {@code programme} (null: the defaults). */
    public Period longest(AgreementKind kind, String programme) {
        Period own = programme == null ? null : byProgramme.getOrDefault(programme, Map.of()).get(kind);
        return own != null ? own : longest.get(kind);
    }

    /** Why an agreement signed on {@code signedOn} and ending on {@code expiresOn} cannot be recorded today, if it cannot. */
    public Optional<Refusal> check(AgreementKind kind, String programme, LocalDate signedOn, LocalDate expiresOn,
            LocalDate today) {
        Period term = longest(kind, programme);
        if (signedOn.isAfter(today)) {
            return Optional.of(new Refusal("signedOn", "an agreement is recorded once signed: " + signedOn + " is to come"));
        }
        if (expiresOn == null) {
            return Optional.of(new Refusal("expiresOn", "a " + kind.title() + " ends: give its expiry, at most " + term
                    + " after it was signed"));
        }
        if (expiresOn.isBefore(signedOn)) {
            return Optional.of(new Refusal("expiresOn", "an agreement cannot expire before it is signed"));
        }
        if (expiresOn.isBefore(today)) {
            return Optional.of(new Refusal("expiresOn", "this agreement expired on " + expiresOn));
        }
        if (expiresOn.isAfter(signedOn.plus(term))) {
            return Optional.of(new Refusal("expiresOn", "a " + kind.title() + " runs at most " + term
                    + (programme == null ? "" : " in programme " + programme) + ": signed on " + signedOn
                    + ", it expires by " + signedOn.plus(term)));
        }
        return Optional.empty();
    }
}
