package io.tomassure.bench.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

/**
 * The one Gatling simulation: the current {@link LoadPlan}, as a supplier system would send it (one bearer token,
 * a shared connection pool). Only a 200 counts as OK, or a 304 for a revalidation (a GET quoting the ETag the client
 * kept in If-None-Match).
 */
public class PlannedLoad extends Simulation {
    {
        LoadPlan plan = LoadPlan.current();
        HttpProtocolBuilder protocol = http.baseUrl(plan.baseUrl())
                .authorizationHeader("Bearer " + plan.token())
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .shareConnections();
        HttpRequestActionBuilder request = switch (plan.method()) {
            case LoadPlan.PUT -> http(plan.name()).put("#{path}").header("If-Match", "*").body(StringBody("#{body}"))
                    .check(status().is(200));
            case LoadPlan.REVALIDATE -> http(plan.name()).get("#{path}").header("If-None-Match", "#{etag}")
                    .check(status().in(200, 304));
            default -> http(plan.name()).get("#{path}").check(status().is(200));
        };
        ScenarioBuilder scenario = scenario(plan.name()).feed(plan.feeder()).exec(request);
        setUp(scenario.injectOpen(constantUsersPerSec(plan.rate()).during(plan.duration()))).protocols(protocol);
    }
}
