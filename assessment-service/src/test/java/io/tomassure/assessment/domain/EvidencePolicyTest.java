package io.tomassure.assessment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EvidencePolicyTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 6);
    private static final EvidencePolicy DSPT_A_YEAR = new EvidencePolicy(Map.of(EvidenceKind.DSPT, Period.ofMonths(12)));

    private static EvidencePolicy.Held dspt(LocalDate effectiveOn, LocalDate expiresOn) {
        return new EvidencePolicy.Held(EvidenceKind.DSPT, effectiveOn, expiresOn);
    }

    @Test
    void aPieceIsInDateThroughTheEarlierOfItsMaximumAgeAndItsExpiry() {
        assertThat(DSPT_A_YEAR.lastDay(dspt(LocalDate.of(2026, 3, 1), null))).hasValue(LocalDate.of(2027, 3, 1));
        assertThat(DSPT_A_YEAR.lastDay(dspt(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 12, 31))))
                .hasValue(LocalDate.of(2026, 12, 31));
        assertThat(EvidencePolicy.NONE.lastDay(dspt(null, null))).hasValue(LocalDate.MAX);
        assertThat(DSPT_A_YEAR.lastDay(dspt(null, LocalDate.of(2027, 1, 1)))).as("an aged kind needs its date").isEmpty();
    }

    @Test
    void theRowStandsOnItsPieceInDateLongestAndOnTheLastDayItIsStillInDate() {
        var standing = DSPT_A_YEAR.standing(EvidenceKind.DSPT, List.of(dspt(TODAY.minusMonths(12), null),
                dspt(TODAY.minusMonths(14), null)), TODAY);
        assertThat(standing.inDate()).isTrue();
        assertThat(standing.lapsesOn()).isEqualTo(TODAY);

        var lapsed = DSPT_A_YEAR.standing(EvidenceKind.DSPT, List.of(dspt(TODAY.minusMonths(12).minusDays(1), null)), TODAY);
        assertThat(lapsed.problem()).isEqualTo("its Data Security and Protection Toolkit assessment went out of date on "
                + TODAY + ": attach a current one");
    }

    @Test
    void otherKindsAndPiecesNotYetEffectiveDoNotCount() {
        var standing = DSPT_A_YEAR.standing(EvidenceKind.DSPT, List.of(
                new EvidencePolicy.Held(EvidenceKind.PEN_TEST, TODAY, null), dspt(TODAY.plusDays(1), null)), TODAY);
        assertThat(standing.inDate()).isFalse();
        assertThat(standing.lapsesOn()).isNull();
        assertThat(standing.problem()).isEqualTo("needs a Data Security and Protection Toolkit assessment with its "
                + "effective date (at most 12 months old): none attached");
    }

    @Test
    void periodsInWords() {
        assertThat(EvidencePolicy.words(Period.parse("P1Y6M"))).isEqualTo("1 year 6 months");
        assertThat(EvidencePolicy.words(Period.ofDays(30))).isEqualTo("30 days");
    }
}
