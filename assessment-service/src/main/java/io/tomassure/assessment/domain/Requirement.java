package io.tomassure.assessment.domain;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A requirement row of a template, as the rules see it. */
public record Requirement(String id, String sectionCode, SectionKind sectionKind, Level level, RowType type,
        Party answeredBy, Set<Phase> phases, AnswerKind answerKind, List<String> allowedAnswers) {

    public Requirement {
        phases = Set.copyOf(phases);
        allowedAnswers = List.copyOf(allowedAnswers);
    }

    /** A row whose kind follows from its allowed answers (a list: compliance; none: free text). */
    public Requirement(String id, String sectionCode, SectionKind sectionKind, Level level, RowType type,
            Party answeredBy, Set<Phase> phases, List<String> allowedAnswers) {
        this(id, sectionCode, sectionKind, level, type, answeredBy, phases, AnswerKind.defaultFor(allowedAnswers),
                allowedAnswers);
    }

    /** Whether a submission of {@code phase} needs this row answered. */
    public boolean requiredFor(Phase phase) {
        return type.affectsOutcome() && phases.contains(phase);
    }

    /**
     * The answer as the template spells it, matching a listed answer case-insensitively (any non-blank text for a
     * free-text row); empty if not allowed.
     */
    public Optional<String> canonicalAnswer(String answer) {
        if (answer == null || answer.isBlank()) {
            return Optional.empty();
        }
        if (!answerKind.hasList()) {
            return Optional.of(answer.strip());
        }
        return allowedAnswers.stream().filter(a -> a.equalsIgnoreCase(answer.strip())).findFirst();
    }
}
