package io.tomassure.assessment.domain;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A requirement row of a template, as the rules see it. */
public record Requirement(String id, String sectionCode, SectionKind sectionKind, Level level, RowType type,
        Party answeredBy, Set<Phase> phases, List<String> allowedAnswers) {

    public Requirement {
        phases = Set.copyOf(phases);
        allowedAnswers = List.copyOf(allowedAnswers);
    }

    /** Whether a submission of {@code phase} needs this row answered. */
    public boolean requiredFor(Phase phase) {
        return type.affectsOutcome() && phases.contains(phase);
    }

    /** The allowed answer as the template spells it, matching case-insensitively; empty if not allowed. */
    public Optional<String> canonicalAnswer(String answer) {
        if (answer == null) {
            return Optional.empty();
        }
        return allowedAnswers.stream().filter(a -> a.equalsIgnoreCase(answer.trim())).findFirst();
    }
}
