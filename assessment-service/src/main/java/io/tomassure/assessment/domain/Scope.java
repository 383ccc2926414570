package io.tomassure.assessment.domain;

/**
 * Which rows an assessment view carries, and which of them a phase's submission needs. The product carries
 * the supplier's rows and is submitted for Phases 1A and 1B. A deployment adds the EUO's own rows (of every
 * phase) and is submitted for Phase 2, together with the supplier's Phase 2 rows.
 */
public enum Scope {
    PRODUCT {
        @Override
        public boolean carries(Requirement row) {
            return row.answeredBy() == Party.SUPPLIER;
        }

        @Override
        public boolean needsFor(Requirement row, Phase phase) {
            return carries(row) && row.requiredFor(phase);
        }
    },
    DEPLOYMENT {
        @Override
        public boolean carries(Requirement row) {
            return row.answeredBy() == Party.SUPPLIER || row.answeredBy() == Party.EUO;
        }

        @Override
        public boolean needsFor(Requirement row, Phase phase) {
            if (!row.type().affectsOutcome()) {
                return false;
            }
            if (phase == Phase.P2) {
                return row.answeredBy() == Party.EUO || (row.answeredBy() == Party.SUPPLIER && row.phases().contains(Phase.P2));
            }
            return row.answeredBy() == Party.SUPPLIER && row.phases().contains(phase);
        }
    };

    public abstract boolean carries(Requirement row);

    public abstract boolean needsFor(Requirement row, Phase phase);
}
