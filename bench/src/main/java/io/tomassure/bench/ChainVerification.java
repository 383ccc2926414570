package io.tomassure.bench;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import io.restassured.path.json.JsonPath;
import io.tomassure.audit.repository.AuditStore;
import io.tomassure.auditlog.AuditEntry;
import io.tomassure.auditlog.Checkpoint;
import io.tomassure.auditlog.Keys;
import io.tomassure.auditlog.Verification;
import io.tomassure.stack.DemoUser;
import io.tomassure.stack.TomService;

/**
 * The whole audit log verified, as it stands after growth: a fresh signed checkpoint, then every entry read from
 * audit-service's database as stored, a batch at a time, and checked by the verifier the service and the offline tool
 * use (hashes, links, the signed Merkle root). Reading and checking take turns, so each is timed alone and the
 * checking has both cores; the service's own /verify, which overlaps them, is timed as a whole. Then inclusion proofs
 * from its API.
 */
final class ChainVerification {
    private static final int BATCH = 20_000;
    private static final int WARM_UP_ROUND = 1_000;
    private static final int WARM_UP_ROUNDS = 20;
    /** The JIT compilers' CPU per proof, in ms, under which the proof path counts as compiled. */
    private static final double COMPILING_MS = 0.05;
    /** The processes split by kind of thread in a proof's profile: the service and the client. */
    private static final Set<String> PROOF_PATH = Set.of(TomService.AUDIT.module(), CpuUse.LOAD_GENERATOR);

    /**
     * {@code totalSeconds}: reading and checking, in turn; {@code checkSeconds}: the checking alone;
     * {@code warmUpProofs}: the unmeasured proofs before the measured ones; {@code proofTime}: each part's time on a
     * core and waiting for one, per measured proof ({@link RunQueue}).
     */
    record Result(long entries, double totalSeconds, double checkSeconds, boolean intact, double serviceSeconds,
            boolean serviceIntact, int warmUpProofs, Stats proofs, Map<String, RunQueue.Time> proofTime) {
    }

    static Result measure(Bench bench, int proofs) throws Exception {
        JsonPath checkpointJson = bench.as(DemoUser.AUDITOR, TomService.AUDIT).post("/api/v1/audit/checkpoints").then()
                .statusCode(200).extract().jsonPath();
        Checkpoint checkpoint = new Checkpoint(checkpointJson.getLong("treeSize"), checkpointJson.getString("rootHash"),
                checkpointJson.getString("sealedAt"), checkpointJson.getString("signature"));
        String publicKey = bench.as(DemoUser.AUDITOR, TomService.AUDIT).accept("application/x-pem-file")
                .get("/api/v1/audit/public-key").then().statusCode(200).extract().asString();

        var dataSource = bench.dataSource(TomService.AUDIT);
        dataSource.setPrepareThreshold(-1); // binary results from the first batch on, as a pooled service connection gets them
        AuditStore store = new AuditStore(dataSource);
        Verification.Chain chain = new Verification.Chain(checkpoint, Keys.publicKey(publicKey));
        long checking = 0;
        long t0 = System.nanoTime();
        for (long from = 1; from <= checkpoint.treeSize(); from += BATCH) { // read, then checked: each timed alone
            List<AuditEntry.Stored> batch = store.stored(from, Math.min(checkpoint.treeSize(), from + BATCH - 1));
            long t1 = System.nanoTime();
            chain.addStored(batch);
            checking += System.nanoTime() - t1;
        }
        double total = (System.nanoTime() - t0) / 1e9;
        Verification.Report report = chain.finish();
        bench.log("  verified %,d entries: %.1f s in all, checking %.2f s (%,.0f entries/s), %s".formatted(report.entries(),
                total, checking / 1e9, report.entries() / (checking / 1e9), report.problems()));

        long started = System.nanoTime();
        JsonPath service = bench.as(DemoUser.AUDITOR, TomService.AUDIT).get("/api/v1/audit/verify").then().statusCode(200)
                .extract().jsonPath();
        double serviceSeconds = (System.nanoTime() - started) / 1e9;
        bench.log("  the service's /verify: %.1f s, problems %s".formatted(serviceSeconds, service.getList("problems")));

        Random random = new Random(9);
        int warmUp = warmUp(bench, checkpoint.treeSize(), random);
        double[] latencies = new double[proofs];
        long errors = 0;
        RunQueue scheduling = RunQueue.start(bench, PROOF_PATH);
        long proving = System.nanoTime();
        for (int i = 0; i < proofs; i++) {
            long start = System.nanoTime();
            int status = proveOne(bench, checkpoint.treeSize(), random);
            latencies[i] = (System.nanoTime() - start) / 1e6;
            errors += status == 200 ? 0 : 1;
        }
        Stats proofStats = Stats.of("inclusion proof over HTTP", 0, latencies, errors,
                (System.nanoTime() - proving) / 1e9);
        Map<String, RunQueue.Time> perProof = scheduling.stop(proofs);
        bench.log("  proofs, after %,d unmeasured: p50 %.1f ms, p99 %.1f ms; per proof, on a core / waiting for one: %s".formatted(
                warmUp, proofStats.p50(), proofStats.p99(), perProof.entrySet().stream().limit(8).map(e -> "%s %.2f / %.2f ms"
                        .formatted(e.getKey(), e.getValue().cpuMs(), e.getValue().waitMs())).collect(Collectors.joining(", "))));
        return new Result(report.entries(), total, checking / 1e9, report.intact(), serviceSeconds,
                service.getList("problems").isEmpty(), warmUp, proofStats, perProof);
    }

    /**
     * Unmeasured proofs, a round at a time, until the JIT compilers of audit-service and of this client spend under
     * {@link #COMPILING_MS} a proof: the proof path compiled, as in a service that has been serving proofs. A fixed
     * count was not enough: after 2,000, the compilers still took 1.1 ms of CPU a proof, on the cores the proofs need.
     * At most {@link #WARM_UP_ROUNDS} rounds. Returns the proofs made.
     */
    private static int warmUp(Bench bench, long treeSize, Random random) throws Exception {
        int made = 0;
        for (int round = 1; round <= WARM_UP_ROUNDS; round++) {
            RunQueue scheduling = RunQueue.start(bench, PROOF_PATH);
            for (int i = 0; i < WARM_UP_ROUND; i++) {
                proveOne(bench, treeSize, random);
            }
            made += WARM_UP_ROUND;
            double compiling = scheduling.stop(WARM_UP_ROUND).entrySet().stream()
                    .filter(e -> e.getKey().contains("CompilerThre")).mapToDouble(e -> e.getValue().cpuMs()).sum();
            if (compiling < COMPILING_MS) {
                break;
            }
        }
        return made;
    }

    /** One inclusion proof of a random entry, over HTTP as the auditor; its status. */
    private static int proveOne(Bench bench, long treeSize, Random random) throws Exception {
        long seq = 1 + (long) (random.nextDouble() * treeSize);
        return bench.get(DemoUser.AUDITOR, TomService.AUDIT, "/api/v1/audit/entries/" + seq + "/proof").statusCode();
    }

    /** The figures of repeated runs over the same log: medians and ranges. */
    record Figures(long entries, Spread checked, Spread readAndChecked, Spread serviceSeconds, Spread proofP50,
            Spread proofP99, boolean intact, List<Map<String, RunQueue.Time>> proofTimes) {

        static Figures of(List<Result> runs) {
            return new Figures(runs.get(0).entries(), Spread.over(runs, r -> r.entries() / r.checkSeconds()),
                    Spread.over(runs, r -> r.entries() / r.totalSeconds()), Spread.over(runs, Result::serviceSeconds),
                    Spread.over(runs, r -> r.proofs().p50()), Spread.over(runs, r -> r.proofs().p99()),
                    runs.stream().allMatch(r -> r.intact() && r.serviceIntact()),
                    runs.stream().map(Result::proofTime).toList());
        }

        String table() {
            return """
                    | figure (%,d entries) | median (range) |
                    |---|---|
                    | entries checked per second | %s |
                    | entries read from the database and checked, in turn, per second | %s |
                    | the service's own /verify, seconds | %s |
                    | inclusion proof over HTTP, p50 ms | %s |
                    | inclusion proof over HTTP, p99 ms | %s |
                    | intact, every run | %s |
                    """.formatted(entries, checked.describe("%,.0f"), readAndChecked.describe("%,.0f"),
                    serviceSeconds.describe("%.1f"), proofP50.describe("%.1f"), proofP99.describe("%.1f"), intact)
                    + "\nWhere each proof's time went, by process (audit-service and the client by kind of thread), from "
                    + "each thread's scheduler statistics: ms on a core / ms ready but waiting for one, per proof.\n\n"
                    + timeTable(proofTimes);
        }
    }

    /** One row a part, one column a run; parts under 0.01 ms in every run left out. */
    static String timeTable(List<Map<String, RunQueue.Time>> runs) {
        Set<String> parts = new LinkedHashSet<>();
        runs.forEach(run -> run.forEach((part, time) -> {
            if (time.cpuMs() >= 0.01 || time.waitMs() >= 0.01) {
                parts.add(part);
            }
        }));
        StringBuilder md = new StringBuilder("| part |");
        for (int run = 1; run <= runs.size(); run++) {
            md.append(" run %d |".formatted(run));
        }
        md.append("\n|---|").append("---|".repeat(runs.size())).append('\n');
        for (String part : parts) {
            md.append("| ").append(part).append(" |");
            runs.forEach(run -> {
                RunQueue.Time time = run.getOrDefault(part, new RunQueue.Time(0, 0));
                md.append(" %.2f / %.2f |".formatted(time.cpuMs(), time.waitMs()));
            });
            md.append('\n');
        }
        return md.toString();
    }

    private ChainVerification() {
    }

}
