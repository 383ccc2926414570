package io.tomassure.assessment.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tomassure.testing.TestDatabase;
import io.tomassure.testing.TomTestEnvironment;

/** One caller cannot take what the others need: its own request rate, and no connection while it waits to parse. */
@QuarkusTest
@TestProfile(CallerLimitsTest.Constrained.class)
@WithTestResource(TomTestEnvironment.class)
class CallerLimitsTest {

    /** A low rate per caller; no workbook parse permit at all, so that an import always waits (2 s), then gives up. */
    public static class Constrained implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tom.http.rate-limit.per-second", "5", "tom.http.rate-limit.burst", "20",
                    "tom.assessment.workbook.concurrent-parses", "0", "tom.assessment.workbook.parse-wait", "2s");
        }
    }

    @Test
    void aCallerPastItsRateGets429WithRetryAfterWhileOthersAreServed() {
        String flooder = Tom.code("S");
        int served = 0;
        io.restassured.response.Response refused = null;
        long start = System.nanoTime();
        while (refused == null && served < 100) {
            var response = Tom.as("flood", flooder, "supplier").get("/api/v1/me");
            if (response.statusCode() == 429) {
                refused = response;
            } else {
                assertThat(response.statusCode()).isEqualTo(200);
                served++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(refused).as("refused past the burst and the rate").isNotNull();
        assertThat(served).isBetween(20, 20 + (int) Math.ceil(seconds * 5) + 1);
        refused.then().contentType("application/problem+json").body("type", equalTo("urn:tomassure:problem:rate-limited"))
                .header("Retry-After", equalTo("1"));
        Tom.as("calm", Tom.code("S"), "supplier").get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void anImportWaitingForAParsePermitHoldsNoTransactionOrConnection() throws Exception {
        Tom tom = new Tom().setUp();
        CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> tom.supplierUser()
                .contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").body(new byte[] { 'P', 'K' })
                .post("/api/v1/assessments/" + tom.assessmentId + "/workbook").then().extract().statusCode());
        Thread.sleep(1_000); // well into its 2 s wait
        assertThat(inTransaction()).as("connections held in a transaction while the import waits").isZero();
        assertThat(waiting.get()).isEqualTo(503);
    }

    private static long inTransaction() throws Exception {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select count(*) from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
