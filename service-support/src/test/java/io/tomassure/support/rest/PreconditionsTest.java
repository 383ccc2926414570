package io.tomassure.support.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.tomassure.support.problem.ProblemException;

class PreconditionsTest {

    @Test
    void aMatchingStrongWeakOrWildcardTagPasses() {
        assertThatCode(() -> Preconditions.requireMatch("\"3\"", 3)).doesNotThrowAnyException();
        assertThatCode(() -> Preconditions.requireMatch("W/\"3\"", 3)).doesNotThrowAnyException();
        assertThatCode(() -> Preconditions.requireMatch("\"1\", \"3\"", 3)).doesNotThrowAnyException();
        assertThatCode(() -> Preconditions.requireMatch("*", 3)).doesNotThrowAnyException();
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

    @Test
    void pagesCarryACursorOnlyWhenThereIsMore() {
        assertThat(Page.of(List.of(1, 2, 3), 2, String::valueOf, i -> i * 10)).isEqualTo(new Page<>(List.of(10, 20), "2"));
        assertThat(Page.of(List.of(1, 2), 2, String::valueOf, i -> i * 10)).isEqualTo(new Page<>(List.of(10, 20), null));
        assertThatThrownBy(() -> Preconditions.limit(0)).isInstanceOf(ProblemException.class);
        assertThat(Preconditions.limit(null)).isEqualTo(50);
    }
}
