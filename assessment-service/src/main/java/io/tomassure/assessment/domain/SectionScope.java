package io.tomassure.assessment.domain;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Which of a template's API sections apply to a product: a SCAL covers many programmes and APIs, and a product uses some
 * of them. Every other section (IG, architecture, ...) always applies, and so does every section while no scope is
 * declared. Rows out of scope are not asked for: not required, not exported, not answerable.
 */
public record SectionScope(Set<String> apiSections) {

    /** Every section applies: the scope of an assessment that declared none. */
    public static final SectionScope ALL = new SectionScope(null);

    public SectionScope {
        apiSections = apiSections == null ? null : Set.copyOf(apiSections);
    }

    public static SectionScope of(Collection<String> declared) {
        return declared == null ? ALL : new SectionScope(Set.copyOf(declared));
    }

    public boolean applies(Requirement row) {
        return apiSections == null || row.sectionKind() != SectionKind.API_REQUIREMENTS || apiSections.contains(row.sectionCode());
    }

    public List<Requirement> of(List<Requirement> rows) {
        return apiSections == null ? rows : rows.stream().filter(this::applies).toList();
    }
}
