package io.tomassure.assessment.domain;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How one requirement row differs between two versions of a template: {@code from} is null for a new row, {@code to}
 * null for a removed one; for a row in both, {@code changes} says what changed (none: unchanged).
 */
public record RowChange(TemplateRow from, TemplateRow to, Set<Change> changes) {

    public enum Change {
        /** Another id or section: a derived id moved because rows were inserted above it. */
        MOVED,
        REWORDED,
        /** Other guidance: help text only, nothing the answer attests. */
        GUIDANCE_CHANGED,
        /** Another level (SHOULD to MUST) or row type (Info to Req). */
        RELEVELLED,
        /** Asked in other phases. */
        REPHASED,
        /** Another list of allowed answers. */
        ANSWERS_CHANGED,
        /** Answered by another party. */
        PARTY_CHANGED,
        ADDED,
        REMOVED
    }

    /** What becomes of an answer to the row when the assessment moves to the new version. */
    public enum Carry {
        /** Carried as it stands. */
        CARRIED,
        /** Carried, and to be confirmed: the requirement was reworded or re-levelled. */
        REATTEST,
        /** Kept on the row, and to be changed: the new version does not allow it. */
        NOT_ALLOWED,
        /** Kept aside, not carried: the row was removed, or another party answers it now. */
        RETIRED
    }

    public RowChange {
        changes = changes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(changes));
    }

    public static RowChange added(TemplateRow row) {
        return new RowChange(null, row, Set.of(Change.ADDED));
    }

    public static RowChange removed(TemplateRow row) {
        return new RowChange(row, null, Set.of(Change.REMOVED));
    }

    /** The pair of one requirement in two versions, with what differs. */
    public static RowChange between(TemplateRow from, TemplateRow to) {
        Requirement a = from.requirement();
        Requirement b = to.requirement();
        Set<Change> changes = EnumSet.noneOf(Change.class);
        if (!a.id().equals(b.id()) || !a.sectionCode().equals(b.sectionCode())) {
            changes.add(Change.MOVED);
        }
        if (!Wording.same(from.title(), to.title()) || !Wording.same(from.description(), to.description())) {
            changes.add(Change.REWORDED);
        }
        if (!Wording.same(from.guidance(), to.guidance())) {
            changes.add(Change.GUIDANCE_CHANGED);
        }
        if (a.level() != b.level() || a.type() != b.type()) {
            changes.add(Change.RELEVELLED);
        }
        if (!a.phases().equals(b.phases())) {
            changes.add(Change.REPHASED);
        }
        if (!answerSet(a).equals(answerSet(b)) || a.answerKind() != b.answerKind()) {
            changes.add(Change.ANSWERS_CHANGED);
        }
        if (a.answeredBy() != b.answeredBy()) {
            changes.add(Change.PARTY_CHANGED);
        }
        return new RowChange(from, to, changes);
    }

    public boolean unchanged() {
        return changes.isEmpty();
    }

    /** Whether what the row asks changed, so that an answer given to the old wording must be confirmed. */
    public boolean asksAnew() {
        return changes.contains(Change.REWORDED) || changes.contains(Change.RELEVELLED);
    }

    /** What becomes of {@code answer}, given to the old row, on the new one. */
    public Carry carry(String answer) {
        if (to == null || changes.contains(Change.PARTY_CHANGED)) {
            return Carry.RETIRED; // an answer by one party is never shown as another's
        }
        if (answer != null && to.requirement().canonicalAnswer(answer).isEmpty()) {
            return Carry.NOT_ALLOWED;
        }
        return asksAnew() ? Carry.REATTEST : Carry.CARRIED;
    }

    private static Set<String> answerSet(Requirement row) {
        return row.allowedAnswers().stream().map(a -> a.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    /** The id of the row in the new version, else in the old one. */
    public String id() {
        return Objects.requireNonNullElse(to, from).id();
    }
}
