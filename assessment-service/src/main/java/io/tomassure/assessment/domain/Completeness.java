package io.tomassure.assessment.domain;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** How many of the rows that need an answer (Action and Req rows) have one. */
public record Completeness(int answered, int required) {

    public int percent() {
        return required == 0 ? 100 : (int) Math.floor(100.0 * answered / required);
    }

    public boolean isComplete() {
        return answered == required;
    }

    /** Completeness of {@code rows} that match {@code scope}; Info rows never count. */
    public static Completeness of(Collection<Requirement> rows, Map<String, Answer> answers, Predicate<Requirement> scope) {
        int required = 0;
        int answered = 0;
        for (Requirement row : rows) {
            if (row.type().affectsOutcome() && scope.test(row)) {
                required++;
                Answer answer = answers.get(row.id());
                if (answer != null && answer.isAnswered()) {
                    answered++;
                }
            }
        }
        return new Completeness(answered, required);
    }

    /** Completeness per section, in the rows' order. */
    public static Map<String, Completeness> bySection(List<Requirement> rows, Map<String, Answer> answers,
            Predicate<Requirement> scope) {
        Map<String, Completeness> sections = new LinkedHashMap<>();
        for (Requirement row : rows) {
            sections.computeIfAbsent(row.sectionCode(),
                    code -> of(rows, answers, scope.and(r -> r.sectionCode().equals(code))));
        }
        return sections;
    }
}
