package io.tomassure.assessment.service;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.validation.constraints.NotNull;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.tomassure.assessment.domain.RowChange.Carry;
import io.tomassure.assessment.domain.RowChange.Change;
import io.tomassure.assessment.domain.Wording;
import io.tomassure.events.assessment.AssessmentEvents.UpliftCounts;

/** Template-version uplift: the request and its delta report. */
public final class UpliftDtos {

    private UpliftDtos() {
    }

    /** The newer template version of the assessment's programme to move to. */
    public record UpliftRequest(@NotNull UUID templateId) {
    }

    /**
     * What an uplift changes (or, in a dry run, would change). {@code rows} lists every row that is not unchanged;
     * {@code scopeDropped} the declared API sections the new version no longer has.
     */
    public record UpliftReport(UUID upliftId, UUID assessmentId, boolean dryRun, TemplateRef from, TemplateRef to,
            UpliftCounts counts, List<RowDelta> rows, List<String> scopeDropped, String upliftedBy,
            Instant upliftedAt) {

        /** The report with only the answers of deployments {@code seesDeployment} accepts (and the product's). */
        public UpliftReport visibleTo(Predicate<UUID> seesDeployment) {
            List<RowDelta> visible = rows.stream().map(row -> row.withAnswers(row.answers().stream()
                    .filter(a -> a.deploymentId() == null || seesDeployment.test(a.deploymentId())).toList())).toList();
            return new UpliftReport(upliftId, assessmentId, dryRun, from, to, counts, visible, scopeDropped, upliftedBy,
                    upliftedAt);
        }
    }

    public record TemplateRef(UUID templateId, String version) {
    }

    /**
     * One row's change: its id in the new version ({@code previousId} in the old; one of them absent for an added or a
     * removed row), what changed, the wording's word diff when reworded, each changed property as from/to, and what
     * became of each answer to it.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RowDelta(String id, String previousId, String section, String previousSection, String title,
            Set<Change> changes, List<Wording.Segment> titleDiff, List<Wording.Segment> descriptionDiff,
            Shift<String> level, Shift<String> type, Shift<List<String>> phases, Shift<List<String>> allowedAnswers,
            Shift<String> answeredBy, List<AnswerFate> answers) {

        RowDelta withAnswers(List<AnswerFate> visible) {
            return new RowDelta(id, previousId, section, previousSection, title, changes, titleDiff, descriptionDiff, level,
                    type, phases, allowedAnswers, answeredBy, visible);
        }
    }

    /** A property's value before and after. */
    public record Shift<T>(T from, T to) {
    }

    /** An answer to the row (the product's, or a deployment's) and what the uplift does with it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AnswerFate(UUID deploymentId, String answer, Carry carry) {
    }
}
