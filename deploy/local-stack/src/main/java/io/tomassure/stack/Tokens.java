package io.tomassure.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** Access tokens from the realm's token endpoint, as real clients get them. */
public final class Tokens {
    /** DEMO ONLY: the realm's public client for the password grant, and the demo users' password. */
    public static final String LOCAL_TOOLS_CLIENT = "tom-local-tools";
    public static final String DEMO_PASSWORD = "demo";
    /** DEMO ONLY: the supplier system's client-credentials client (deploy/keycloak/tom-realm.json). */
    public static final String SUPPLIER_SYSTEM_CLIENT = "supplier-system-demo";
    public static final String SUPPLIER_SYSTEM_SECRET = "demo-only-supplier-system-secret";


    private final String issuer;

    public Tokens(String issuer) {
        this.issuer = issuer;
    }

    /** A demo user's token, by the password grant. */
    public String user(String username) {
        return password(username, DEMO_PASSWORD);
    }

    public String password(String username, String password) {
        return password(LOCAL_TOOLS_CLIENT, username, password);
    }

    /** The password grant through a public client of the realm. */
    public String password(String clientId, String username, String password) {
        return token(issuer, Map.of("grant_type", "password", "client_id", clientId, "username", username,
                "password", password, "scope", "openid"));
    }

    /** DEMO ONLY: the local stack's Keycloak administrator, from the master realm. */
    public String adminOfMasterRealm() {
        String master = issuer.substring(0, issuer.lastIndexOf("/realms/")) + "/realms/master";
        return token(master, Map.of("grant_type", "password", "client_id", "admin-cli", "username", Keycloak.ADMIN_USER,
                "password", Keycloak.ADMIN_PASSWORD));
    }

    /** The ID token the password grant also returns (scope openid): it says who signed in, and opens no service. */
    public String idToken(String username) {
        return grant(issuer, Map.of("grant_type", "password", "client_id", LOCAL_TOOLS_CLIENT, "username", username,
                "password", DEMO_PASSWORD, "scope", "openid"), "id_token");
    }

    /** A system's token, by the client-credentials grant. */
    public String clientCredentials(String clientId, String secret) {
        return token(issuer, Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    private static String token(String issuer, Map<String, String> form) {
        return grant(issuer, form, "access_token");
    }

    private static String grant(String issuer, Map<String, String> form, String tokenField) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        try {
            Http.Response response = Http.exchange(request);
            if (response.status() != 200 || !response.json().hasNonNull(tokenField)) {
                throw new IllegalStateException("no token for " + form.get("client_id") + "/" + form.getOrDefault("username", "")
                        + ": HTTP " + response.status() + " " + response.json());
            }
            return response.json().get(tokenField).asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
