package io.tomassure.assessment.workbook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tomassure.assessment.domain.Level;
import io.tomassure.assessment.domain.Party;
import io.tomassure.assessment.domain.RowType;

/** What the words in a TOM cell mean: who acts, the row type, the level, and whether an answer is a placeholder. */
public final class CellWords {

    /** The family's compliance answers, for compliance columns that carry no list of their own. */
    public static final List<String> COMPLIANCE = List.of("Compliant", "Semi-compliant", "Non-compliant", "N/A");
    /** Yes/No questions (the clinical-safety questions) with no list of their own. */
    public static final List<String> YES_NO = List.of("Yes", "No");

    private static final Set<String> PLACEHOLDERS = Set.of("please select", "select", "nyk", "nya", "not yet known",
            "not yet assessed", "choose", "please choose");
    private static final Pattern RFC_2119 = Pattern.compile("\\b(MUST|SHALL|REQUIRED|SHOULD|RECOMMENDED|MAY|OPTIONAL)\\b");

    private CellWords() {
    }

    /**
     * The party a phrase names, by its first mention: "...on behalf of the Client Supplier", "Deploying Health or
     * Social Care Organisation", "To be completed by the Supplier to provide guidance to the End User Organisation"
     * (the supplier), "NHS Digital to complete".
     */
    public static Optional<Party> party(String text) {
        return mentions(text).entrySet().stream().min(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
    }

    /** The parties {@code text} mentions, each with where it is first mentioned. */
    public static Map<Party, Integer> mentions(String text) {
        String t = text == null ? "" : text.toLowerCase(Locale.ROOT);
        Map<Party, Integer> firstMention = new LinkedHashMap<>();
        mention(firstMention, Party.SUPPLIER, t, "supplier");
        mention(firstMention, Party.EUO, t, "end user organi", "end-user organi", "deploying", "end user", "euo",
                "care organi");
        mention(firstMention, Party.NHS_DIGITAL, t, "nhs digital", "nhsd", "nhs england", "hscic");
        return firstMention;
    }

    private static void mention(Map<Party, Integer> first, Party party, String text, String... words) {
        for (String word : words) {
            int at = text.indexOf(word);
            if (at >= 0) {
                first.merge(party, at, Math::min);
            }
        }
    }

    /** The row type a Type cell gives: Info, Action or Req. */
    public static Optional<RowType> rowType(String text) {
        return switch (clean(text).toLowerCase(Locale.ROOT)) {
            case "info", "information" -> Optional.of(RowType.INFO);
            case "action" -> Optional.of(RowType.ACTION);
            case "req", "requirement" -> Optional.of(RowType.REQ);
            default -> Optional.empty();
        };
    }

    /** The level a level cell gives: Must or Should (any case); May counts as Should. */
    public static Optional<Level> level(String text) {
        return switch (clean(text).toLowerCase(Locale.ROOT)) {
            case "must", "shall", "mandatory", "required" -> Optional.of(Level.MUST);
            case "should", "may", "optional", "recommended" -> Optional.of(Level.SHOULD);
            default -> Optional.empty();
        };
    }

    /** The level a requirement's wording states with its first RFC 2119 keyword in capitals ("... SHOULD ..."). */
    public static Optional<Level> levelInWording(String text) {
        Matcher m = RFC_2119.matcher(text == null ? "" : text);
        if (!m.find()) {
            return Optional.empty();
        }
        return switch (m.group(1)) {
            case "MUST", "SHALL", "REQUIRED" -> Optional.of(Level.MUST);
            default -> Optional.of(Level.SHOULD);
        };
    }

    /** Whether an answer cell still holds the template's prompt ("Please select …", "Select", "NYK"): no answer. */
    public static boolean isPlaceholder(String text) {
        String t = clean(text).toLowerCase(Locale.ROOT).replaceAll("[.…\\s]+$", "");
        return t.isEmpty() || PLACEHOLDERS.contains(t);
    }

    /**
     * Whether a cell holds the template's own instruction rather than what someone wrote: a prompt as above, or a
     * bracketed one ("[insert date of DSPT publication]", "[please state]").
     */
    public static boolean isPrompt(String text) {
        String t = clean(text);
        return isPlaceholder(t) || t.startsWith("[") && t.endsWith("]") && t.length() < 200;
    }

    /** Trimmed of all surrounding whitespace (list entries come with leading spaces and trailing newlines). */
    public static String clean(String text) {
        return text == null ? "" : text.strip();
    }

    /** A list's entries as answers: cleaned, prompts dropped, each once (ignoring case). */
    public static List<String> answers(List<String> entries) {
        List<String> answers = new ArrayList<>();
        for (String entry : entries) {
            String e = clean(entry);
            if (!isPlaceholder(e) && answers.stream().noneMatch(a -> a.equalsIgnoreCase(e))) {
                answers.add(e);
            }
        }
        return answers;
    }
}
