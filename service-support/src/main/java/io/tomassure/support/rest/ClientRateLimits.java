package io.tomassure.support.rest;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tomassure.support.config.SupportConfig;
import io.tomassure.support.problem.Problem;

/**
 * Each caller (a user or a client's service account, by the verified token's subject) has its own request rate: a
 * token bucket that holds a burst and refills at a steady rate. Beside the service-wide shedding of
 * {@link LoadShedding}, which protects the service, this protects the other callers from one that floods it: past its
 * rate a caller gets 429 with the seconds to wait in {@code Retry-After}, and everyone else is served as before.
 * Buckets live in this instance's memory, so behind N instances a caller may reach N times the rate.
 */
@ApplicationScoped
public class ClientRateLimits {

    private final CurrentIdentityAssociation identities;
    private final long perSecond;
    private final long burst;
    private final Cache<String, Bucket> buckets;

    ClientRateLimits(CurrentIdentityAssociation identities, SupportConfig config) {
        this.identities = identities;
        this.perSecond = config.http().rateLimit().perSecond();
        this.burst = Math.max(config.http().rateLimit().burst(), perSecond);
        // A bucket left alone for a minute has refilled anyway: forgetting it changes nothing.
        this.buckets = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(1)).build();
    }

    @ServerRequestFilter
    public Uni<Response> limit() {
        if (perSecond <= 0) {
            return Uni.createFrom().nullItem();
        }
        return identities.getDeferredIdentity().map(this::refusal);
    }

    /** 429 for a caller past its rate; null (go on) for anyone else, and for requests without a verified token. */
    Response refusal(SecurityIdentity identity) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token) || token.getSubject() == null) {
            return null;
        }
        ConsumptionProbe probe = buckets.get(token.getSubject(), subject -> Bucket.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1))).build())
                .tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return null;
        }
        long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        return Response.status(429).type(Problem.MEDIA_TYPE).header("Retry-After", Long.toString(seconds))
                .entity(Problem.of(429, "rate-limited", "Too many requests", "You have made more than " + perSecond
                        + " requests a second (bursts of " + burst + "); retry after the delay in Retry-After")).build();
    }
}
