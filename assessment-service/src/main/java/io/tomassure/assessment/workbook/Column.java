package io.tomassure.assessment.workbook;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The columns of a TOM table, recognised by their header text: the family words its headers differently from
 * workbook to workbook and sheet to sheet ("Item", "Activity", "Requirement", "Control" are all the row's title).
 */
public enum Column {
    ID, TITLE, DESCRIPTION, GUIDANCE, ACTIONED_BY, RESPONSIBLE_PARTY, ANSWER, IMPLEMENTATION_REF, NOTES, TEST_REF,
    TYPE, LEVEL, SCORE, SCORE_COMMENT, NC_DETAIL, NC_MITIGATION, NC_RISK, ROW_VERSION;

    /** Which columns a header may be, most likely first; empty when it is none of ours. */
    static List<Column> candidates(String header) {
        String h = normalise(header);
        if (h.isEmpty()) {
            return List.of();
        }
        return switch (h) {
            case "id", "ref", "requirement id", "category", "category/requirement", "cat." -> List.of(ID);
            case "item", "activity", "control", "question" -> List.of(TITLE);
            case "requirement" -> List.of(TITLE, DESCRIPTION); // the SCAL's GP Connect tabs: Item, then Requirement
            case "requirement description/help text", "activity description/help text", "detail", "details",
                    "description" -> List.of(DESCRIPTION);
            case "how requirement will be assessed" -> List.of(GUIDANCE);
            case "guidance" -> List.of(DESCRIPTION, GUIDANCE);
            case "action by", "actioned by", "answered by" -> List.of(ACTIONED_BY);
            case "responsible party" -> List.of(RESPONSIBLE_PARTY);
            case "compliance level", "compliance", "compliance status", "date/list/code", "answer", "name" -> List.of(ANSWER);
            case "response" -> List.of(ANSWER, NOTES);
            case "supplier implementation reference", "implementation reference", "evidence" -> List.of(IMPLEMENTATION_REF);
            case "additional notes/references", "notes", "comments" -> List.of(NOTES);
            case "test reference - matrix", "test reference" -> List.of(TEST_REF);
            case "type" -> List.of(TYPE, LEVEL);
            case "level", "must/should" -> List.of(LEVEL);
            case "assess", "nhs digital score", "score" -> List.of(SCORE);
            case "assessment text", "score comment" -> List.of(SCORE_COMMENT);
            case "non-conformance detail" -> List.of(NC_DETAIL);
            case "mitigation" -> List.of(NC_MITIGATION);
            case "risk (rag)" -> List.of(NC_RISK);
            case "row version" -> List.of(ROW_VERSION);
            default -> scalHeader(h);
        };
    }

    /**
     * The SCAL's long headers, which carry their instructions: "Compliant Yes/No (please select) if No please provide
     * details ...", "Declaration: Yes / No (please select)", "ONLY if 'No', please provide detail of mitigating actions".
     */
    private static List<Column> scalHeader(String h) {
        if (h.startsWith("response text")) {
            return List.of(ANSWER, NOTES);
        }
        if (h.startsWith("compliant") || h.startsWith("registered or compliant") || h.startsWith("declaration")
                || h.startsWith("supplier declaration") || h.startsWith("yes/no")
                || h.startsWith("additional notes/references to be completed")) {
            return List.of(ANSWER);
        }
        if (h.startsWith("only if")) {
            return List.of(NC_MITIGATION);
        }
        if (h.startsWith("detail of requirements")) {
            return List.of(DESCRIPTION);
        }
        if (h.startsWith("guidance")) {
            return List.of(DESCRIPTION, GUIDANCE);
        }
        if (h.startsWith("statements") || h.startsWith("additional comments") || h.startsWith("consumer system")) {
            return List.of(NOTES);
        }
        return List.of();
    }

    /**
     * Columns that say more about what a row asks, in the template's own words, and hold no answer: the SCAL's GP
     * Connect tabs list the test cases, the evidence NHS Digital assures and what the end user assures. They are read
     * into the requirement's guidance, never as an answer.
     */
    static boolean isContext(String header) {
        String h = normalise(header);
        return h.startsWith("requirement test case") || h.startsWith("test evidence") || h.startsWith("assurance by end user");
    }

    /** Whether an answer header asks how well a requirement is met (a compliance answer), not for a fact. */
    static boolean asksCompliance(String header) {
        String h = normalise(header);
        return h.startsWith("compliance") || h.startsWith("compliant") || h.startsWith("registered or compliant")
                || h.startsWith("declaration") || h.startsWith("supplier declaration") || h.startsWith("yes/no");
    }

    /** Trimmed, lower-case, single-spaced, no spaces around '/': "Additional Notes / References " → "additional notes/references". */
    static String normalise(String header) {
        if (header == null) {
            return "";
        }
        return header.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").replaceAll(" ?/ ?", "/");
    }

    /**
     * Assigns each header (by column index) to a column, first come first served along each header's candidates;
     * a second "Type" column becomes the level. Headers that are none of ours are returned as extras: a contact
     * log's "Job Title", "Email" and "Telno" are kept with the row's notes.
     */
    public static Layout layout(List<String> headers) {
        Map<Column, Integer> columns = new EnumMap<>(Column.class);
        List<Integer> extras = new ArrayList<>();
        List<Integer> context = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            if (isContext(headers.get(i))) {
                context.add(i);
                continue;
            }
            List<Column> candidates = candidates(headers.get(i));
            Column chosen = candidates.stream().filter(c -> !columns.containsKey(c)).findFirst().orElse(null);
            if (chosen != null) {
                columns.put(chosen, i);
            } else if (candidates.isEmpty() && !normalise(headers.get(i)).isEmpty() && columns.containsKey(TITLE)) {
                extras.add(i);
            }
        }
        return new Layout(columns, extras, context);
    }

    /**
     * Where each column is (0-based index), the extra columns after the title (read with the notes), and the columns
     * that only describe the row (read with its guidance).
     */
    public record Layout(Map<Column, Integer> columns, List<Integer> extras, List<Integer> context) {

        public boolean has(Column column) {
            return columns.containsKey(column);
        }

        /** A table we can read: rows have a title, and either an answer or a row type. */
        public boolean isTable() {
            return has(TITLE) && (has(ANSWER) || has(TYPE)) && (has(ID) || has(DESCRIPTION));
        }

        /** Two "Type" columns where the first holds Must/Should: swap them so that TYPE is the row type. */
        public Layout withTypeAndLevelSwapped() {
            Map<Column, Integer> swapped = new EnumMap<>(columns);
            swapped.put(TYPE, columns.get(LEVEL));
            swapped.put(LEVEL, columns.get(TYPE));
            return new Layout(swapped, extras, context);
        }
    }
}
