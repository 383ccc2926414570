package io.tomassure.console;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A service's RFC 9457 problem in words a person reads: its title and detail, then each offending field, blocker or
 * missing row on a line of its own. A 412 (someone else changed it since this page was read) offers a reload,
 * never a retry that would overwrite their change; so does a 428, which the console meets only when it sent no tag
 * because the page showed nothing there yet, and someone has since written it.
 */
public record ProblemMessage(int status, String title, String detail, List<String> lines, boolean reload) {
    private static final String CHANGED_TITLE = "Changed since you opened this page";
    private static final String CHANGED_DETAIL =
            "Someone changed this after you opened the page. Reload it to see their change, then try again.";

    public static ProblemMessage of(int status, JsonNode problem) {
        boolean changedMeanwhile = status == 412 || status == 428;
        String title = changedMeanwhile ? CHANGED_TITLE : text(problem, "title", "The request was refused");
        String detail = changedMeanwhile ? CHANGED_DETAIL : text(problem, "detail", null);
        List<String> lines = new ArrayList<>();
        problem.path("errors").forEach(e -> lines.add(e.path("field").asText() + ": " + e.path("message").asText()));
        problem.path("blockers").forEach(b -> lines.add(b.asText()));
        problem.path("missing").forEach(m -> lines.add(m.path("requirementId").asText() + ": " + m.path("problem").asText()));
        problem.path("nonConformances").forEach(n -> lines.add("Non-conformance " + n.asText() + " is not accepted yet"));
        boolean reload = changedMeanwhile || "urn:tomassure:problem:stale-revision".equals(problem.path("type").asText());
        if (reload && detail == null) {
            detail = CHANGED_DETAIL;
        }
        return new ProblemMessage(status, title, detail, List.copyOf(lines), reload);
    }

    /** When a service cannot be reached at all. */
    public static ProblemMessage unavailable(String what) {
        return new ProblemMessage(503, "A service is not answering",
                what + " Nothing was changed. Try again in a moment.", List.of(), false);
    }

    private static String text(JsonNode node, String field, String otherwise) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : otherwise;
    }
}
