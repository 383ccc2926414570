package io.tomassure.support.rest;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.tomassure.support.config.SupportConfig;
import io.tomassure.support.problem.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses API requests with 503 and {@code Retry-After} while too many are in progress. An overloaded service would
 * otherwise hold every waiting request in memory (one grew past 500 MB, its queue seconds long) and answer them all
 * too late; refused at once, a client can back off and retry. Operations endpoints ({@code /q/...}) are never refused,
 * so health checks still see an overloaded service as alive.
 */
@ApplicationScoped
public class LoadShedding {

    /** Runs before authentication and the REST layer: a refusal costs almost nothing. */
    private static final int PRIORITY = 1_000;

    private final AtomicInteger inProgress = new AtomicInteger();
    private final int limit;
    private final String refusal;

    LoadShedding(SupportConfig config, ObjectMapper json) throws JsonProcessingException {
        this.limit = config.http().maxRequestsInProgress();
        this.refusal = json.writeValueAsString(Problem.of(503, "overloaded", "Service overloaded",
                "Too many requests are in progress; retry after the delay in Retry-After"));
    }

    void register(@Observes Filters filters) {
        filters.register(this::admit, PRIORITY);
    }

    void admit(RoutingContext request) {
        if (request.normalizedPath().startsWith("/q/")) {
            request.next();
            return;
        }
        if (!admitted(inProgress.incrementAndGet(), limit)) {
            inProgress.decrementAndGet();
            request.response().setStatusCode(503)
                    .putHeader("Retry-After", "1")
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(refusal);
            return;
        }
        request.addEndHandler(ended -> inProgress.decrementAndGet()); // also when the client goes away
        request.next();
    }

    /** Whether the request that brings the count in progress to {@code inProgress} may proceed. */
    static boolean admitted(int inProgress, int limit) {
        return limit <= 0 || inProgress <= limit;
    }
}
