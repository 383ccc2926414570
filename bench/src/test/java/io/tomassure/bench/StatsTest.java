package io.tomassure.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void readsTheAllRequestsRowOfGatlingsReport() {
        String html = "<table><tr id=\"ROOT\" ><td class=\"total col-1\">All</td>"
                + "<td class=\"value total col-2\">1200</td><td class=\"value ok col-3\">1190</td><td class=\"value ko col-4\">10</td>"
                + "<td class=\"value ko col-5\">1</td><td class=\"value total col-6\">63.16</td><td class=\"value total col-7\">341</td>"
                + "<td class=\"value total col-8\">10488</td><td class=\"value total col-9\">11351</td>"
                + "<td class=\"value total col-10\">13051</td><td class=\"value total col-11\">13516</td>"
                + "<td class=\"value total col-12\">13872</td></tr></table>";
        Stats stats = Stats.fromGatlingReport("writes", 200, html, Path.of("r"));
        assertThat(stats).isEqualTo(new Stats("writes", 200, 1200, 10, 63.16, 10488, 13051, 13516, 13872, Path.of("r"), Map.of()));
        assertThat(stats.sustained()).isFalse();
    }

    @Test
    void nearestRankPercentiles() {
        double[] sorted = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
        assertThat(Stats.percentile(sorted, 50)).isEqualTo(5);
        assertThat(Stats.percentile(sorted, 99)).isEqualTo(10);
        assertThat(Stats.percentile(new double[0], 50)).isNaN();
    }

    @Test
    void aStepIsSustainedWithoutErrorsNearTheOfferedRateAndWithoutAQueue() {
        assertThat(new Stats("s", 1000, 30000, 0, 968, 3, 8, 20, 40, null, Map.of()).sustained()).isTrue();
        assertThat(new Stats("s", 1000, 30000, 0, 940, 3, 8, 20, 40, null, Map.of()).sustained()).isFalse();
        assertThat(new Stats("s", 1000, 30000, 0, 990, 300, 900, 1200, 1500, null, Map.of()).sustained()).isFalse();
        assertThat(new Stats("s", 1000, 30000, 1, 1000, 3, 8, 20, 40, null, Map.of()).sustained()).isFalse();
        assertThat(Findings.highestSustained(List.of(new Stats("a", 500, 1, 0, 500, 1, 1, 1, 1, null, Map.of()),
                new Stats("b", 1000, 1, 0, 700, 1, 1, 1, 1, null, Map.of()))).map(Stats::offered)).contains(500.0);
    }

    @Test
    void cpuPerRequestLeavesOutTheLoadGeneratorAndUnclaimedProcesses() {
        Map<String, Double> use = Map.of("postgres", 60.0, "assessment-service", 40.0, "load generator", 30.0, "other", 8.0);
        Stats step = new Stats("s", 400, 12000, 0, 400, 3, 8, 20, 40, null, use);
        assertThat(step.cpuMsPerRequest()).isEqualTo(2.5); // a core's whole second is 1,000 ms: 100% of one / 400 a second
        assertThat(step.withCpu(Map.of()).cpuMsPerRequest()).isNaN();
        assertThat(step.named("run 2").cpuMsPerRequest()).isEqualTo(2.5);
    }
}
