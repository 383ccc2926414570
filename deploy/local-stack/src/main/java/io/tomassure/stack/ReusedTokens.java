package io.tomassure.stack;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The demo callers' tokens, each reused for a minute (they live five in the realm): tools that send many requests
 * (the end-to-end suite, the benchmark harness) save a round trip to Keycloak per request.
 */
public final class ReusedTokens {
    private static final Duration REUSE = Duration.ofMinutes(1);

    private final Tokens tokens;
    private final Map<String, Map.Entry<String, Instant>> issued = new ConcurrentHashMap<>();

    public ReusedTokens(Tokens tokens) {
        this.tokens = tokens;
    }

    /** A demo user's token, by the password grant. */
    public String user(String username) {
        return reuse(username, () -> tokens.user(username));
    }

    /** The supplier's back-end system's token, by the client-credentials grant. */
    public String supplierSystem() {
        return reuse(Tokens.SUPPLIER_SYSTEM_CLIENT,
                () -> tokens.clientCredentials(Tokens.SUPPLIER_SYSTEM_CLIENT, Tokens.SUPPLIER_SYSTEM_SECRET));
    }

    private String reuse(String key, Supplier<String> fetch) {
        return issued.compute(key, (k, old) -> old != null && old.getValue().plus(REUSE).isAfter(Instant.now()) ? old
                : Map.entry(fetch.get(), Instant.now())).getKey();
    }
}
