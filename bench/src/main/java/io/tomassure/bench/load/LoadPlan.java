package io.tomassure.bench.load;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;

/**
 * One open-model load: {@code rate} new requests a second for {@code duration}, whatever the responses do (so a slow
 * response cannot hold back the next request and hide its own cost). Each request takes its {@code path} (and, for
 * a PUT, its {@code body}; for a revalidation, its {@code etag}) from the feeder. Gatling builds {@link PlannedLoad}
 * by name, so the plan is handed over here.
 */
public record LoadPlan(String name, String baseUrl, String token, String method, double rate, Duration duration,
        Iterator<Map<String, Object>> feeder) {

    public static final String GET = "GET";
    public static final String PUT = "PUT";
    /** A GET quoting in If-None-Match the ETag the client kept from its last read. */
    public static final String REVALIDATE = "REVALIDATE";

    private static volatile LoadPlan current;

    static LoadPlan current() {
        return current;
    }

    static void set(LoadPlan plan) {
        current = plan;
    }
}
