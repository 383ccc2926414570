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

    @Test
    void aTagOverSeveralVersionsMovesWithEachOfThem() {
        assertThat(Preconditions.etag(3)).isEqualTo("\"3\"");
        assertThat(Preconditions.etag(3, 17)).isEqualTo("\"3.17\"").isNotEqualTo(Preconditions.etag(3, 18))
                .isNotEqualTo(Preconditions.etag(31, 7));
        assertThatCode(() -> Preconditions.requireMatch("\"3.17\"", Preconditions.etag(3, 17))).doesNotThrowAnyException();
        assertThatThrownBy(() -> Preconditions.requireMatch("\"3.16\"", Preconditions.etag(3, 17)))
                .isInstanceOf(ProblemException.class);
    }

    @Test
    void ifNoneMatchUsesTheWeakComparison() {
        assertThat(Preconditions.notModified("\"3.17\"", "\"3.17\"")).isTrue();
        assertThat(Preconditions.notModified("W/\"3.17\"", "\"3.17\"")).as("weak comparison").isTrue();
        assertThat(Preconditions.notModified("\"1\", \"3.17\"", "\"3.17\"")).isTrue();
        assertThat(Preconditions.notModified("*", "\"3.17\"")).isTrue();
        assertThat(Preconditions.notModified("\"3.16\"", "\"3.17\"")).isFalse();
        assertThat(Preconditions.notModified(null, "\"3.17\"")).isFalse();
    }

    @Test
    void onlyOneStrongTagOfOneVersionNamesAVersionToGuardOn() {
        assertThat(Preconditions.quotedVersion("\"3\"")).isEqualTo(3);
        assertThat(Preconditions.quotedVersion(" \"0\" ")).isZero();
        assertThat(Preconditions.quotedVersion(Preconditions.etag(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
        for (String other : new String[] { null, "", "*", "3", "W/\"3\"", "\"3\", \"4\"", "\"3.17\"", "\"\"", "\"-1\"",
                "\"99999999999999999999\"" }) {
            assertThat(Preconditions.quotedVersion(other)).as(other).isEqualTo(-1);
        }
        assertThat(Preconditions.anyVersion(" * ")).isTrue();
        assertThat(Preconditions.anyVersion("\"3\", *")).as("a list is settled against the stored version").isFalse();
        assertThat(Preconditions.anyVersion(null)).isFalse();
    }
}
