package io.tomassure.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class LapseWindowsTest {

    private static final List<Integer> WINDOWS = List.of(30, 7);

    @Test
    void theNarrowestWindowTheDaysLeftFallIn() {
        assertThat(LapseWindows.window(WINDOWS, 31)).isEmpty();
        assertThat(LapseWindows.window(WINDOWS, 30)).hasValue(30);
        assertThat(LapseWindows.window(WINDOWS, 8)).hasValue(30);
        assertThat(LapseWindows.window(WINDOWS, 7)).hasValue(7);
        assertThat(LapseWindows.window(WINDOWS, 0)).hasValue(7);
    }

    @Test
    void nothingOnceLapsed() {
        assertThat(LapseWindows.window(WINDOWS, -1)).isEmpty();
    }
}
