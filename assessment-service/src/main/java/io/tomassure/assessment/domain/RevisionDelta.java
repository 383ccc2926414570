package io.tomassure.assessment.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a phase's new revision changes since its approved one, row by row, so that the reviewer reads a delta, not
 * the whole TOM again. The approved revision's rows are first followed through the template uplifts since (their ids
 * may have moved, their rows gone); a row whose answer stands but whose requirement an uplift changed is shown too.
 */
public record RevisionDelta(List<String> added, List<String> changed, List<String> removed,
        List<String> requirementChanged, int unchanged) {

    /**
     * One template uplift: the ids it changed (old to new, or to null for a removed row) and the rows (new ids) whose
     * requirement it added, reworded or re-levelled.
     */
    public record Step(Map<String, String> renamed, Set<String> requirementChanged) {
    }

    /**
     * @param approved the approved revision's rows by id, each without its id
     * @param current  the new revision's rows the same way
     * @param uplifts  the assessment's uplifts since the approval, oldest first
     */
    public static <T> RevisionDelta between(Map<String, T> approved, Map<String, T> current, List<Step> uplifts) {
        Set<String> requirementChanged = new HashSet<>();
        for (int i = 0; i < uplifts.size(); i++) {
            List<Step> later = uplifts.subList(i + 1, uplifts.size());
            uplifts.get(i).requirementChanged().forEach(id -> requirementChanged.add(follow(id, later)));
        }
        Map<String, T> followed = followed(approved, uplifts);
        List<String> removed = new ArrayList<>();
        approved.keySet().forEach(id -> {
            String now = follow(id, uplifts);
            if (now == null || !current.containsKey(now)) {
                removed.add(id);
            }
        });
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> reworded = new ArrayList<>();
        int unchanged = 0;
        for (Map.Entry<String, T> row : current.entrySet()) {
            String id = row.getKey();
            if (!followed.containsKey(id)) {
                added.add(id);
            } else if (!Objects.equals(followed.get(id), row.getValue())) {
                changed.add(id);
            } else if (requirementChanged.contains(id)) {
                reworded.add(id);
            } else {
                unchanged++;
            }
        }
        return new RevisionDelta(added, changed, removed, reworded, unchanged);
    }

    /** The earlier revision's rows under the ids they have now, through every uplift since; rows an uplift removed are left out. */
    public static <T> Map<String, T> followed(Map<String, T> earlier, List<Step> uplifts) {
        Map<String, T> followed = new LinkedHashMap<>();
        earlier.forEach((id, row) -> {
            String now = follow(id, uplifts);
            if (now != null) {
                followed.put(now, row);
            }
        });
        return followed;
    }

    /** The id a row has now, through every uplift since; null once one removed it. */
    static String follow(String id, List<Step> uplifts) {
        String now = id;
        for (Step uplift : uplifts) {
            if (now == null) {
                return null;
            }
            now = uplift.renamed().containsKey(now) ? uplift.renamed().get(now) : now;
        }
        return now;
    }
}
