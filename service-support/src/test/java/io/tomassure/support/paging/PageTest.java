package io.tomassure.support.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.tomassure.support.problem.ProblemException;

class PageTest {

    @Test
    void pagesCarryACursorOnlyWhenThereIsMore() {
        assertThat(Page.of(List.of(1, 2, 3), 2, String::valueOf, i -> i * 10)).isEqualTo(new Page<>(List.of(10, 20), "2"));
        assertThat(Page.of(List.of(1, 2), 2, String::valueOf, i -> i * 10)).isEqualTo(new Page<>(List.of(10, 20), null));
        assertThatThrownBy(() -> Page.limit(0)).isInstanceOf(ProblemException.class);
        assertThat(Page.limit(null)).isEqualTo(50);
    }
}
