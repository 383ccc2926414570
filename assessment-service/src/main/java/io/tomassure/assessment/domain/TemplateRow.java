package io.tomassure.assessment.domain;

/**
 * A template row as an uplift compares it: the rules' view of it with its wording, and whether its id is one the
 * workbook gave ({@code derivedId} false) or one the importer derived from its place, which moves when rows are
 * inserted above it.
 */
public record TemplateRow(Requirement requirement, String title, String description, String guidance,
        boolean derivedId) {

    public String id() {
        return requirement.id();
    }

    /** What identifies a row whose id cannot: its normalised title. */
    public String wordingKey() {
        return Wording.normalise(title);
    }
}
