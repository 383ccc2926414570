package io.tomassure.support.paging;

import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

import io.tomassure.support.problem.ProblemException;

/**
 * A keyset page: {@code next} is the cursor to pass as {@code after} for the following page, null on the last.
 * Keysets, unlike offsets, cost the same on page 1 and page 10,000 and never skip or repeat rows that move.
 */
public record Page<T>(List<T> items, String next) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    /**
     * Builds a page from up to {@code limit + 1} rows fetched after the cursor: the extra row only tells that
     * there is a next page.
     */
    public static <R, T> Page<T> of(List<R> fetched, int limit, Function<R, String> cursor, Function<R, T> view) {
        boolean more = fetched.size() > limit;
        List<R> rows = more ? fetched.subList(0, limit) : fetched;
        return new Page<>(rows.stream().map(view).toList(), more ? cursor.apply(rows.get(rows.size() - 1)) : null);
    }

    /**
     * The page a client asked for: its {@code limit} bounded, then {@code fetch} given how many rows to read after
     * the cursor, one more than the page.
     */
    public static <R, T> Page<T> fetch(Integer limit, IntFunction<List<R>> fetch, Function<R, String> cursor,
            Function<R, T> view) {
        int size = limit(limit);
        return of(fetch.apply(size + 1), size, cursor, view);
    }

    /** Bounds a client's page size. */
    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw ProblemException.invalid("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        return requested;
    }
}
