package io.tomassure.assessment.workbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.tomassure.assessment.domain.Rag;
import io.tomassure.assessment.domain.Response;
import io.tomassure.assessment.service.AssessmentDtos.AnswerRequest;
import io.tomassure.assessment.service.AssessmentDtos.NonConformanceDetails;

/** Reading a filled workbook's row as an answer, and the report of what an import did. */
public final class AnswerImport {

    /** A row that was not imported, where it is, and why. */
    public record RowIssue(String sheet, int row, String requirementId, String reason) {
    }

    /**
     * What an import did: rows whose id the template knows ({@code matched}) were applied, already held the same
     * answer, were blank, belong to another party ({@code skipped}: a supplier's copy of the whole TOM carries the
     * EUO's tabs too), or were rejected; rows with ids the template does not know are unmatched. An import is all or
     * nothing: {@code saved} only when it was no dry run and no row was rejected.
     */
    public record Report(boolean saved, boolean dryRun, int matched, int applied, int unchanged, int blank, List<RowIssue> skipped,
            List<RowIssue> rejected, List<RowIssue> unmatched) {
    }

    /** Accumulates the report while rows are imported. */
    static final class Tally {
        int matched;
        int applied;
        int unchanged;
        int blank;
        final List<RowIssue> skipped = new ArrayList<>();
        final List<RowIssue> rejected = new ArrayList<>();
        final List<RowIssue> unmatched = new ArrayList<>();

        Report report(boolean dryRun) {
            return new Report(!dryRun && rejected.isEmpty(), dryRun, matched, applied, unchanged, blank, List.copyOf(skipped), List.copyOf(rejected),
                    List.copyOf(unmatched));
        }
    }

    private AnswerImport() {
    }

    /**
     * The row's answer as an API request would carry it; null when the row holds nothing at all. Notes that the
     * template's own guidance holds (the instruction a blank workbook carries in its notes column) are not a note.
     */
    static AnswerRequest request(Table.Row row, String templateGuidance) {
        String answer = CellWords.isPlaceholder(row.get(Column.ANSWER)) ? "" : row.get(Column.ANSWER);
        String written = unprompted(row.get(Column.NOTES));
        boolean instruction = !written.isEmpty() && templateGuidance != null && templateGuidance.contains(written);
        String notes = join(instruction ? "" : written, row.extras());
        String ncRisk = row.get(Column.NC_RISK);
        NonConformanceDetails nc = row.get(Column.NC_DETAIL).isEmpty() && row.get(Column.NC_MITIGATION).isEmpty()
                && ncRisk.isEmpty() ? null
                        : new NonConformanceDetails(blankToNull(row.get(Column.NC_DETAIL)),
                                blankToNull(row.get(Column.NC_MITIGATION)), rag(ncRisk));
        AnswerRequest request = new AnswerRequest(answer, blankToNull(unprompted(row.get(Column.IMPLEMENTATION_REF))),
                blankToNull(notes), blankToNull(unprompted(row.get(Column.TEST_REF))), nc);
        boolean empty = answer.isEmpty() && request.implementationRef() == null && request.notes() == null
                && request.testRef() == null && nc == null;
        return empty ? null : request;
    }

    /** Why a row's fields cannot be imported (no answer, a risk that is not a RAG rating), or null. */
    static String invalid(Table.Row row, AnswerRequest request) {
        if (request.answer().isEmpty()) {
            return "no answer in the answer column (notes or references alone are not imported)";
        }
        if (!row.get(Column.NC_RISK).isEmpty() && rag(row.get(Column.NC_RISK)) == null) {
            return "risk '" + row.get(Column.NC_RISK) + "' is not Red, Amber or Green";
        }
        return null;
    }

    /** Whether {@code stored} already holds exactly this answer. */
    static boolean same(Response stored, String canonicalAnswer, AnswerRequest request) {
        NonConformanceDetails nc = request.nonConformance();
        return Objects.equals(stored.answer, canonicalAnswer)
                && Objects.equals(stored.implementationRef, request.implementationRef())
                && Objects.equals(stored.notes, request.notes()) && Objects.equals(stored.testRef, request.testRef())
                && (nc == null ? stored.ncDetail == null && stored.ncMitigation == null && stored.ncRisk == null
                        : Objects.equals(stored.ncDetail, nc.detail()) && Objects.equals(stored.ncMitigation, nc.mitigation())
                                && Objects.equals(stored.ncRisk, nc.risk() == null ? null : nc.risk().name()));
    }

    private static Rag rag(String text) {
        try {
            return text.isBlank() ? null : Rag.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "\n" + b;
    }

    /** A field as written, or "" where it still holds the template's instruction. */
    private static String unprompted(String value) {
        return CellWords.isPrompt(value) ? "" : value;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
