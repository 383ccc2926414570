package io.tomassure.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.tomassure.stack.DemoUser;
import io.tomassure.stack.StackConfig;
import io.tomassure.stack.TomService;
import io.tomassure.stack.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Requests to one service as one caller, with a real token from the stack's Keycloak. */
final class Api {
    /** Tokens live five minutes in the realm; a minute of reuse saves a round trip per call. */
    private static final Duration REUSE = Duration.ofMinutes(1);
    private static final Map<String, Map.Entry<String, Instant>> TOKENS = new ConcurrentHashMap<>();

    private Api() {
    }

    static RequestSpecification as(DemoUser user, TomService service) {
        return withToken(token(user.username(), () -> tokens().user(user.username())), service);
    }

    /** The supplier's back-end system: the client-credentials grant, its organisation from its service account. */
    static RequestSpecification supplierSystem(TomService service) {
        return withToken(token(Tokens.SUPPLIER_SYSTEM_CLIENT,
                () -> tokens().clientCredentials(Tokens.SUPPLIER_SYSTEM_CLIENT, Tokens.SUPPLIER_SYSTEM_SECRET)), service);
    }

    static RequestSpecification withToken(String token, TomService service) {
        return given().baseUri(config().serviceUrl(service)).auth().oauth2(token).contentType(ContentType.JSON);
    }

    static StackConfig config() {
        return E2eStack.stack().config();
    }

    static Tokens tokens() {
        return new Tokens(config().issuer());
    }

    private static String token(String key, java.util.function.Supplier<String> fetch) {
        Map.Entry<String, Instant> cached = TOKENS.compute(key, (k, old) ->
                old != null && old.getValue().plus(REUSE).isAfter(Instant.now()) ? old : Map.entry(fetch.get(), Instant.now()));
        return cached.getKey();
    }
}
