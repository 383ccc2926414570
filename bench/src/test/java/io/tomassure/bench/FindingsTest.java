package io.tomassure.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tomassure.stack.TomService;

/** The report of repeated runs, from made-up figures: what each target row says, and that every section is written. */
class FindingsTest {

    @TempDir
    Path dir;

    @Test
    void repeatedRunsAreReportedAsMediansWithTheirRanges() throws Exception {
        List<SideBySide> runs = List.of(run(400, 800, 3000, 1500), run(500, 1000, 2000, 1500), run(400, 800, 4000, 2000));
        Map<TomService, double[]> starts = new EnumMap<>(TomService.class);
        Map<TomService, Double> memory = new EnumMap<>(TomService.class);
        for (TomService service : TomService.values()) {
            starts.put(service, new double[] { 5000, 5500, 7000 });
            memory.put(service, 200.0);
        }
        starts.put(TomService.AUDIT, new double[] { 7100, 6900, 7300 });
        Report report = new Report();
        Findings.write(report, new ReferenceLine.Result(10_000, 20_000, 8, "fsync=off"),
                new StartupMemory.Result(starts, memory), new StartupMemory.Peaks(memory, memory), runs,
                List.of(step("revalidate assessments", 1000, 1000, 2)),
                List.of(propagation(8, 50), propagation(10, 228), propagation(9, 80)),
                List.of(gate(70), gate(80), gate(90)), null, null,
                List.of(new Growth.Level(10, growthSteps()), new Growth.Level(1000, growthSteps())),
                List.of(chain(1.6, 9), chain(1.7, 8), chain(1.5, 11)));
        Path file = dir.resolve("benchmarks.md");
        report.write(file, "# Benchmarks");
        String md = Files.readString(file);

        assertThat(md).contains("| REST writes (row answers), sustained | >= 1,000/s, 0 errors (or 0.6 of a plain-CRUD peer, "
                + "with the CPU per answer halved from 5 ms) | 400/s (400/s to 500/s over 3 runs); 0.50 of the peer's 800/s "
                + "(800/s to 1,000/s over 3 runs); CPU per answer at the knee 2.50 ms (2.00 ms to 2.50 ms over 3 runs) | **no** "
                + "| median of 3 runs;");
        assertThat(md).contains("| REST reads (assessment + derived results) | >= 3,000/s (or 0.8 of a plain-CRUD peer) "
                + "| 3,000/s (2,000/s to 4,000/s over 3 runs); 2.00 times the peer's 1,500/s (1,500/s to 2,000/s over 3 runs) | yes");
        assertThat(md).contains("p50 9.0 ms (8.0 ms to 10.0 ms over 3 runs), p99 80.0 ms (50.0 ms to 228.0 ms over 3 runs) | yes");
        assertThat(md).contains("| start-up to first request, per service (JVM) | <= 3 s | slowest audit-service, 7.10 s "
                + "(median of 3 starts alone; 6.90 to 7.30 s) | **no**");
        assertThat(md).contains("p99 9.0 ms (8.0 ms to 11.0 ms over 3 runs) | **no**");
        assertThat(md).contains("| audit-service: executor-thread | 0.40 / 0.09 | 0.40 / 0.08 | 0.40 / 0.11 |")
                .doesNotContain("| kafka |");
        assertThat(md).contains("Run 3 of 3:").contains("| run 2: commit -> audit entry |");
        assertThat(md).contains("<!-- analysis:targets -->").doesNotContain("NaN");
    }

    private static SideBySide run(double ourWriteKnee, double peerWriteKnee, double ourReadKnee, double peerReadKnee) {
        return new SideBySide(steps("answer rows", ourWriteKnee, 100), steps("peer: answer rows", peerWriteKnee, 100),
                steps("read assessments", ourReadKnee, 300), steps("peer: read assessments", peerReadKnee, 400));
    }

    /** Steps of 100/s up to the knee, sustained, then one past it; {@code cpu}: the stack's percent of one core at the knee. */
    private static List<Stats> steps(String name, double knee, double cpu) {
        return java.util.stream.DoubleStream.iterate(100, rate -> rate <= knee + 100, rate -> rate + 100)
                .mapToObj(rate -> rate <= knee ? step(name, rate, cpu * rate / knee, 10) : step(name, rate, cpu, 2000))
                .toList();
    }

    private static Stats step(String name, double rate, double cpu, double p99) {
        boolean kept = p99 < 1000;
        return new Stats(name, rate, (long) rate * 30, kept ? 0 : 10, kept ? rate : rate * 0.8, 1, 5, p99, p99 + 1,
                null, Map.of("postgres", cpu / 2, "assessment-service", cpu / 2, "load generator", 30.0));
    }

    private static Propagation.Result propagation(double p50, double p99) {
        return new Propagation.Result(step("answer rows (propagation)", 200, 100, 20),
                new Stats("commit -> audit entry", 200, 6000, 0, 200, p50, p99, p99, p99, null, Map.of()),
                new Stats("commit -> approval-service applied", 200, 6000, 0, 200, p50, p99, p99, p99, null, Map.of()), 6000);
    }

    private static GateLatency.Result gate(double p99) {
        Stats toPublished = new Stats("SIRO sign-off sent -> go-live-ready published", 0, 30, 0, 0, 25, p99, p99, p99, null,
                Map.of());
        return new GateLatency.Result(toPublished, toPublished.named("SIRO sign-off sent -> go-live-ready in the audit log"));
    }

    private static List<Stats> growthSteps() {
        return Growth.STEPS.stream().map(name -> step(name, 100, 10, 10)).toList();
    }

    private static ChainVerification.Result chain(double p50, double p99) {
        return new ChainVerification.Result(1_000_000, 13.5, 1.6, true, 5.5, true, 3_000,
                new Stats("inclusion proof over HTTP", 0, 500, 0, 400, p50, p99, p99, p99, null, Map.of()),
                Map.of("audit-service: executor-thread", new RunQueue.Time(0.4, p99 / 100), "kafka", new RunQueue.Time(0.001, 0)));
    }
}
