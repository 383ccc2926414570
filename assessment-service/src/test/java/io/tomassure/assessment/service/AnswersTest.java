package io.tomassure.assessment.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.tomassure.assessment.domain.Level;
import io.tomassure.assessment.domain.Party;
import io.tomassure.assessment.domain.Phase;
import io.tomassure.assessment.domain.Requirement;
import io.tomassure.assessment.domain.RowType;
import io.tomassure.assessment.domain.SectionKind;

class AnswersTest {

    private static Requirement row(Party party, Phase... phases) {
        return new Requirement("R-01", "9", SectionKind.API_REQUIREMENTS, Level.MUST, RowType.REQ, party, Set.of(phases),
                List.of("Compliant", "Non-compliant"));
    }

    @Test
    void aProductRowIsLockedByTheReviewOfEachProductPhaseItBelongsTo() {
        assertThat(Answers.lockingPhases(row(Party.SUPPLIER, Phase.P2, Phase.P1B, Phase.P1A), false))
                .as("in phase order, Phase 2 left to the deployments").containsExactly(Phase.P1A, Phase.P1B);
        assertThat(Answers.lockingPhases(row(Party.SUPPLIER, Phase.P2), false)).isEmpty();
    }

    @Test
    void aDeploymentRowIsLockedByTheReviewOfPhase2() {
        assertThat(Answers.lockingPhases(row(Party.EUO, Phase.P2), true)).containsExactly(Phase.P2);
    }

    @Test
    void aRowOutsideTheRevisionUnderReviewIsNeverLocked() {
        assertThat(Answers.lockingPhases(row(Party.NHS_DIGITAL, Phase.P1A, Phase.P1B), false)).isEmpty();
        assertThat(Answers.lockingPhases(row(Party.NHS_DIGITAL, Phase.P2), true)).isEmpty();
        assertThat(Answers.lockingPhases(row(Party.EUO, Phase.P2), false)).isEmpty();
    }
}
