package io.tomassure.assessment.workbook;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Requirement ids as the workbooks write them, and the ids this service gives rows that have none.
 * <ul>
 * <li>The TOM family writes them in the id column: IO-01, CS-031, GR-001, A001-01, MSCA-IG-005.</li>
 * <li>The SCAL writes more shapes (S2, 4.4.4.6, NRLS-REQ-F003, "NRLS-REQ-F030 - Provider NHS number
 * verification"), and uses some in more than one tab for different requirements: there an id is qualified with its
 * section, GPC-RPA-01@GPC-FOUNDATIONS.</li>
 * <li>A row without one (an IG control, a form's question, a SCAL declaration) gets its section's code and its place
 * in it: 6-Q07, GPC-FOUNDATIONS-Q03. Those never look like a workbook's own id, so they cannot clash.</li>
 * </ul>
 */
public final class RowIds {

    private static final Pattern WORKBOOK_ID = Pattern.compile("[A-Z][A-Z0-9]*(-[A-Z0-9]+)*-\\d+");
    private static final Pattern QUESTION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.]*(-[A-Za-z0-9.]+)*-Q\\d{2,}");
    private static final Pattern SCAL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/@-]*");
    private static final Pattern SCAL_ID_END = Pattern.compile("\\s+[-–]\\s+|\\s+");

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

    /** Whether {@code id} is not the workbook's own as it stands: given to a question, or qualified with its section. */
    public static boolean isDerived(String id) {
        return isQuestion(id) || id != null && id.contains("@");
    }

    /** The id of the {@code n}th (1-based) question without an id in section {@code sectionCode}. */
    public static String question(String sectionCode, int n) {
        return sectionCode + "-Q" + (n < 10 ? "0" + n : Integer.toString(n));
    }

    /**
     * The id a SCAL id cell gives: its first word ("NRLS-REQ-F030" of "NRLS-REQ-F030 - Provider NHS number
     * verification"), when that word has a digit and no more than 60 characters; empty for words such as "Test 1" or
     * "NHS Login Req", which name a row without identifying it.
     */
    public static Optional<String> scal(String cell) {
        String t = cell == null ? "" : cell.strip();
        String word = SCAL_ID_END.split(t, 2)[0];
        boolean id = !word.isEmpty() && word.length() <= 60 && !word.endsWith(".") && SCAL_ID.matcher(word).matches()
                && word.chars().anyMatch(Character::isDigit);
        return id ? Optional.of(word) : Optional.empty();
    }

    /** An id used by more than one SCAL tab, made one requirement's own by its section. */
    public static String qualified(String id, String sectionCode) {
        return id + "@" + sectionCode;
    }
}
