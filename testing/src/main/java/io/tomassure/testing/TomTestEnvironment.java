package io.tomassure.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The real infrastructure a TOM Assure service runs on, for {@code @QuarkusTest}s: PostgreSQL, Kafka and the
 * token issuer's public key. Put {@code @WithTestResource(TomTestEnvironment.class)} on every test class of a
 * module so they share one application start; the servers themselves start once per test JVM.
 */
public class TomTestEnvironment implements QuarkusTestResourceLifecycleManager {

    /** An address where nothing listens (the discard port, refused on a test machine). */
    private static final String NOBODY = "http://127.0.0.1:9";

    @Override
    public Map<String, String> start() {
        return Map.of(
                "quarkus.datasource.jdbc.url", TestDatabase.jdbcUrl(),
                "quarkus.datasource.username", TestDatabase.user(),
                "quarkus.datasource.password", TestDatabase.password(),
                "kafka.bootstrap.servers", TestKafka.bootstrapServers(),
                // Verify tokens with the test key pair's public half: no identity provider to reach.
                "quarkus.oidc.auth-server-url", "",
                "quarkus.oidc.public-key", TestTokens.publicKey(),
                "quarkus.oidc.token.issuer", TestTokens.ISSUER,
                // No audit-service nor identity provider beside a service under test: reading the log finds nobody.
                "quarkus.oidc-client.auth-server-url", NOBODY,
                "quarkus.rest-client.audit-log.url", NOBODY);
    }

    @Override
    public void stop() {
        // The servers live as long as the JVM (shutdown hooks stop them), so later test classes reuse them.
    }
}
