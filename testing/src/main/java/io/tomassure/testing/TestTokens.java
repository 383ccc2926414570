package io.tomassure.testing;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * RS256 access tokens shaped like the Keycloak realm's: realm roles in {@code realm_access.roles}, the user's
 * organisation (ODS code) in {@code org}, every service in {@code aud} and {@code typ} "Bearer". The key pair is made per test JVM (nothing secret is committed) and
 * its public half is given to {@code quarkus-oidc}, which verifies these tokens through its real code path.
 */
public final class TestTokens {

    public static final String ISSUER = "https://keycloak.test/realms/tom";
    /** The audience the realm's clients get: every service, as the realm's audience mappers put it. */
    public static final List<String> SERVICES = List.of("assessment-service", "approval-service", "audit-service",
            "notification-service");
    private static final KeyPair KEYS = generate();

    private TestTokens() {
    }

    /** The public key, Base64 (X.509 SubjectPublicKeyInfo), as {@code quarkus.oidc.public-key} takes it. */
    public static String publicKey() {
        return Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded());
    }

    /** A token for {@code username} of organisation {@code odsCode} (null for none) holding {@code roles}. */
    public static String token(String username, String odsCode, String... roles) {
        return sign(claims(username, odsCode, roles).expiresIn(Duration.ofMinutes(15)));
    }

    /** A token as above, issued for {@code audience} only (and of {@code typ} "Bearer", as Keycloak's are). */
    public static String tokenFor(List<String> audience, String username, String odsCode, String... roles) {
        return sign(claims(username, odsCode, roles).audience(Set.copyOf(audience)).expiresIn(Duration.ofMinutes(15)));
    }

    /** An ID token for the user, as the realm issues to a client at sign-in: not for calling services. */
    public static String idToken(String username, String odsCode, String... roles) {
        return sign(claims(username, odsCode, roles).audience("tom-approval-ui").claim("typ", "ID")
                .expiresIn(Duration.ofMinutes(15)));
    }

    /** A token that expires {@code lifetime} from now. */
    public static String tokenExpiringIn(Duration lifetime, String username, String odsCode, String... roles) {
        return sign(claims(username, odsCode, roles).expiresIn(lifetime));
    }

    /** A bearer header value. */
    public static String bearer(String username, String odsCode, String... roles) {
        return "Bearer " + token(username, odsCode, roles);
    }

    /** A token that expired an hour ago. */
    public static String expiredToken(String username, String odsCode, String... roles) {
        Instant issued = Instant.now().minus(Duration.ofHours(2));
        return sign(claims(username, odsCode, roles).issuedAt(issued).expiresAt(issued.plus(Duration.ofHours(1))));
    }

    private static JwtClaimsBuilder claims(String username, String odsCode, String... roles) {
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER)
                .subject(UUID.nameUUIDFromBytes(username.getBytes(StandardCharsets.UTF_8)).toString())
                .audience(Set.copyOf(SERVICES))
                .claim("typ", "Bearer")
                .claim("preferred_username", username)
                .claim("realm_access", Map.of("roles", List.of(roles)));
        return odsCode == null ? claims : claims.claim("org", odsCode);
    }

    private static String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId("tom-test").sign(KEYS.getPrivate());
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
