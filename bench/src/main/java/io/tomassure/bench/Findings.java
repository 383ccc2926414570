package io.tomassure.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.tomassure.stack.TomService;

/** The figures against the targets, and one section per scenario saying where the time goes. */
final class Findings {

    static void write(Report report, ReferenceLine.Result reference, StartupMemory.Result startup,
            StartupMemory.MemorySampler memory, SideBySide sideBySide, List<Stats> revalidations,
            Propagation.Result propagation,
            GateLatency.Result gate, ConsolePaint.Result console, Workbooks.Result workbooks, List<Growth.Level> growth, ChainVerification.Result chain) {
        List<Stats> writes = sideBySide.ourWrites();
        List<Stats> reads = sideBySide.ourReads();
        Optional<Stats> writeKnee = highestSustained(writes);
        Optional<Stats> writeAt500 = at(writes, 500);
        double sustainedWrites = writeKnee.map(Stats::offered).orElse(0.0);
        report.target("REST writes (row answers), sustained", ">= 1,000/s, 0 errors", "%,.0f/s".formatted(sustainedWrites),
                sustainedWrites >= 1000, "%.1f%% of the database's raw commit rate on %d connections".formatted(
                        100 * sustainedWrites / reference.concurrent(), reference.connections()));
        report.target("REST writes, p99 at 500/s", "<= 50 ms", writeAt500.map(s -> "%.0f ms".formatted(s.p99())).orElse("n/a"),
                writeAt500.map(s -> s.p99() <= 50 && s.errors() == 0).orElse(false), "");
        Optional<Stats> readKnee = highestSustained(reads);
        Optional<Stats> readAt1000 = at(reads, 1000);
        double sustainedReads = readKnee.map(Stats::offered).orElse(0.0);
        report.target("REST reads (assessment + derived results)", ">= 3,000/s", "%,.0f/s".formatted(sustainedReads),
                sustainedReads >= 3000, "");
        report.target("REST reads, p99 at 1,000/s", "<= 20 ms", readAt1000.map(s -> "%.0f ms".formatted(s.p99())).orElse("n/a"),
                readAt1000.map(s -> s.p99() <= 20).orElse(false), "");
        Stats toAudit = propagation.toAudit();
        report.target("commit -> audit entry visible, at 200 events/s", "p50 <= 20 ms, p99 <= 100 ms",
                "p50 %.1f ms, p99 %.1f ms".formatted(toAudit.p50(), toAudit.p99()),
                toAudit.p50() <= 20 && toAudit.p99() <= 100 && toAudit.errors() == 0, "%,d events".formatted(propagation.events()));
        report.target("last condition met -> go-live ready emitted", "p99 <= 200 ms", "p50 %.0f ms, p99 %.0f ms".formatted(
                gate.toPublished().p50(), gate.toPublished().p99()), gate.toPublished().p99() <= 200,
                "%d deployments; emitted = published to Kafka".formatted(gate.toPublished().requests()));
        if (console != null) {
            consoleTargets(report, console);
        }
        double slowestStart = startup.startupMs().values().stream().mapToDouble(ms -> Spread.of(ms).median()).max().orElse(0);
        report.target("start-up to first request, per service (JVM)", "<= 3 s", "slowest %.2f s (median of runs)".formatted(
                slowestStart / 1000), slowestStart <= 3000, "");
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
        double entriesPerSecond = chain.entries() / chain.checkSeconds();
        report.target("audit chain verification, %,d entries".formatted(chain.entries()), ">= 500,000 entries/s",
                "%,.0f entries/s checked; %,.0f/s read from the database and checked".formatted(entriesPerSecond,
                        chain.entries() / chain.totalSeconds()),
                entriesPerSecond >= 500_000 && chain.intact(), "");
        report.target("inclusion proof at %,d entries (HTTP)".formatted(chain.entries()), "<= 5 ms",
                "p50 %.1f ms, p99 %.1f ms".formatted(chain.proofs().p50(), chain.proofs().p99()), chain.proofs().p99() <= 5, "");

        report.section("reference", "Reference line: the database's raw commit rate", """
                One single-row insert per transaction in a loop, on the stack's PostgreSQL (%s): **%,.0f commits/s** from \
                one connection, **%,.0f commits/s** from %d. Sustained row answers are **%.1f%%** of the latter, each being \
                a transaction that locks the assessment, reads the row, writes it and an outbox event, behind token \
                validation, JSON and validation, with Gatling, the relay, Kafka and three consumers on the same two cores.
                """.formatted(reference.settings(), reference.oneConnection(), reference.concurrent(), reference.connections(),
                100 * sustainedWrites / reference.concurrent()));
        report.section("writes", "1. REST writes: answering requirement rows", Report.table(writes)
                + "\n![writes](benchmarks/writes.png)");
        report.section("reads", "2. REST reads: an assessment with its derived results", Report.table(reads)
                + "\n![reads](benchmarks/reads.png)");
        report.section("peer", "2a. Side by side: a plain-CRUD peer", """
                The same requests at the same rates, in the same run, to `bench/peer`: a plain Quarkus REST + Hibernate \
                ORM + PostgreSQL service over the same shape (an assessment, its phase states, its answered rows), \
                verifying the same Keycloak tokens, with no events, audit, rules or token cache. Its write loads the \
                assessment and the row and flushes the change; its read fetches the assessment with its phase states \
                and counts its answers.

                """ + SideBySide.summary(List.of(sideBySide)) + "\n" + Report.table(sideBySide.peerWrites()) + "\n"
                + Report.table(sideBySide.peerReads()));
        report.section("revalidations", "2b. REST reads by a client that revalidates", """
                The same reads, each quoting in If-None-Match the ETag its client kept from its last read (a 200 or a \
                304 counts as OK). Nothing is written meanwhile, so each is answered 304 from the assessment's two \
                versions, without building the view.

                """ + Report.table(revalidations));
        report.section("propagation", "3. Event propagation", Report.table(List.of(propagation.write(), propagation.toAudit(),
                propagation.toApproval())));
        report.section("gate", "3b. The go-live gate", Report.table(List.of(gate.toPublished(), gate.toAudit())));
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
                %,d entries, read from audit-service's database as stored (the bytes each hash is over) in batches of \
                20,000, each read and then checked by `Verification.Chain` (every hash recomputed over the stored bytes, \
                every link, the signed Merkle root), so that each is timed alone: \
                **%.1f s** in all, of which checking **%.2f s** (**%,.0f entries/s**), intact: %s. The service's own `GET /api/v1/audit/verify` over the whole log: **%.1f s**, \
                intact: %s. Inclusion proofs over HTTP at that size: p50 %.1f ms, p99 %.1f ms, %d errors.

                """.formatted(chain.entries(), chain.totalSeconds(), chain.checkSeconds(), chain.entries() / chain.checkSeconds(),
                chain.intact(), chain.serviceSeconds(), chain.serviceIntact(), chain.proofs().p50(), chain.proofs().p99(),
                chain.proofs().errors()));
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

    private static String startupTable(StartupMemory.Result startup, StartupMemory.MemorySampler memory) {
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
