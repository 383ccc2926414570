package io.tomassure.support.security;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.runtime.OidcIdentityProvider;
import io.quarkus.oidc.runtime.OidcUtils;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.tomassure.support.config.SupportConfig;
import io.tomassure.support.time.TimeSource;
import io.vertx.ext.web.RoutingContext;

/**
 * Remembers the identity of each bearer token once quarkus-oidc has verified it, until the token expires and for
 * at most {@link #MAX_AGE}. A supplier system calls with the same token for minutes; without this, every one of its
 * requests pays again for parsing the token, checking its signature and building the identity (about a fifth of a
 * service's CPU under load, by profile).
 * <p>
 * The manager asks identity providers highest priority first, and this one sits just above quarkus-oidc's, which
 * still verifies every token not remembered. Only identities are remembered, never refusals, and only for the exact
 * token string and OIDC tenant verified. The identity is stored without the request that first carried the token;
 * each request gets it with its own routing context. Roles mapping still applies on every request.
 * <p>
 * It assumes plain bearer tokens, whose checks depend on the token alone. With DPoP or certificate-bound tokens it
 * stands aside; step-up authentication ({@code @AuthenticationContext}) would need the same before it is used.
 */
@ApplicationScoped
public class VerifiedTokens implements IdentityProvider<TokenAuthenticationRequest> {

    /** The longest a token skips quarkus-oidc's checks once they have passed. */
    static final Duration MAX_AGE = Duration.ofMinutes(1);

    /**
     * The identity attribute that holds the caller's organisation ({@link Caller#organisationOf}), read once when the
     * token is remembered: smallrye-jwt looks a claim outside the standard ones up by {@code Claims.valueOf}, which
     * throws and catches an exception each time (7.5 % of assessment-service's allocation under write load).
     */
    static final String ORGANISATION = VerifiedTokens.class.getName() + ".organisation";

    private static final Logger LOG = Logger.getLogger(VerifiedTokens.class);
    private static final String ROUTING_CONTEXT = RoutingContext.class.getName();

    private final OidcIdentityProvider oidc;
    private final TimeSource time;
    private final Cache<String, SecurityIdentity> identities;

    VerifiedTokens(OidcIdentityProvider oidc, MeterRegistry meters, TimeSource time, SupportConfig config,
            // quarkus-oidc's own settings: its configuration is Quarkus's to map, not ours
            @ConfigProperty(name = "quarkus.oidc.token.authorization-scheme", defaultValue = "Bearer") String scheme,
            @ConfigProperty(name = "quarkus.oidc.token.binding.certificate", defaultValue = "false") boolean bound) {
        this.oidc = oidc;
        this.time = time;
        int size = config.security().verifiedTokenCacheSize();
        boolean plainBearer = "Bearer".equalsIgnoreCase(scheme) && !bound;
        if (size > 0 && !plainBearer) {
            LOG.warn("verified tokens are not remembered: DPoP and certificate-bound tokens are checked on each request");
        }
        this.identities = size <= 0 || !plainBearer ? null
                : CaffeineCacheMetrics.monitor(meters, Caffeine.newBuilder().maximumSize(size).recordStats()
                        .expireAfter(Expiry.creating((String key, SecurityIdentity identity) -> trustedFor(identity)))
                        .build(), "verified-tokens");
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        return oidc.priority() + 1;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (identities == null || routing == null || !(request.getToken() instanceof AccessTokenCredential)) {
            return Uni.createFrom().nullItem(); // the next provider, quarkus-oidc's, verifies it
        }
        String key = routing.get(OidcUtils.TENANT_ID_ATTRIBUTE) + " " + request.getToken().getToken();
        SecurityIdentity known = identities.getIfPresent(key);
        if (known != null) {
            return Uni.createFrom().item(QuarkusSecurityIdentity.builder(known).addAttribute(ROUTING_CONTEXT, routing).build());
        }
        return oidc.authenticate(request, context).invoke(identity -> {
            if (identity != null) {
                identities.put(key, withoutRequest(identity)); // expires at once if it may not be trusted (trustedFor)
            }
        });
    }

    private Duration trustedFor(SecurityIdentity identity) {
        return identity.getPrincipal() instanceof JsonWebToken jwt
                ? trustedFor(jwt.getExpirationTime(), time.now())
                : Duration.ZERO;
    }

    /** Until the token's expiry (seconds since the epoch, 0 when absent), capped at {@link #MAX_AGE}; never negative. */
    static Duration trustedFor(long expiresAtEpochSecond, Instant now) {
        long left = expiresAtEpochSecond - now.getEpochSecond();
        return expiresAtEpochSecond <= 0 || left <= 0 ? Duration.ZERO
                : Duration.ofSeconds(Math.min(left, MAX_AGE.toSeconds()));
    }

    /**
     * A copy holding nothing of the request that carried the token, which would otherwise stay reachable, and with the
     * caller's organisation ({@link #ORGANISATION}).
     */
    private static SecurityIdentity withoutRequest(SecurityIdentity identity) {
        Map<String, Object> attributes = new HashMap<>(identity.getAttributes());
        attributes.remove(ROUTING_CONTEXT);
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            attributes.put(ORGANISATION, Caller.organisationOf(jwt));
        }
        QuarkusSecurityIdentity.Builder copy = QuarkusSecurityIdentity.builder().setPrincipal(identity.getPrincipal())
                .setAnonymous(identity.isAnonymous()).addRoles(identity.getRoles())
                .addCredentials(identity.getCredentials()).addAttributes(attributes);
        if (identity instanceof QuarkusSecurityIdentity quarkus) {
            copy.addPermissions(quarkus.getPermissions());
        }
        return copy.build();
    }
}
