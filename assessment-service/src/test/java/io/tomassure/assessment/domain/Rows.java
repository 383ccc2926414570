package io.tomassure.assessment.domain;

import java.util.List;
import java.util.Set;

/** Small builders for rule tests. */
final class Rows {

    static final List<String> ERS_ANSWERS = List.of("Compliant", "Semi-compliant", "Non-compliant", "N/A");

    private Rows() {
    }

    static Requirement row(String id, String section, SectionKind kind, Level level, RowType type, Party party,
            Phase... phases) {
        return new Requirement(id, section, kind, level, type, party, Set.of(phases), ERS_ANSWERS);
    }

    static Requirement req(String id, Level level, Phase... phases) {
        return row(id, "9", SectionKind.API_REQUIREMENTS, level, RowType.REQ, Party.SUPPLIER, phases);
    }

    static Requirement ig(String id, String section) {
        return row(id, section, SectionKind.IG_SECURITY, Level.MUST, RowType.REQ, Party.EUO, Phase.P2);
    }

    static Answer answer(String id, String value) {
        return new Answer(id, value, null, null, null);
    }

    static Answer detailed(String id, String value, Rag risk) {
        return new Answer(id, value, "why", "how we cope", risk);
    }
}
