package io.tomassure.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class OutboxRelayTest {

    @Test
    void backoffDoublesFromATenthOfASecondUpToItsBound() {
        Duration max = Duration.ofSeconds(1);
        Duration backoff = Duration.ZERO;
        StringBuilder steps = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            backoff = OutboxRelay.nextBackoff(backoff, max);
            steps.append(backoff.toMillis()).append(' ');
        }
        assertThat(steps.toString().trim()).isEqualTo("100 200 400 800 1000 1000");
    }

    @Test
    void roundsStartAtMostOncePerIntervalAndAtOnceAfterAQuietSpell() {
        Duration interval = Duration.ofMillis(10);
        long last = 1_000_000_000L;
        assertThat(OutboxRelay.untilNextRound(last, last + 3_000_000, interval)).isEqualTo(Duration.ofMillis(7));
        assertThat(OutboxRelay.untilNextRound(last, last + 10_000_000, interval)).isZero();
        assertThat(OutboxRelay.untilNextRound(last, last + 5_000_000_000L, interval)).isZero();
        assertThat(OutboxRelay.untilNextRound(last, last + 3_000_000, Duration.ZERO)).isZero();
    }
}
