package io.tomassure.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.tomassure.stack.DemoUser;
import io.tomassure.stack.ReusedTokens;
import io.tomassure.stack.StackConfig;
import io.tomassure.stack.Tokens;
import io.tomassure.stack.TomService;

/** Requests to one service as one caller, with a real token from the stack's Keycloak. */
final class Api {

    /** Created on first use, once the stack is up. */
    private static final class Reused {
        static final ReusedTokens TOKENS = new ReusedTokens(tokens());
    }

    private Api() {
    }

    static RequestSpecification as(DemoUser user, TomService service) {
        return withToken(Reused.TOKENS.user(user.username()), service);
    }

    /** The supplier's back-end system: the client-credentials grant, its organisation from its service account. */
    static RequestSpecification supplierSystem(TomService service) {
        return withToken(Reused.TOKENS.supplierSystem(), service);
    }

    /** As {@code user}, to one instance of a scaled-out service, past the entry point. */
    static RequestSpecification onInstance(DemoUser user, TomService service, int instance) {
        return given().baseUri("http://localhost:" + config().instancePort(service, instance))
                .auth().oauth2(Reused.TOKENS.user(user.username())).contentType(ContentType.JSON);
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
}
