package io.tomassure.support.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoadSheddingTest {

    @Test
    void requestsUpToTheLimitProceedAndTheNextIsRefused() {
        assertThat(LoadShedding.admitted(1, 2)).isTrue();
        assertThat(LoadShedding.admitted(2, 2)).isTrue();
        assertThat(LoadShedding.admitted(3, 2)).isFalse();
    }

    @Test
    void aLimitOfZeroTurnsSheddingOff() {
        assertThat(LoadShedding.admitted(10_000, 0)).isTrue();
    }
}
