package io.tomassure.support.security;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/** Who is calling, as the verified access token says: user, organisation (ODS code) and realm roles. */
@RequestScoped
public class Caller {

    /** The token claim that carries the caller's organisation ODS code. */
    public static final String ORGANISATION_CLAIM = "org";

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    Caller(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    public String subject() {
        return token.getSubject();
    }

    public String username() {
        String preferred = token.getClaim("preferred_username");
        return preferred != null ? preferred : identity.getPrincipal().getName();
    }

    /** When the caller's token expires (empty for a token without {@code exp}, which OIDC refuses anyway). */
    public Optional<java.time.Instant> tokenExpiry() {
        long exp = token.getExpirationTime();
        return exp > 0 ? Optional.of(java.time.Instant.ofEpochSecond(exp)) : Optional.empty();
    }

    public Optional<String> organisation() {
        Optional<String> remembered = identity.getAttribute(VerifiedTokens.ORGANISATION);
        return remembered != null ? remembered : organisationOf(token);
    }

    /** The organisation a token names in {@link #ORGANISATION_CLAIM}, if any. */
    static Optional<String> organisationOf(JsonWebToken token) {
        return Optional.ofNullable(token.<Object>getClaim(ORGANISATION_CLAIM)).map(Object::toString);
    }

    /** The caller's TOM roles (the derived {@link Roles#ANY} is not one of them). */
    public Set<String> roles() {
        Set<String> roles = new java.util.TreeSet<>(identity.getRoles());
        roles.remove(Roles.ANY);
        return roles;
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    /** The caller as a pure value for access rules. */
    public Viewer viewer() {
        return new Viewer(organisation().orElse(null), roles());
    }
}
