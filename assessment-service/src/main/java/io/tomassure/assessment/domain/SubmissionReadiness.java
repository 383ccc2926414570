package io.tomassure.assessment.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** What stands between a phase and its submission: unanswered rows and undetailed non-conformances. */
public final class SubmissionReadiness {

    /** One thing missing: the row and what is wrong with it. */
    public record Missing(String requirementId, String problem) {
    }

    private SubmissionReadiness() {
    }

    /**
     * @param rows    the template's rows
     * @param answers answers by requirement id
     * @param inScope which rows this submission covers (its phase, and the parties whose answers it carries)
     */
    public static List<Missing> missing(Collection<Requirement> rows, Map<String, Answer> answers,
            Predicate<Requirement> inScope) {
        List<Missing> missing = new ArrayList<>();
        for (Requirement row : rows) {
            if (!row.type().affectsOutcome() || !inScope.test(row)) {
                continue;
            }
            Answer answer = answers.get(row.id());
            if (answer == null || !answer.isAnswered()) {
                missing.add(new Missing(row.id(), "not answered"));
            } else if (row.canonicalAnswer(answer.answer()).isEmpty()) {
                missing.add(new Missing(row.id(), "answered '" + answer.answer() + "', which this version of the row does "
                        + "not allow (" + String.join(", ", row.allowedAnswers()) + ")"));
            } else if (answer.reattest()) {
                missing.add(new Missing(row.id(), "carried over from the previous template version, whose row was worded "
                        + "or levelled differently: confirm or change the answer"));
            } else if (OutOfScope.needsJustification(row, answer)) {
                missing.add(new Missing(row.id(), "answered Out of Scope without a justification"));
            } else if (NonConformance.is(row, answer)) {
                List<String> details = NonConformance.missingDetails(answer);
                if (!details.isEmpty()) {
                    missing.add(new Missing(row.id(), "non-conformance without " + String.join(", ", details)));
                }
            }
        }
        return missing;
    }
}
