package io.tomassure.bench;

import java.nio.file.Files;
import java.sql.Connection;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.Optional;

import io.tomassure.audit.repository.AuditStore;
import io.tomassure.bench.load.LoadPlan;
import io.tomassure.stack.DemoData;
import io.tomassure.stack.LocalStack;
import io.tomassure.stack.ServiceProcess;
import io.tomassure.stack.StackConfig;
import io.tomassure.stack.TomService;
import io.tomassure.testing.HeadlessChromium;
import io.tomassure.testing.TomWorkbooks;

/**
 * The benchmark harness: starts the whole local stack afresh (on free ports, in bench/target), loads the demo data,
 * runs every scenario in turn and writes docs/benchmarks.md, its charts and the Gatling HTML reports. {@code --quick}
 * runs every scenario briefly and small (about 10 minutes, not 25) and writes under bench/target only; {@code --steps}
 * and {@code --console} run only the stepped writes, reads and revalidations, or only the console's case page, and
 * print them. {@code --repeat N} measures what varies from run to run N times and reports medians and ranges.
 */
public final class Main {
    private static final double[] WRITE_RATES = { 100, 200, 300, 400, 500, 750, 1000, 1250, 1500, 2000 };
    private static final double[] READ_RATES = { 250, 500, 750, 1000, 1500, 2000, 3000, 4000, 5000 };
    private static final int CONSOLE_LOADS = 50;

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        boolean stepsOnly = List.of(args).contains("--steps");
        boolean consoleOnly = List.of(args).contains("--console");
        boolean chainOnly = List.of(args).contains("--chain");
        boolean startupOnly = List.of(args).contains("--startup");
        int repeat = repeat(args);
        Path repo = StackConfig.findRepo(Path.of("").toAbsolutePath());
        Path output = repo.resolve("bench/target/bench-run");
        Path docs = quick || stepsOnly || consoleOnly || chainOnly || startupOnly ? output.resolve("docs")
                : repo.resolve("docs");
        Files.createDirectories(output);
        long started = System.nanoTime();
        try (LocalStack stack = new LocalStack(StackConfig.onFreePorts(repo, output.resolve("stack")), System.out::println)) {
            stack.startAfresh();
            new DemoData(stack.config(), System.out::println).load();
            Bench bench = new Bench(stack, quick, output);
            if (stepsOnly) {
                steps(bench, fixtures(bench), repeat);
            } else if (chainOnly) {
                chain(bench, repeat);
            } else if (startupOnly) {
                startup(bench);
            } else if (consoleOnly) {
                ConsolePaint.Result console = ConsolePaint.measure(bench, CONSOLE_LOADS);
                System.out.println(Report.table(List.of(console.firstContentfulPaint(), console.largestContentfulPaint(),
                        console.serverResponse())));
            } else {
                Report report = run(bench, new Report().keepingAnalysisOf(docs.resolve("benchmarks.md")), docs, repeat);
                report.write(docs.resolve("benchmarks.md"), header((quick ? " --quick" : "") + (repeat > 1 ? " --repeat " + repeat : ""),
                        Duration.ofNanos(System.nanoTime() - started)));
                System.out.println("wrote " + docs.resolve("benchmarks.md") + "; Gatling reports in " + output.resolve("gatling"));
            }
        }
        System.exit(0); // Gatling's and Kafka's client threads would keep the JVM alive
    }

    /**
     * {@code --repeat N}: how many times what varies from run to run is measured, for medians and ranges (1). In the
     * full run: the stepped writes and reads beside the peer's, propagation, the go-live gate and the chain, and at
     * least N starts of each service; with {@code --steps} or {@code --chain}, those alone.
     */
    private static int repeat(String[] args) {
        int at = List.of(args).indexOf("--repeat");
        return at < 0 || at + 1 >= args.length ? 1 : Math.max(1, Integer.parseInt(args[at + 1]));
    }

    /** Each service stopped and started alone five times, the rest of the stack running: the median and range, printed. */
    private static void startup(Bench bench) throws Exception {
        StartupMemory.Result startup = StartupMemory.measure(bench, 5);
        startup.startupMs().forEach((service, ms) -> {
            double[] sorted = ms.clone();
            java.util.Arrays.sort(sorted);
            System.out.printf("%s: start-up to first request, median %.0f ms (%.0f to %.0f ms over %d starts)%n",
                    service.module(), Spread.of(ms).median(), sorted[0], sorted[sorted.length - 1], sorted.length);
        });
    }

    /**
     * The audit log alone, grown to a million entries once, then verified and proved from {@code repeat} times:
     * each run printed, then the medians and ranges.
     */
    private static void chain(Bench bench, int repeat) throws Exception {
        Fixtures fixtures = Fixtures.create(bench, programme(), 20);
        try (Connection c = bench.db(TomService.AUDIT)) {
            AuditSeeder.growTo(new AuditStore(bench.dataSource(TomService.AUDIT)), c,
                    1_000_000, fixtures.assessments);
        }
        List<ChainVerification.Result> runs = new ArrayList<>();
        for (int run = 1; run <= repeat; run++) {
            bench.log("chain, run %d of %d".formatted(run, repeat));
            ChainVerification.Result chain = ChainVerification.measure(bench, 2_000); // more proofs than the full run: a steadier p99
            System.out.println(Report.table(List.of(chain.proofs())));
            runs.add(chain);
        }
        System.out.println(ChainVerification.Figures.of(runs).table());
    }

    private static Report run(Bench bench, Report report, Path docs, int repeat) throws Exception {
        Optional<Path> workbook = ersWorkbook();

        bench.log("reference line: the database's raw commit rate");
        ReferenceLine.Result reference = ReferenceLine.measure(bench, 8);

        bench.log("start-up and idle memory");
        StartupMemory.Result startup = StartupMemory.measure(bench, bench.quick ? 1 : Math.max(3, repeat));

        Fixtures fixtures = fixtures(bench);

        bench.log("REST writes and reads, stepped, on assessment-service and on the plain-CRUD peer");
        List<SideBySide> sideBySides;
        List<Stats> revalidations;
        StartupMemory.MemorySampler memory = new StartupMemory.MemorySampler(bench);
        try (memory; Peer peer = Peer.start(bench, fixtures)) {
            sideBySides = sideBySides(bench, memory, fixtures, peer, repeat);
            bench.log("REST reads by a client that revalidates, stepped");
            revalidations = stepped(bench, memory, "revalidate assessments", LoadPlan.REVALIDATE, READ_RATES,
                    seed -> fixtures.revalidations(bench, seed));
        }
        List<Stats> writes = sideBySides.get(sideBySides.size() - 1).ourWrites(); // the charts: the last run
        List<Stats> reads = sideBySides.get(sideBySides.size() - 1).ourReads();
        Charts.latencyByRate(docs.resolve("benchmarks/writes.png"), "Answering rows: latency by offered rate", writes);
        Charts.latencyByRate(docs.resolve("benchmarks/reads.png"), "Reading assessments: latency by offered rate", reads);

        List<Propagation.Result> propagations = new ArrayList<>();
        List<GateLatency.Result> gates = new ArrayList<>();
        for (int run = 1; run <= repeat; run++) {
            bench.log("event propagation at 200 events/s, run %d of %d".formatted(run, repeat));
            propagations.add(Propagation.measure(bench, fixtures, 200));
            bench.log("go-live gate: last condition met -> go-live-ready emitted, run %d of %d".formatted(run, repeat));
            gates.add(GateLatency.measure(bench, bench.quick ? 5 : 30, run));
        }

        ConsolePaint.Result console = null;
        if (HeadlessChromium.installed()) {
            bench.log("the console's case page in Chromium");
            console = ConsolePaint.measure(bench, CONSOLE_LOADS);
        }

        Workbooks.Result workbooks = null;
        if (workbook.isPresent()) {
            bench.log("workbooks");
            workbooks = Workbooks.measure(bench, workbook.get(), programme(), fixtures.assessments.get(0), bench.quick ? 5 : 20);
        }

        bench.log("growth");
        long[] sizes = bench.quick ? new long[] { 1_000, 5_000, 10_000 } : new long[] { 10_000, 100_000, 1_000_000 };
        List<Growth.Level> growth = Growth.measure(bench, fixtures, sizes);

        List<ChainVerification.Result> chains = new ArrayList<>();
        for (int run = 1; run <= repeat; run++) {
            bench.log("audit chain verification, run %d of %d".formatted(run, repeat));
            chains.add(ChainVerification.measure(bench, bench.quick ? 50 : 500));
        }
        System.out.println(ChainVerification.Figures.of(chains).table());

        Findings.write(report, reference, startup, memory.peaks(), sideBySides, revalidations, propagations, gates, console,
                workbooks, growth, chains);
        return report;
    }

    /**
     * Assessments to answer and read, and a warm-up at rates every service keeps up with, long enough for the JIT to
     * compile the hot paths: an overloaded warm-up would only build queues, and the first steps would measure the compiler.
     */
    private static Fixtures fixtures(Bench bench) throws Exception {
        bench.log("fixtures");
        Fixtures fixtures = Fixtures.create(bench, programme(), bench.quick ? 20 : 100);
        warmUp(bench, bench.config.serviceUrl(TomService.ASSESSMENT), fixtures);
        return fixtures;
    }

    private static void warmUp(Bench bench, String baseUrl, Fixtures fixtures) {
        bench.load("warm-up writes", baseUrl, "PUT", 50, bench.seconds(60), fixtures.answers(1));
        bench.load("warm-up writes", baseUrl, "PUT", 100, bench.seconds(60), fixtures.answers(2));
        bench.load("warm-up reads", baseUrl, "GET", 200, bench.seconds(30), fixtures.reads(1));
        bench.load("warm-up reads", baseUrl, "GET", 300, bench.seconds(30), fixtures.reads(2));
    }

    /** The real e-RS workbook, when ../shared/tom-workbooks has it. */
    private static Optional<Path> ersWorkbook() {
        return TomWorkbooks.folder().map(d -> d.resolve(TomWorkbooks.ERS)).filter(Files::isRegularFile);
    }

    /** The programme the fixtures use: the e-RS one, imported from its workbook by the demo data, or the sample. */
    private static String programme() {
        return ersWorkbook().isPresent() ? "e-rs" : DemoData.SAMPLE_PROGRAMME;
    }

    /**
     * {@code --steps}: only the stepped writes and reads, each followed by the plain-CRUD peer's, {@code repeat} times,
     * each run printed, then the knees' medians and ranges side by side; then the revalidations, once (for trying a
     * change without the whole run).
     */
    private static void steps(Bench bench, Fixtures fixtures, int repeat) throws Exception {
        try (var memory = new StartupMemory.MemorySampler(bench); Peer peer = Peer.start(bench, fixtures)) {
            sideBySides(bench, memory, fixtures, peer, repeat);
            System.out.println(Report.table(stepped(bench, memory, "revalidate assessments", LoadPlan.REVALIDATE, READ_RATES,
                    seed -> fixtures.revalidations(bench, seed))));
            System.out.println("resident MB, peak in sustained steps: " + memory.peaks().sustained() + "; past the knee: "
                    + memory.peaks().overloaded());
        }
    }

    /**
     * The peer warmed up, then {@link #sideBySide} {@code repeat} times: each run's tables printed as it ends (a run
     * that fails later keeps them in the log), then the knees' medians and ranges.
     */
    private static List<SideBySide> sideBySides(Bench bench, StartupMemory.MemorySampler memory, Fixtures fixtures,
            Peer peer, int repeat) throws Exception {
        warmUp(bench, peer.baseUrl, peer.fixtures);
        List<SideBySide> runs = new ArrayList<>();
        for (int run = 1; run <= repeat; run++) {
            bench.log("steps, run %d of %d".formatted(run, repeat));
            SideBySide sideBySide = sideBySide(bench, memory, fixtures, peer);
            for (List<Stats> steps : List.of(sideBySide.ourWrites(), sideBySide.peerWrites(), sideBySide.ourReads(),
                    sideBySide.peerReads())) {
                System.out.println(Report.table(steps));
            }
            runs.add(sideBySide);
        }
        System.out.println(SideBySide.Knees.of(runs).table());
        return runs;
    }

    /** Stepped writes and reads, on assessment-service and then on the peer: the same requests, the same rates. */
    private static SideBySide sideBySide(Bench bench, StartupMemory.MemorySampler memory, Fixtures fixtures, Peer peer)
            throws Exception {
        Statements.reset(bench);
        List<Stats> ourWrites = stepped(bench, memory, "answer rows", LoadPlan.PUT, WRITE_RATES, fixtures::answers);
        bench.log(Statements.profile(bench, "answer", served(ourWrites)));
        warmIfRestarted(bench, peer);
        Statements.reset(bench);
        List<Stats> peerWrites = stepped(bench, peer.baseUrl, "peer: answer rows", LoadPlan.PUT, WRITE_RATES,
                peer.fixtures::answers);
        bench.log(Statements.profile(bench, "peer's answer", served(peerWrites)));
        // Past its knee the peer works on for minutes through the requests it queued (a run measured it at 90 % of a
        // core all through our reads): started again now, it leaves the cores to them, and is warmed up before its own.
        peer.restart();
        List<Stats> ourReads = stepped(bench, memory, "read assessments", LoadPlan.GET, READ_RATES, fixtures::reads);
        warmUp(bench, peer.baseUrl, peer.fixtures);
        List<Stats> peerReads = stepped(bench, peer.baseUrl, "peer: read assessments", LoadPlan.GET, READ_RATES,
                peer.fixtures::reads);
        return new SideBySide(ourWrites, peerWrites, ourReads, peerReads);
    }

    /** The requests of {@code steps} answered without error. */
    private static long served(List<Stats> steps) {
        return steps.stream().mapToLong(step -> step.requests() - step.errors()).sum();
    }

    /** The peer started again if it fell over past its knee, and then warmed up as at first. */
    private static void warmIfRestarted(Bench bench, Peer peer) throws Exception {
        if (peer.restartedIfDown(bench)) {
            warmUp(bench, peer.baseUrl, peer.fixtures);
        }
    }

    /** The peer's steps, as {@link #stepped} (its memory is not sampled: it is not one of the services). */
    private static List<Stats> stepped(Bench bench, String baseUrl, String name, String method, double[] rates,
            LongFunction<Iterator<Map<String, Object>>> requests) {
        return untilTheKnee(rates, rate -> bench.load(name, baseUrl, method, rate, bench.seconds(30),
                requests.apply((long) rate)));
    }

    /** Steps the offered rate up until a step is not sustained (the knee), then stops. */
    private static List<Stats> stepped(Bench bench, StartupMemory.MemorySampler memory, String name, String method,
            double[] rates, LongFunction<Iterator<Map<String, Object>>> requests) {
        return untilTheKnee(rates, rate -> memory.step(() -> bench.load(name, TomService.ASSESSMENT, method, rate,
                bench.seconds(30), requests.apply((long) rate))));
    }

    /** Each rate in turn, until a step is not sustained. */
    private static List<Stats> untilTheKnee(double[] rates, java.util.function.DoubleFunction<Stats> step) {
        List<Stats> steps = new ArrayList<>();
        for (double rate : rates) {
            Stats stats = step.apply(rate);
            steps.add(stats);
            if (!stats.sustained()) {
                break;
            }
        }
        return steps;
    }

    /** {@code options}: what bench/run was given, as it is written after the command. */
    private static String header(String options, Duration took) throws Exception {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.replaceFirst("model name\\s*:\\s*", "")).orElse("unknown CPU");
        long memoryKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0L);
        return """
                # Benchmarks

                Measured %s by `bench/run%s` (%d min), on this machine: %d cores (%s), %.0f GiB of memory, Java %s. The \
                harness starts the whole local stack afresh, exactly as `./tom-assure` runs it: PostgreSQL (embedded, one \
                server for every service and Keycloak), Kafka (KRaft), Keycloak, the SMTP sink and the four services, each a \
                packaged JVM with `%s` and its AppCDS archive. The load generator (Gatling, open model: requests arrive at \
                the offered rate whatever the responses do) runs on the same two cores, so every figure includes its cost. \
                Requests carry a real Keycloak token (the supplier system's client-credentials grant). Each service verifies \
                a token the first time it sees it and then remembers its identity until it expires, for at most a minute.

                Gatling's HTML reports (latency over time, percentiles, per step) are written to `bench/target/bench-run/gatling/`; \
                the PNG charts are in `docs/benchmarks/`. The reference line is measured on the same PostgreSQL server in the \
                same run, so the ratio to it holds whatever the server's durability settings (listed with it).
                """.formatted(LocalDate.now(), options, took.toMinutes(), Runtime.getRuntime().availableProcessors(),
                cpu, memoryKb / 1024.0 / 1024.0, System.getProperty("java.version"), ServiceProcess.javaOptions());
    }

    private Main() {
    }
}
