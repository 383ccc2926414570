package io.tomassure.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.tomassure.stack.TomService;

/** The figures against the targets, and one section per scenario saying where the time goes. */
final class Findings {

    static void write(Report report, ReferenceLine.Result reference, StartupMemory.Result startup,
            StartupMemory.Peaks memory, List<SideBySide> sideBySides, List<Stats> revalidations,
            List<Propagation.Result> propagations, List<GateLatency.Result> gates, ConsolePaint.Result console,
            Workbooks.Result workbooks, List<Growth.Level> growth, List<ChainVerification.Result> chains) {
        String runs = sideBySides.size() == 1 ? "" : "median of %d runs".formatted(sideBySides.size());
        SideBySide.Knees knees = SideBySide.Knees.of(sideBySides);
        Spread cpuPerAnswer = Spread.over(sideBySides, r -> highestSustained(r.ourWrites())
                .map(Stats::cpuMsPerRequest).orElse(Double.NaN));
        report.target("REST writes (row answers), sustained", ">= 1,000/s, 0 errors (or 0.6 of a plain-CRUD peer, with "
                + "the CPU per answer halved from 5 ms)", "%s; %.2f of the peer's %s; CPU per answer at the knee %s"
                        .formatted(knees.ourWrites().describe("%,.0f/s"), knees.writeRatio(),
                                knees.peerWrites().describe("%,.0f/s"), cpuPerAnswer.describe("%.2f ms")),
                knees.ourWrites().median() >= 1000 || knees.writeRatio() >= 0.6 && cpuPerAnswer.median() <= 2.5,
                join(runs, "%.1f%% of the database's raw commit rate on %d connections".formatted(
                        100 * knees.ourWrites().median() / reference.concurrent(), reference.connections())));
        Spread writesAt500 = Spread.over(sideBySides, r -> at(r.ourWrites(), 500).map(Stats::p99).orElse(Double.NaN));
        report.target("REST writes, p99 at 500/s", "<= 50 ms", writesAt500.describe("%.0f ms"),
                writesAt500.median() <= 50 && sideBySides.stream().allMatch(r -> at(r.ourWrites(), 500)
                        .map(s -> s.errors() == 0).orElse(false)), runs);
        report.target("REST reads (assessment + derived results)", ">= 3,000/s (or 0.8 of a plain-CRUD peer)",
                "%s; %.2f times the peer's %s".formatted(knees.ourReads().describe("%,.0f/s"), knees.readRatio(),
                        knees.peerReads().describe("%,.0f/s")), knees.ourReads().median() >= 3000 || knees.readRatio() >= 0.8,
                runs);
        Spread readsAt1000 = Spread.over(sideBySides, r -> at(r.ourReads(), 1000).map(Stats::p99).orElse(Double.NaN));
        report.target("REST reads, p99 at 1,000/s", "<= 20 ms", readsAt1000.describe("%.0f ms"), readsAt1000.median() <= 20,
                runs);
        Spread toAuditP50 = Spread.over(propagations, r -> r.toAudit().p50());
        Spread toAuditP99 = Spread.over(propagations, r -> r.toAudit().p99());
        report.target("commit -> audit entry visible, at 200 events/s", "p50 <= 20 ms, p99 <= 100 ms",
                "p50 %s, p99 %s".formatted(toAuditP50.describe("%.1f ms"), toAuditP99.describe("%.1f ms")),
                toAuditP50.median() <= 20 && toAuditP99.median() <= 100
                        && propagations.stream().allMatch(r -> r.toAudit().errors() == 0),
                join(runs, "%,d events in all".formatted(propagations.stream().mapToLong(Propagation.Result::events).sum())));
        Spread gateP50 = Spread.over(gates, r -> r.toPublished().p50());
        Spread gateP99 = Spread.over(gates, r -> r.toPublished().p99());
        report.target("last condition met -> go-live ready emitted", "p99 <= 200 ms", "p50 %s, p99 %s".formatted(
                gateP50.describe("%.0f ms"), gateP99.describe("%.0f ms")), gateP99.median() <= 200,
                join(runs, "%d deployments a run; emitted = published to Kafka".formatted(gates.get(0).toPublished().requests())));
        if (console != null) {
            consoleTargets(report, console);
        }
        TomService slowest = startup.startupMs().entrySet().stream()
                .max(Comparator.comparingDouble(e -> Spread.of(e.getValue()).median())).map(Map.Entry::getKey).orElseThrow();
        Spread slowestStart = Spread.of(startup.startupMs().get(slowest));
        report.target("start-up to first request, per service (JVM)", "<= 3 s", "slowest %s, %.2f s (median of %d starts alone; %.2f to %.2f s)"
                .formatted(slowest.module(), slowestStart.median() / 1000, slowestStart.runs(),
                        slowestStart.min() / 1000, slowestStart.max() / 1000), slowestStart.median() <= 3000, "");
        double idleMax = largest(startup.idleMb());
        double loadMax = largest(memory.sustained());
        double overloadMax = largest(memory.overloaded());
        report.target("resident memory per service, idle / under load", "<= 250 MB / <= 400 MB",
                "largest %.0f MB / %.0f MB".formatted(idleMax, loadMax), idleMax <= 250 && loadMax <= 400,
                "under load: the steps sustained; past the knee %.0f MB".formatted(overloadMax));
        for (int step = 0; step < Growth.STEPS.size(); step++) {
            double first = growth.get(0).steps().get(step).p99();
            double last = growth.get(growth.size() - 1).steps().get(step).p99();
            double ratio = last / Math.max(1, first);
            report.target("growth %,d -> %,d: %s, p99".formatted(growth.get(0).size(), growth.get(growth.size() - 1).size(),
                    Growth.STEPS.get(step)), "grows <= 1.5x", "%.0f ms -> %.0f ms".formatted(first, last),
                    last <= Math.max(1.5 * first, first + 1), "");
        }
        if (workbooks != null) {
            report.target("e-RS workbook import, warm (over HTTP)", "<= 1 s, peak heap <= 256 MB",
                    "p50 %.0f ms, p95 %.0f ms".formatted(workbooks.importHttp().p50(), workbooks.importHttp().p95()),
                    workbooks.importHttp().p95() <= 1000 && !workbooks.inProcessTable().isEmpty(),
                    "heap: the import runs in a JVM capped at 256 MB (table below)");
        }
        ChainVerification.Figures chain = ChainVerification.Figures.of(chains);
        report.target("audit chain verification, %,d entries".formatted(chain.entries()), ">= 500,000 entries/s",
                "%s checked; %s read from the database and checked".formatted(chain.checked().describe("%,.0f entries/s"),
                        chain.readAndChecked().describe("%,.0f/s")),
                chain.checked().median() >= 500_000 && chain.intact(), runs);
        report.target("inclusion proof at %,d entries (HTTP)".formatted(chain.entries()), "<= 5 ms", "p50 %s, p99 %s"
                .formatted(chain.proofP50().describe("%.1f ms"), chain.proofP99().describe("%.1f ms")),
                chain.proofP99().median() <= 5, runs);

        report.section("reference", "Reference line: the database's raw commit rate", """
                One single-row insert per transaction in a loop, on the stack's PostgreSQL (%s): **%,.0f commits/s** from \
                one connection, **%,.0f commits/s** from %d. Sustained row answers are **%.1f%%** of the latter, each being \
                a transaction that locks the assessment, reads the row, writes it and an outbox event, behind token \
                validation, JSON and validation, with Gatling, the relay, Kafka and three consumers on the same two cores.
                """.formatted(reference.settings(), reference.oneConnection(), reference.concurrent(), reference.connections(),
                100 * knees.ourWrites().median() / reference.concurrent()));
        report.section("writes", "1. REST writes: answering requirement rows", eachRun(sideBySides, SideBySide::ourWrites)
                + "\n![writes](benchmarks/writes.png)");
        report.section("reads", "2. REST reads: an assessment with its derived results", eachRun(sideBySides, SideBySide::ourReads)
                + "\n![reads](benchmarks/reads.png)");
        report.section("peer", "2a. Side by side: a plain-CRUD peer", """
                The same requests at the same rates, in the same run, to `bench/peer`: a plain Quarkus REST + Hibernate \
                ORM + PostgreSQL service over the same shape (an assessment, its phase states, its answered rows), \
                verifying the same Keycloak tokens, with no events, audit, rules or token cache. Its write loads the \
                assessment and the row and flushes the change; its read fetches the assessment with its phase states \
                and counts its answers.

                """ + knees.table() + "\n" + eachRun(sideBySides, SideBySide::peerWrites) + "\n"
                + eachRun(sideBySides, SideBySide::peerReads));
        report.section("revalidations", "2b. REST reads by a client that revalidates", """
                The same reads, each quoting in If-None-Match the ETag its client kept from its last read (a 200 or a \
                304 counts as OK). Nothing is written meanwhile, so each is answered 304 from the assessment's two \
                versions, without building the view.

                """ + Report.table(revalidations));
        report.section("propagation", "3. Event propagation", Report.table(byRun(propagations,
                r -> List.of(r.write(), r.toAudit(), r.toApproval()))));
        report.section("gate", "3b. The go-live gate", Report.table(byRun(gates, r -> List.of(r.toPublished(), r.toAudit()))));
        if (console != null) {
            consoleSection(report, console);
        }
        report.section("startup", "4. Start-up and memory", startupTable(startup, memory));
        StringBuilder growthTables = new StringBuilder();
        for (Growth.Level level : growth) {
            growthTables.append("**%,d assessments and audit entries stored**\n\n".formatted(level.size()))
                    .append(Report.table(level.steps())).append('\n');
        }
        report.section("growth", "5. Growth", growthTables.toString());
        if (workbooks != null) {
            report.section("workbooks", "6a. Workbook import and export (e-RS TOM)", Report.table(List.of(workbooks.importHttp(),
                    workbooks.exportHttp())) + "\nThe same work in a JVM capped at `-Xmx256m` (cold, then 50 warm runs):\n\n"
                    + String.join("\n", workbooks.inProcessTable()));
        }
        report.section("chain", "6b. Audit chain verification", """
                The log as grown above, read from audit-service's database as stored (the bytes each hash is over) in \
                batches of 20,000, each read and then checked by `Verification.Chain` (every hash recomputed over the \
                stored bytes, every link, the signed Merkle root), so that each is timed alone. Then the service's own \
                `GET /api/v1/audit/verify` over the whole log, and %d inclusion proofs over HTTP, one at a time. Before \
                them, unmeasured proofs a thousand at a time until the JIT compilers of audit-service and of the client \
                together spent under 0.05 ms of CPU a proof, as in a service that has been serving proofs: %s a run.

                """.formatted(chains.get(0).proofs().requests(), Spread.over(chains, ChainVerification.Result::warmUpProofs)
                .describe("%,.0f")) + chain.table());
        report.section("improved", "What these figures changed", "");
    }

    private static void consoleTargets(Report report, ConsolePaint.Result console) {
        Stats paint = console.largestContentfulPaint();
        report.target("console case page, first meaningful paint (largest contentful paint)", "p95 <= 500 ms",
                "p95 %.0f ms (first contentful paint p95 %.0f ms)".formatted(paint.p95(), console.firstContentfulPaint().p95()),
                paint.p95() <= 500, "%d loads in Debian's headless Chromium, signed in as the reviewer".formatted(paint.requests()));
        report.target("console case page, weight", "<= 200 KB transferred", "%.1f KB cold (%d requests), %.1f KB cached"
                .formatted(console.coldBytes() / 1024.0, console.coldRequests(), console.warmBytes() / 1024.0),
                console.coldBytes() <= 200 * 1024, "the document and every asset, on a fresh profile");
    }

    private static void consoleSection(Report report, ConsolePaint.Result console) {
        report.section("console", "3c. The console's case page", Report.table(List.of(console.firstContentfulPaint(),
                console.largestContentfulPaint(), console.serverResponse())) + """

                Timed by Chromium itself from navigation start (Paint Timing, Largest Contentful Paint, Navigation \
                Timing). Weight: %,d bytes in %d requests on a fresh profile (document, stylesheet, scripts, htmx), \
                %,d bytes once the assets are cached (the document alone).
                """.formatted(console.coldBytes(), console.coldRequests(), console.warmBytes()));
    }

    /** Each run's steps, one table a run (no heading for a single run). */
    private static String eachRun(List<SideBySide> runs, Function<SideBySide, List<Stats>> steps) {
        if (runs.size() == 1) {
            return Report.table(steps.apply(runs.get(0)));
        }
        StringBuilder md = new StringBuilder();
        for (int run = 0; run < runs.size(); run++) {
            md.append("Run %d of %d:%n%n".formatted(run + 1, runs.size())).append(Report.table(steps.apply(runs.get(run))))
                    .append('\n');
        }
        return md.toString();
    }

    /** The rows of every run in one list, each named after its run when there are several. */
    private static <R> List<Stats> byRun(List<R> runs, Function<R, List<Stats>> rows) {
        List<Stats> all = new ArrayList<>();
        for (int run = 0; run < runs.size(); run++) {
            String prefix = runs.size() == 1 ? "" : "run %d: ".formatted(run + 1);
            rows.apply(runs.get(run)).forEach(row -> all.add(row.named(prefix + row.name())));
        }
        return all;
    }

    private static String join(String first, String second) {
        return first.isEmpty() ? second : first + "; " + second;
    }

    /** The step with the highest rate served that was sustained ({@link Stats#sustained}). */
    static Optional<Stats> highestSustained(List<Stats> steps) {
        return steps.stream().filter(Stats::sustained).max(Comparator.comparingDouble(Stats::throughput));
    }

    static Optional<Stats> at(List<Stats> steps, double rate) {
        return steps.stream().filter(s -> s.offered() == rate).findFirst();
    }

    /** The largest figure of any service (0 for none). */
    private static double largest(Map<TomService, Double> byService) {
        return byService.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    private static String startupTable(StartupMemory.Result startup, StartupMemory.Peaks memory) {
        StringBuilder md = new StringBuilder("| service | launch -> first 200, each run | median | resident, idle "
                + "| resident, peak under load (steps sustained) | resident, peak past the knee |\n|---|---|---|---|---|---|\n");
        for (TomService service : TomService.values()) {
            double[] runs = startup.startupMs().get(service);
            md.append("| %s | %s | %.2f s | %.0f MB | %.0f MB | %.0f MB |%n".formatted(service.module(),
                    java.util.Arrays.stream(runs).mapToObj(ms -> "%.2f s".formatted(ms / 1000)).collect(Collectors.joining(", ")),
                    Spread.of(runs).median() / 1000, startup.idleMb().get(service),
                    memory.sustained().getOrDefault(service, 0.0), memory.overloaded().getOrDefault(service, 0.0)));
        }
        return md.toString();
    }

    private Findings() {
    }
}
