package io.tomassure.support.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

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

    @Test
    void aFetchReadsOneRowMoreThanTheBoundedSizeAndNeverRunsForABadLimit() {
        List<Integer> asked = new ArrayList<>();
        Page<Integer> page = Page.fetch(null, rows -> {
            asked.add(rows);
            return IntStream.rangeClosed(1, rows).boxed().toList();
        }, String::valueOf, i -> i);
        assertThat(asked).containsExactly(51);
        assertThat(page.items()).hasSize(50);
        assertThat(page.next()).isEqualTo("50");
        assertThatThrownBy(() -> Page.fetch(201, size -> {
            asked.add(size);
            return List.<Integer>of();
        }, String::valueOf, i -> i)).isInstanceOf(ProblemException.class);
        assertThat(asked).containsExactly(51);
    }
}
