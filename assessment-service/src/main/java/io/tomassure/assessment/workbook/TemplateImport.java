package io.tomassure.assessment.workbook;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.tomassure.assessment.domain.AnswerKind;
import io.tomassure.assessment.domain.Level;
import io.tomassure.assessment.domain.Party;
import io.tomassure.assessment.domain.Phase;
import io.tomassure.assessment.domain.RowType;
import io.tomassure.assessment.domain.SectionKind;
import io.tomassure.assessment.service.TemplateDtos.RequirementDefinition;
import io.tomassure.assessment.service.TemplateDtos.SectionDefinition;
import io.tomassure.assessment.service.TemplateDtos.TemplateDefinition;

/**
 * Builds a template version from a programme's published TOM workbook: a section per numbered tab with a table, a
 * requirement per row. What the workbook leaves unsaid is inferred, and the report says how often:
 * <ul>
 * <li>who answers: the workbook's colour key, else the "Responsible Party" or "Actioned By" words, else the
 * sub-section heading ("Client Supplier"), else the tab's kind (usage and topology: the EUO; otherwise the supplier);</li>
 * <li>the row type: the Type column, else Action where there is an answer column;</li>
 * <li>the level: the level column, else the first RFC 2119 keyword in the wording, else MUST for compliance rows
 * (a non-compliance then goes to NHS Digital for approval, the cautious side);</li>
 * <li>the answers: the cell's drop-down list, else the workbook's own compliance list, else the family's.</li>
 * </ul>
 */
public final class TemplateImport {

    /** How one tab was read; {@code inferred} counts the rows where each inference above was needed. */
    public record SheetReport(String sheet, String section, SectionKind kind, int requirements, boolean idsFromWorkbook,
            Map<String, Integer> inferred) {
    }

    public record Report(List<SheetReport> sections, Map<String, String> skippedSheets, List<String> warnings) {
    }

    public record Result(TemplateDefinition definition, Report report) {
    }

    private TemplateImport() {
    }

    public static Result of(String version, TableReader.Tables tables) {
        List<SectionDefinition> sections = new ArrayList<>();
        List<SheetReport> reports = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        Set<String> ids = new HashSet<>();
        // A SCAL tab holds several tables, one after the other: they make one section.
        Map<SectionName, List<Table>> bySection = new LinkedHashMap<>();
        tables.tables().forEach(t -> bySection.computeIfAbsent(t.section(), s -> new ArrayList<>()).add(t));
        for (Map.Entry<SectionName, List<Table>> tab : bySection.entrySet()) {
            SectionName section = tab.getKey();
            String code = section.code();
            for (int n = 2; !codes.add(code); n++) {
                code = section.code() + "-" + n;
            }
            Map<String, Integer> inferred = new LinkedHashMap<>();
            List<RequirementDefinition> rows = new ArrayList<>();
            boolean idsFromWorkbook = false;
            for (Table table : tab.getValue()) {
                for (Table.Row row : table.rows()) {
                    Table.Row numbered = renumbered(row, section.code(), code);
                    if (!ids.add(numbered.id())) {
                        warnings.add("Duplicate id " + numbered.id() + " at " + table.where(row) + ": the first one is kept");
                        continue;
                    }
                    idsFromWorkbook |= !RowIds.isDerived(numbered.id());
                    rows.add(requirement(table, numbered, tables.legend(), inferred));
                }
            }
            String sheet = tab.getValue().get(0).sheet().strip();
            sections.add(new SectionDefinition(code, section.title(), section.kind(), rows));
            reports.add(new SheetReport(sheet, code, section.kind(), rows.size(), idsFromWorkbook, inferred));
        }
        if (sections.isEmpty()) {
            throw WorkbookFiles.unsafe("No requirement tab was found: a TOM workbook has numbered tabs (\"5 - Architecture\") "
                    + "and a SCAL a tab per service (\"GPC - Foundations\"), each with a table headed with Item or "
                    + "Requirement and a Compliance, Declaration, Response or Type column");
        }
        return new Result(new TemplateDefinition(version, sections), new Report(reports, tables.skipped(), warnings));
    }

    /** A question's id under its section's final code (a second tab numbered 6 becomes section 6-2). */
    private static Table.Row renumbered(Table.Row row, String tabCode, String sectionCode) {
        String prefix = tabCode + "-Q";
        if (tabCode.equals(sectionCode) || !row.id().startsWith(prefix)) {
            return row;
        }
        return new Table.Row(row.excelRow(), sectionCode + "-Q" + row.id().substring(prefix.length()), row.values(),
                row.extras(), row.colourParty(), row.answerList(), row.heading());
    }

    static RequirementDefinition requirement(Table table, Table.Row row, Legend legend, Map<String, Integer> inferred) {
        SectionName section = table.section();
        Optional<RowType> given = CellWords.rowType(row.get(Column.TYPE));
        RowType type = given.orElse(table.layout().has(Column.ANSWER) ? RowType.ACTION : RowType.INFO);
        if (given.isEmpty()) {
            count(inferred, "type: " + type + " (no Type given)");
        }
        boolean complianceColumn = Column.asksCompliance(table.answerHeader());
        boolean clinicalQuestions = section.kind() == SectionKind.CLINICAL_SAFETY;
        AnswerKind kind;
        List<String> answers;
        if (!table.layout().has(Column.ANSWER)) {
            kind = AnswerKind.FREE_TEXT;
            answers = List.of();
        } else if (row.answerList().isPresent()) {
            kind = complianceColumn && !clinicalQuestions ? AnswerKind.COMPLIANCE : AnswerKind.QUESTION;
            answers = row.answerList().get();
        } else if (complianceColumn) {
            kind = clinicalQuestions ? AnswerKind.QUESTION : AnswerKind.COMPLIANCE;
            answers = clinicalQuestions ? CellWords.YES_NO
                    : legend.complianceAnswers().isEmpty() ? CellWords.COMPLIANCE : legend.complianceAnswers();
            count(inferred, "answers: " + (clinicalQuestions ? "Yes/No" : legend.complianceAnswers().isEmpty()
                    ? "the family's compliance list" : "the workbook's compliance list") + " (no drop-down on the cell)");
        } else {
            kind = AnswerKind.FREE_TEXT;
            answers = List.of();
        }
        String title = firstNonBlank(row.get(Column.TITLE), firstLine(row.get(Column.DESCRIPTION)), row.id());
        return new RequirementDefinition(row.id(), title, blankToNull(row.get(Column.DESCRIPTION)),
                blankToNull(guidance(row)), level(row, kind, type, inferred), type, party(row, section, inferred),
                section.phases().stream().map(Phase::label).toList(), answers, kind, null);
    }

    /**
     * The row's guidance, and what a blank workbook already says in its notes column ("Supplier to provide any
     * additional supporting information"): the programme's words, kept with the requirement so that an answer import
     * knows them for an instruction, not a note.
     */
    private static String guidance(Table.Row row) {
        String notes = row.get(Column.NOTES);
        if (notes.isBlank() || CellWords.isPrompt(notes)) {
            return row.get(Column.GUIDANCE);
        }
        return row.get(Column.GUIDANCE).isBlank() ? "Notes: " + notes : row.get(Column.GUIDANCE) + "\nNotes: " + notes;
    }

    private static Party party(Table.Row row, SectionName section, Map<String, Integer> inferred) {
        if (row.colourParty().isPresent()) {
            count(inferred, "party: from the colour key");
            return row.colourParty().get();
        }
        Optional<Party> named = CellWords.party(row.get(Column.RESPONSIBLE_PARTY))
                .or(() -> CellWords.party(row.get(Column.ACTIONED_BY)));
        if (named.isPresent()) {
            count(inferred, "party: from the Actioned By / Responsible Party words");
            return named.get();
        }
        Optional<Party> heading = row.heading() != null && row.heading().length() <= 60
                ? CellWords.party(row.heading()) : Optional.empty();
        if (heading.isPresent()) {
            count(inferred, "party: from the sub-section heading");
            return heading.get();
        }
        count(inferred, "party: the tab's default");
        return section.kind() == SectionKind.USAGE_AND_SETTINGS || section.kind() == SectionKind.TOPOLOGY
                ? Party.EUO : Party.SUPPLIER;
    }

    private static Level level(Table.Row row, AnswerKind kind, RowType type, Map<String, Integer> inferred) {
        Optional<Level> given = CellWords.level(row.get(Column.LEVEL));
        if (given.isPresent() || kind != AnswerKind.COMPLIANCE) {
            return given.orElse(null);
        }
        Optional<Level> worded = CellWords.levelInWording(row.get(Column.TITLE) + " " + row.get(Column.DESCRIPTION));
        if (worded.isPresent()) {
            count(inferred, "level: from the wording (MUST/SHOULD/MAY)");
            return worded.get();
        }
        if (!type.affectsOutcome()) {
            return null;
        }
        count(inferred, "level: MUST (not stated)");
        return Level.MUST;
    }

    private static void count(Map<String, Integer> inferred, String what) {
        inferred.merge(what, 1, Integer::sum);
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.strip().split("\\R", 2)[0];
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
