package io.tomassure.bench;

import java.util.List;
import java.util.Random;

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
    /** {@code totalSeconds}: reading and checking, in turn; {@code checkSeconds}: the checking alone. */
    record Result(long entries, double totalSeconds, double checkSeconds, boolean intact, double serviceSeconds,
            boolean serviceIntact, Stats proofs) {
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
        for (int i = 0; i < proofs; i++) { // unmeasured: the proof path compiled, as in a service that has been running
            bench.get(DemoUser.AUDITOR, TomService.AUDIT, "/api/v1/audit/entries/"
                    + (1 + (long) (random.nextDouble() * checkpoint.treeSize())) + "/proof");
        }
        double[] latencies = new double[proofs];
        long errors = 0;
        long proving = System.nanoTime();
        for (int i = 0; i < proofs; i++) {
            long seq = 1 + (long) (random.nextDouble() * checkpoint.treeSize());
            long start = System.nanoTime();
            int status = bench.get(DemoUser.AUDITOR, TomService.AUDIT, "/api/v1/audit/entries/" + seq + "/proof").statusCode();
            latencies[i] = (System.nanoTime() - start) / 1e6;
            errors += status == 200 ? 0 : 1;
        }
        Stats proofStats = Stats.of("inclusion proof over HTTP", 0, latencies, errors,
                (System.nanoTime() - proving) / 1e9);
        return new Result(report.entries(), total, checking / 1e9, report.intact(), serviceSeconds,
                service.getList("problems").isEmpty(), proofStats);
    }

    /** The figures of repeated runs over the same log: medians and ranges. */
    static String summary(List<Result> runs) {
        Spread checked = Spread.of(runs.stream().mapToDouble(r -> r.entries() / r.checkSeconds()).toArray());
        Spread readAndChecked = Spread.of(runs.stream().mapToDouble(r -> r.entries() / r.totalSeconds()).toArray());
        Spread service = Spread.of(runs.stream().mapToDouble(Result::serviceSeconds).toArray());
        Spread p50 = Spread.of(runs.stream().mapToDouble(r -> r.proofs().p50()).toArray());
        Spread p99 = Spread.of(runs.stream().mapToDouble(r -> r.proofs().p99()).toArray());
        return """
                | figure (%,d entries) | median (range) |
                |---|---|
                | entries checked per second | %s |
                | entries read from the database and checked, in turn, per second | %s |
                | the service's own /verify, seconds | %s |
                | inclusion proof over HTTP, p50 ms | %s |
                | inclusion proof over HTTP, p99 ms | %s |
                | intact, every run | %s |
                """.formatted(runs.get(0).entries(), checked.describe("%,.0f"), readAndChecked.describe("%,.0f"),
                service.describe("%.1f"), p50.describe("%.1f"), p99.describe("%.1f"),
                runs.stream().allMatch(r -> r.intact() && r.serviceIntact()));
    }

    private ChainVerification() {
    }

}
