package io.tomassure.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpreadTest {

    @Test
    void theMedianIsTheMiddleRunOrTheMeanOfTheTwoMiddleOnes() {
        assertThat(Spread.of(400, 500, 400)).isEqualTo(new Spread(400, 400, 500, 3));
        assertThat(Spread.of(4000, 2000, 3000, 1000)).isEqualTo(new Spread(2500, 1000, 4000, 4));
    }

    @Test
    void aSingleRunHasNoRangeToShow() {
        assertThat(Spread.of(646_284).describe("%,.0f")).isEqualTo("646,284");
        assertThat(Spread.of(5.4, 7.4, 5.4).describe("%.1f")).isEqualTo("5.4 (5.4 to 7.4 over 3 runs)");
    }
}
