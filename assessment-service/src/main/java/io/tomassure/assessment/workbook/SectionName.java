package io.tomassure.assessment.workbook;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tomassure.assessment.domain.Phase;
import io.tomassure.assessment.domain.SectionKind;

/**
 * A workbook tab as a template section. In the TOM family tabs are numbered ("5 - Architecture", "9.1 - NHS e-RS
 * Session APIs ", "9a - SMS Generic Client Reqs"); unnumbered ones (Cover, Introduction, Lists, approval forms) are
 * not sections. In the SCAL family a tab is named for what it covers ("GPC - Foundations_v1.2.1", "NRL in Dev"), and
 * its code is that name in capitals without its version ("GPC-FOUNDATIONS"), so that it survives a re-issue.
 */
public record SectionName(String code, String title, SectionKind kind, List<Phase> phases) {

    private static final Pattern NUMBERED = Pattern.compile("\\s*(\\d{1,4}(?:\\.\\d{1,4})*[a-zA-Z]?)\\s*[-–:]\\s*(.*\\S)\\s*");

    public static Optional<SectionName> parse(String sheetName) {
        Matcher m = NUMBERED.matcher(sheetName == null ? "" : sheetName);
        if (!m.matches()) {
            return Optional.empty();
        }
        String code = m.group(1);
        String title = m.group(2).replaceAll("\\s+", " ");
        SectionKind kind = kind(title);
        return Optional.of(new SectionName(code, title, kind, phases(kind, code)));
    }

    /**
     * A SCAL tab as a section: the IG and architecture tabs by their words, every other one a programme's or API's
     * technical conformance. The whole SCAL is the supplier's Phase 1B.
     */
    public static SectionName scal(String sheetName) {
        String title = sheetName.strip().replaceAll("\\s+", " ");
        SectionKind kind = kind(title);
        if (kind != SectionKind.IG_SECURITY && kind != SectionKind.ARCHITECTURE) {
            kind = SectionKind.API_REQUIREMENTS;
        }
        return new SectionName(scalCode(title), title, kind, List.of(Phase.P1B));
    }

    /** "GPC - AR Structured_v1.2.1" → "GPC-AR-STRUCTURED"; "IG, Security & Clinical Safety" → "IG-SECURITY-CLINICAL-SAFETY". */
    static String scalCode(String title) {
        String unversioned = title.replaceAll("(?i)[ _]+v\\d+(\\.\\d+)*\\s*$", "");
        String code = unversioned.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "-").replaceAll("^-|-$", "");
        return code.isEmpty() ? "SCAL" : code.length() > 60 ? code.substring(0, 60) : code;
    }

    /** What a tab is about, from the words of its name. */
    static SectionKind kind(String title) {
        String t = " " + title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ") + " ";
        if (t.contains(" contact")) {
            return SectionKind.CONTACTS;
        }
        if (t.contains(" supplier information ") || t.contains(" basic details ")) {
            return SectionKind.SUPPLIER_INFORMATION;
        }
        if (t.contains(" end user organisation ") || t.contains(" usage ") || t.contains(" settings ")) {
            return SectionKind.USAGE_AND_SETTINGS;
        }
        if (t.contains(" topology ")) {
            return SectionKind.TOPOLOGY;
        }
        if (t.contains(" architecture ")) {
            return SectionKind.ARCHITECTURE;
        }
        if (t.contains(" ig ") || t.contains(" security ") || t.contains(" information governance ")) {
            return SectionKind.IG_SECURITY;
        }
        if (t.contains(" clinical safety ")) {
            return SectionKind.CLINICAL_SAFETY;
        }
        if (t.contains(" service ")) {
            return SectionKind.SERVICE;
        }
        if (t.contains(" api ") || t.contains(" apis ") || t.contains(" reqs ") || t.contains(" requirements ")) {
            return SectionKind.API_REQUIREMENTS;
        }
        return SectionKind.OTHER;
    }

    /**
     * Which phases need a tab: contacts, usage and settings and topology → 1A; supplier information → 1A and 1B;
     * API requirements → 1B; architecture, IG, clinical safety and service → 2. Other tabs follow the family's
     * numbering: 1 to 4 are Phase 1A, 9 and its sub-tabs 1B, the rest Phase 2.
     */
    static List<Phase> phases(SectionKind kind, String code) {
        return switch (kind) {
            case CONTACTS, USAGE_AND_SETTINGS, TOPOLOGY -> List.of(Phase.P1A);
            case SUPPLIER_INFORMATION -> List.of(Phase.P1A, Phase.P1B);
            case API_REQUIREMENTS -> List.of(Phase.P1B);
            case ARCHITECTURE, IG_SECURITY, CLINICAL_SAFETY, SERVICE -> List.of(Phase.P2);
            case OTHER -> {
                int tab = Integer.parseInt(code.replaceAll("^(\\d+).*", "$1"));
                yield tab <= 4 ? List.of(Phase.P1A) : tab == 9 ? List.of(Phase.P1B) : List.of(Phase.P2);
            }
        };
    }
}
