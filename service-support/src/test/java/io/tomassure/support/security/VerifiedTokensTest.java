package io.tomassure.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void aTokenIsTrustedUntilItExpiresButNeverLongerThanTheMaximumAge() {
        assertThat(VerifiedTokens.trustedFor(NOW.plusSeconds(20).getEpochSecond(), NOW)).isEqualTo(Duration.ofSeconds(20));
        assertThat(VerifiedTokens.trustedFor(NOW.plusSeconds(300).getEpochSecond(), NOW)).isEqualTo(VerifiedTokens.MAX_AGE);
    }

    @Test
    void anExpiredTokenOrOneWithoutExpiryIsNotRemembered() {
        assertThat(VerifiedTokens.trustedFor(NOW.minusSeconds(1).getEpochSecond(), NOW)).isZero();
        assertThat(VerifiedTokens.trustedFor(NOW.getEpochSecond(), NOW)).isZero();
        assertThat(VerifiedTokens.trustedFor(0, NOW)).isZero();
    }
}
