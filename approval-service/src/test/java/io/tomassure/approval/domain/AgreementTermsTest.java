package io.tomassure.approval.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Period;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AgreementTermsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 2);
    private final AgreementTerms terms = new AgreementTerms(Map.of(AgreementKind.CONNECTION_AGREEMENT, Period.ofYears(3),
            AgreementKind.END_USER_POLICY, Period.ofYears(3), AgreementKind.DSA, Period.ofYears(3),
            AgreementKind.DSFC, Period.ofYears(3)), Map.of("e-RS", Map.of(AgreementKind.DSA, Period.ofYears(1))));

    @Test
    void anAgreementIsSignedByTodayEndsAndEndsWithinItsTerm() {
        assertThat(refusal(AgreementKind.DSA, null, TODAY.minusMonths(1), TODAY.plusYears(2))).isNull();
        assertThat(refusal(AgreementKind.DSA, null, TODAY, null)).isEqualTo("expiresOn");
        assertThat(refusal(AgreementKind.DSA, null, TODAY.plusDays(1), TODAY.plusYears(1))).isEqualTo("signedOn");
        assertThat(refusal(AgreementKind.DSA, null, TODAY.minusMonths(1), TODAY.minusMonths(2))).isEqualTo("expiresOn");
        assertThat(refusal(AgreementKind.DSA, null, TODAY.minusYears(2), TODAY.minusDays(1))).as("expired").isEqualTo("expiresOn");
        assertThat(refusal(AgreementKind.DSA, null, TODAY, TODAY)).as("in date today").isNull();
        assertThat(refusal(AgreementKind.DSA, null, TODAY, TODAY.plusYears(3))).isNull();
        assertThat(refusal(AgreementKind.DSA, null, TODAY, TODAY.plusYears(3).plusDays(1))).isEqualTo("expiresOn");
    }

    @Test
    void aProgrammeMaySetItsOwnTerm() {
        assertThat(terms.longest(AgreementKind.DSA, "e-RS")).isEqualTo(Period.ofYears(1));
        assertThat(terms.longest(AgreementKind.END_USER_POLICY, "e-RS")).isEqualTo(Period.ofYears(3));
        assertThat(terms.longest(AgreementKind.DSA, "other")).isEqualTo(Period.ofYears(3));
        assertThat(refusal(AgreementKind.DSA, "e-RS", TODAY, TODAY.plusYears(2))).isEqualTo("expiresOn");
        assertThat(terms.check(AgreementKind.DSA, "e-RS", TODAY, TODAY.plusYears(2), TODAY).orElseThrow().reason())
                .contains("at most P1Y in programme e-RS");
        assertThat(refusal(AgreementKind.DSA, "e-RS", TODAY, TODAY.plusYears(1))).isNull();
    }

    private String refusal(AgreementKind kind, String programme, LocalDate signedOn, LocalDate expiresOn) {
        return terms.check(kind, programme, signedOn, expiresOn, TODAY).map(AgreementTerms.Refusal::field).orElse(null);
    }
}
