package io.tomassure.e2e;

import static io.tomassure.stack.TomService.ASSESSMENT;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.RestAssured;
import io.tomassure.stack.DemoUser;
import io.tomassure.stack.TomService;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tokens the services must refuse, with real Keycloak tokens as the starting point. */
@ExtendWith(E2eStack.class)
class TokenTest {
    private static final String SHORT_LIVED = "e2e-short-lived";
    private static final String NO_AUDIENCE = "e2e-no-audience";

    @Test
    void aValidTokenIsTakenForItsUserRoleAndOrganisation() {
        for (TomService service : TomService.values()) {
            Api.as(DemoUser.EUO_NORTH, service).get("/api/v1/me").then().statusCode(200)
                    .body("username", equalTo(DemoUser.EUO_NORTH.username()))
                    .body("organisation", equalTo(DemoUser.EUO_NORTH.org()))
                    .body("roles", org.hamcrest.Matchers.hasItem("euo"));
        }
    }

    @Test
    void aTamperedTokenIsRefused() {
        String[] parts = Api.tokens().user(DemoUser.EUO_SOUTH.username()).split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(DemoUser.EUO_SOUTH.org(), DemoUser.EUO_NORTH.org());
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        refused(forged);
        refused(parts[0] + "." + parts[1] + ".");
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        refused(none + "." + parts[1] + ".");
    }

    @Test
    void anExpiredTokenIsRefused() throws InterruptedException {
        String admin = Api.tokens().adminOfMasterRealm();
        // A client of the realm whose access tokens live five seconds: created for this test through the admin API.
        RestAssured.given().baseUri(Api.config().keycloakUrl()).auth().oauth2(admin).contentType("application/json")
                .body(Map.of("clientId", SHORT_LIVED, "publicClient", true,
                        "directAccessGrantsEnabled", true, "standardFlowEnabled", false,
                        "attributes", Map.of("access.token.lifespan", "5"),
                        "protocolMappers", List.of(Map.of("name", "audience", "protocol", "openid-connect",
                                "protocolMapper", "oidc-audience-mapper", "config", Map.of(
                                        "included.client.audience", "assessment-service", "access.token.claim", "true")))))
                .post("/admin/realms/tom/clients").then().statusCode(201);
        String token = Api.tokens().password(SHORT_LIVED, DemoUser.SUPPLIER.username(), io.tomassure.stack.Tokens.DEMO_PASSWORD);
        Api.withToken(token, ASSESSMENT).get("/api/v1/me").then().statusCode(200)
                .body("username", equalTo(DemoUser.SUPPLIER.username()));
        Thread.sleep(6500);
        refused(token);
    }

    @Test
    void aTokenFromAClientThatMayNotCallTheServicesIsRefused() {
        // A client of the realm without the services' audience mappers, as any other application in the realm would be.
        RestAssured.given().baseUri(Api.config().keycloakUrl()).auth().oauth2(Api.tokens().adminOfMasterRealm())
                .contentType("application/json")
                .body(Map.of("clientId", NO_AUDIENCE, "publicClient", true, "directAccessGrantsEnabled", true,
                        "standardFlowEnabled", false))
                .post("/admin/realms/tom/clients").then().statusCode(201);
        String token = Api.tokens().password(NO_AUDIENCE, DemoUser.SUPPLIER.username(), io.tomassure.stack.Tokens.DEMO_PASSWORD);
        for (TomService service : TomService.values()) {
            Api.withToken(token, service).get("/api/v1/me").then().statusCode(401);
        }
        refused(token);
    }

    @Test
    void anIdTokenIsNotAnAccessToken() {
        String idToken = Api.tokens().idToken(DemoUser.SUPPLIER.username());
        for (TomService service : TomService.values()) {
            Api.withToken(idToken, service).get("/api/v1/me").then().statusCode(401);
        }
    }

    @Test
    void aTokenFromAnotherRealmIsRefused() {
        refused(Api.tokens().adminOfMasterRealm());
    }

    private static void refused(String token) {
        Api.withToken(token, ASSESSMENT).get("/api/v1/me").then().statusCode(401);
        Api.withToken(token, ASSESSMENT).get("/api/v1/products").then().statusCode(401);
    }
}
