package io.tomassure.assessment.workbook;

import java.util.regex.Pattern;

/**
 * Requirement ids as the TOM family writes them in the id column (IO-01, CS-031, GR-001, A001-01, MSCA-IG-005),
 * and the ids this service gives rows that have none (the IG controls and the forms' questions): the section's
 * tab code and the question's place in it, "6-Q07". Those never look like a workbook id, so they cannot clash.
 */
public final class RowIds {

    private static final Pattern WORKBOOK_ID = Pattern.compile("[A-Z][A-Z0-9]*(-[A-Z0-9]+)*-\\d+");
    private static final Pattern QUESTION_ID = Pattern.compile("\\d+[A-Za-z]?(\\.\\d+)*-Q\\d{2,}");

    private RowIds() {
    }

    /** Whether {@code text} (trimmed) is a row id, the workbook's own or one this service gave. */
    public static boolean isId(String text) {
        String t = text == null ? "" : text.strip();
        return WORKBOOK_ID.matcher(t).matches() || QUESTION_ID.matcher(t).matches();
    }

    /** Whether {@code id} is one this service gave a question, not the workbook's own. */
    public static boolean isQuestion(String id) {
        return id != null && QUESTION_ID.matcher(id.strip()).matches();
    }

    /** The id of the {@code n}th (1-based) question without an id in section {@code sectionCode}. */
    public static String question(String sectionCode, int n) {
        return sectionCode + "-Q" + (n < 10 ? "0" + n : Integer.toString(n));
    }
}
