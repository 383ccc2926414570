package io.tomassure.bench;

import java.util.Random;

import io.restassured.path.json.JsonPath;
import io.tomassure.audit.repository.AuditStore;
import io.tomassure.auditlog.Checkpoint;
import io.tomassure.auditlog.Keys;
import io.tomassure.auditlog.Verification;
import io.tomassure.stack.DemoUser;
import io.tomassure.stack.TomService;

/**
 * The whole audit log verified, as it stands after growth: a fresh signed checkpoint, then every entry read from
 * audit-service's database in batches and checked by the verifier the service and the offline tool use (hashes,
 * links, the signed Merkle root), timing the reading and the checking apart; then the service's own /verify, and
 * inclusion proofs from its API.
 */
final class ChainVerification {
    /** {@code totalSeconds}: reading and checking, overlapped; {@code checkSeconds}: the checking alone. */
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

        AuditStore store = new AuditStore(bench.dataSource(TomService.AUDIT));
        Verification.Chain chain = new Verification.Chain(checkpoint, Keys.publicKey(publicKey));
        long[] checking = {0};
        long t0 = System.nanoTime();
        store.scan(1, checkpoint.treeSize(), 20_000, batch -> {
            long t1 = System.nanoTime();
            chain.add(batch);
            checking[0] += System.nanoTime() - t1;
        });
        double total = (System.nanoTime() - t0) / 1e9;
        Verification.Report report = chain.finish();
        bench.log("  verified %,d entries: %.1f s in all, checking %.2f s (%,.0f entries/s), %s".formatted(report.entries(),
                total, checking[0] / 1e9, report.entries() / (checking[0] / 1e9), report.problems()));

        long started = System.nanoTime();
        JsonPath service = bench.as(DemoUser.AUDITOR, TomService.AUDIT).get("/api/v1/audit/verify").then().statusCode(200)
                .extract().jsonPath();
        double serviceSeconds = (System.nanoTime() - started) / 1e9;
        bench.log("  the service's /verify: %.1f s, problems %s".formatted(serviceSeconds, service.getList("problems")));

        Random random = new Random(9);
        for (int i = 0; i < proofs / 5; i++) { // unmeasured: the proof path compiled, as in a running service
            bench.get(DemoUser.AUDITOR, TomService.AUDIT, "/api/v1/audit/entries/" + (1 + random.nextInt(1000)) + "/proof");
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
        return new Result(report.entries(), total, checking[0] / 1e9, report.intact(), serviceSeconds,
                service.getList("problems").isEmpty(), proofStats);
    }

    private ChainVerification() {
    }

}
