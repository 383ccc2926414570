package io.tomassure.support.security;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.runtime.OidcIdentityProvider;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Remembers the identity of each bearer token once quarkus-oidc has verified it, until the token expires and for
 * at most {@link #MAX_AGE}. A supplier system calls with the same token for minutes; without this, every one of its
 * requests pays again for parsing the token, checking its signature and building the identity (about a fifth of a
 * service's CPU under load, by profile).
 * <p>
 * It sits in front of quarkus-oidc's own provider, which still verifies every token not remembered. Only identities
 * are remembered, never refusals, and only for the exact token string verified. What belongs to the request that
 * first carried the token (its routing and authentication contexts) is replaced by the current request's.
 * Roles mapping and other augmentors run on every request, as before. Hits and misses are metered as
 * {@code cache_gets_total{cache="verified-tokens"}}.
 */
@ApplicationScoped
public class VerifiedTokens implements IdentityProvider<TokenAuthenticationRequest> {

    /** The longest a verified token is trusted without being checked again (for example against rotated keys). */
    static final Duration MAX_AGE = Duration.ofMinutes(1);

    private final OidcIdentityProvider oidc;
    private final Cache<String, SecurityIdentity> identities;

    VerifiedTokens(OidcIdentityProvider oidc,
            @ConfigProperty(name = "tom.security.verified-token-cache-size", defaultValue = "1000") int size,
            MeterRegistry meters) {
        this.oidc = oidc;
        this.identities = size <= 0 ? null
                : CaffeineCacheMetrics.monitor(meters, Caffeine.newBuilder().maximumSize(size).recordStats()
                        .expireAfter(Expiry.creating((String token, SecurityIdentity identity) -> trustedFor(identity)))
                        .build(), "verified-tokens");
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Before quarkus-oidc's provider, which the manager would otherwise ask first. */
    @Override
    public int priority() {
        return oidc.priority() + 1;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (identities == null || !(request.getToken() instanceof AccessTokenCredential)) {
            return oidc.authenticate(request, context);
        }
        String token = request.getToken().getToken();
        SecurityIdentity known = identities.getIfPresent(token);
        if (known != null) {
            return Uni.createFrom().item(forRequest(known, request, context));
        }
        return oidc.authenticate(request, context).invoke(identity -> {
            if (identity != null && !trustedFor(identity).isZero()) {
                identities.put(token, identity);
            }
        });
    }

    private Duration trustedFor(SecurityIdentity identity) {
        return identity.getPrincipal() instanceof JsonWebToken jwt
                ? trustedFor(jwt.getExpirationTime(), Instant.now())
                : Duration.ZERO;
    }

    /** Until the token's expiry (seconds since the epoch, 0 when absent), capped at {@link #MAX_AGE}; never negative. */
    static Duration trustedFor(long expiresAtEpochSecond, Instant now) {
        if (expiresAtEpochSecond <= 0) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, Instant.ofEpochSecond(expiresAtEpochSecond));
        return left.isNegative() ? Duration.ZERO : left.compareTo(MAX_AGE) > 0 ? MAX_AGE : left;
    }

    private static SecurityIdentity forRequest(SecurityIdentity known, TokenAuthenticationRequest request,
            AuthenticationRequestContext context) {
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder(known)
                .addAttribute(AuthenticationRequestContext.class.getName(), context);
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (routing != null) {
            identity.addAttribute(RoutingContext.class.getName(), routing);
        }
        return identity.build();
    }
}
