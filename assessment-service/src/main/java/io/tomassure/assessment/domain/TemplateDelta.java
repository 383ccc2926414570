package io.tomassure.assessment.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairs the rows of two versions of a template. A row keeps its requirement when its id is the workbook's own and
 * the new version has that id. Where either side's id was derived from the row's place (IG controls, form
 * questions), which moves as soon as a row is inserted above it, the row is known by its normalised title instead,
 * preferring a match in the same section. Two different ids the workbooks gave are two different requirements, even
 * worded alike; a row matched by nothing is removed, or new.
 */
public final class TemplateDelta {

    private TemplateDelta() {
    }

    /** Every row of both versions: the new version's rows in order (changed, unchanged or added), then the removed. */
    public static List<RowChange> compare(List<TemplateRow> from, List<TemplateRow> to) {
        Map<TemplateRow, TemplateRow> pairs = new IdentityHashMap<>(); // new row -> old row
        Map<String, TemplateRow> newById = new HashMap<>();
        to.forEach(row -> newById.put(row.id(), row));
        List<TemplateRow> unmatched = new ArrayList<>();
        for (TemplateRow old : from) {
            TemplateRow same = old.derivedId() ? null : newById.get(old.id());
            if (same != null && !same.derivedId()) {
                pairs.put(same, old);
            } else {
                unmatched.add(old);
            }
        }
        Map<String, List<TemplateRow>> newByWording = new LinkedHashMap<>();
        to.stream().filter(row -> !pairs.containsKey(row))
                .forEach(row -> newByWording.computeIfAbsent(row.wordingKey(), k -> new ArrayList<>()).add(row));
        List<TemplateRow> removed = new ArrayList<>();
        for (TemplateRow old : unmatched) {
            TemplateRow match = byWording(old, newByWording.getOrDefault(old.wordingKey(), List.of()));
            if (match == null) {
                removed.add(old);
            } else {
                pairs.put(match, old);
                newByWording.get(old.wordingKey()).remove(match);
            }
        }
        List<RowChange> changes = new ArrayList<>();
        for (TemplateRow row : to) {
            TemplateRow old = pairs.get(row);
            changes.add(old == null ? RowChange.added(row) : RowChange.between(old, row));
        }
        removed.forEach(old -> changes.add(RowChange.removed(old)));
        return changes;
    }

    /** The first candidate in the old row's section, else the first; only where an id cannot tell them apart. */
    private static TemplateRow byWording(TemplateRow old, List<TemplateRow> candidates) {
        TemplateRow first = null;
        for (TemplateRow candidate : candidates) {
            if (!old.derivedId() && !candidate.derivedId()) {
                continue;
            }
            if (candidate.requirement().sectionCode().equals(old.requirement().sectionCode())) {
                return candidate;
            }
            first = first == null ? candidate : first;
        }
        return first;
    }
}
