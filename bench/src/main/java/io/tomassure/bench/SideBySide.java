package io.tomassure.bench;

import java.util.List;

/**
 * assessment-service and the plain-CRUD peer under the same stepped load, in the same run: where each one's knee is
 * (the highest rate it sustained), and the ratio, which says what the events, the audit and the rules cost.
 */
record SideBySide(List<Stats> ourWrites, List<Stats> peerWrites, List<Stats> ourReads, List<Stats> peerReads) {

    double ourWriteKnee() {
        return knee(ourWrites);
    }

    double peerWriteKnee() {
        return knee(peerWrites);
    }

    double ourReadKnee() {
        return knee(ourReads);
    }

    double peerReadKnee() {
        return knee(peerReads);
    }

    /** The highest offered rate sustained, 0 when none was. */
    static double knee(List<Stats> steps) {
        return Findings.highestSustained(steps).map(Stats::offered).orElse(0.0);
    }

    /** The four knees over repeated runs, and the ratios of the medians. */
    record Knees(Spread ourWrites, Spread peerWrites, Spread ourReads, Spread peerReads) {

        static Knees of(List<SideBySide> runs) {
            return new Knees(Spread.over(runs, SideBySide::ourWriteKnee), Spread.over(runs, SideBySide::peerWriteKnee),
                    Spread.over(runs, SideBySide::ourReadKnee), Spread.over(runs, SideBySide::peerReadKnee));
        }

        double writeRatio() {
            return ourWrites.median() / Math.max(1, peerWrites.median());
        }

        double readRatio() {
            return ourReads.median() / Math.max(1, peerReads.median());
        }

        String table() {
            return """
                    | sustained (highest step with 0 errors, 95%% served, p99 under 1 s) | assessment-service | plain-CRUD peer | ratio of medians |
                    |---|---|---|---|
                    | row answers/s | %s | %s | %.2f |
                    | assessment reads/s | %s | %s | %.2f |
                    """.formatted(ourWrites.describe("%,.0f"), peerWrites.describe("%,.0f"), writeRatio(),
                    ourReads.describe("%,.0f"), peerReads.describe("%,.0f"), readRatio());
        }
    }
}
