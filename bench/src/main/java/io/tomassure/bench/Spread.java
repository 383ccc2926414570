package io.tomassure.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** One figure over repeated runs: its median and range, which is what a single run on a shared machine cannot show. */
record Spread(double median, double min, double max, int runs) {

    static Spread of(double... values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Spread(median, sorted[0], sorted[n - 1], n);
    }

    /** The median and range of a figure over the runs that have it (NaN: the run did not reach it). */
    static <R> Spread over(List<R> runs, ToDoubleFunction<R> figure) {
        double[] present = runs.stream().mapToDouble(figure).filter(v -> !Double.isNaN(v)).toArray();
        return present.length == 0 ? of(Double.NaN) : of(present);
    }

    /** "1,234 (1,100 to 1,300 over 3 runs)", each number in {@code format}; "n/a" for no figure. */
    String describe(String format) {
        if (Double.isNaN(median)) {
            return "n/a";
        }
        return runs == 1 ? format.formatted(median) : (format + " (" + format + " to " + format + " over %d runs)")
                .formatted(median, min, max, runs);
    }
}
