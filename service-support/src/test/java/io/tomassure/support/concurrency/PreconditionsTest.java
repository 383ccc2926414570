package io.tomassure.support.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.tomassure.support.problem.ProblemException;

class PreconditionsTest {

    @Test
    void aMatchingStrongOrWildcardTagPasses() {
        assertThatCode(() -> Preconditions.requireMatch("\"3\"", 3)).doesNotThrowAnyException();
        assertThatCode(() -> Preconditions.requireMatch("\"1\", \"3\"", 3)).doesNotThrowAnyException();
        assertThatCode(() -> Preconditions.requireMatch("*", 3)).doesNotThrowAnyException();
    }

    @Test
    void aWeakTagNeverMatchesEvenForTheCurrentVersion() {
        assertThatThrownBy(() -> Preconditions.requireMatch("W/\"3\"", 3)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem().status()).isEqualTo(412));
        assertThatThrownBy(() -> Preconditions.requireMatch("W/\"1\", W/\"3\"", 3)).isInstanceOf(ProblemException.class);
        assertThatCode(() -> Preconditions.requireMatch("W/\"3\", \"3\"", 3)).as("a strong tag in the list still matches")
                .doesNotThrowAnyException();
    }

    @Test
    void aStaleTagIs412AndAMissingOneIs428() {
        assertThatThrownBy(() -> Preconditions.requireMatch("\"2\"", 3)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem().status()).isEqualTo(412));
        assertThatThrownBy(() -> Preconditions.requireMatch(null, 3)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem().status()).isEqualTo(428));
        assertThatThrownBy(() -> Preconditions.requireMatch("3", 3)).as("an unquoted tag is not an ETag")
                .isInstanceOf(ProblemException.class);
    }
}
