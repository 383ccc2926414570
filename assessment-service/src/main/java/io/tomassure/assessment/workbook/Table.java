package io.tomassure.assessment.workbook;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.tomassure.assessment.domain.Party;

/** A TOM tab's table as read: its section, where its columns are, and its requirement or question rows. */
public record Table(String sheet, SectionName section, Column.Layout layout, String answerHeader, List<Row> rows) {

    /**
     * One row: its id (the workbook's, or one given to a question without one), the cells by column, the text of
     * extra columns ("Job Title: ..."), the party its fill colour names, the drop-down list of its answer cell,
     * and the sub-section heading it sits under.
     */
    public record Row(int excelRow, String id, Map<Column, String> values, String extras, Optional<Party> colourParty,
            Optional<List<String>> answerList, String heading) {

        public String get(Column column) {
            return values.getOrDefault(column, "");
        }
    }

    /** Where a row is, as a person would look for it: 'sheet'!B12. */
    public String where(Row row) {
        return "'" + sheet.strip() + "' row " + row.excelRow();
    }
}
