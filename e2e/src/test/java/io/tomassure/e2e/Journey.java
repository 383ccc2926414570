package io.tomassure.e2e;

import static io.tomassure.e2e.Api.as;
import static io.tomassure.stack.TomService.ASSESSMENT;

import io.restassured.specification.RequestSpecification;
import io.tomassure.stack.DemoUser;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/** The steps every journey through the sample template takes through the API: answers, submissions, agreements. */
final class Journey {

    private Journey() {
    }

    /** The EUO's own rows of the sample template: usage and settings, topology, IG. */
    static void answerEuoRows(DemoUser euo, String deployment) {
        for (String row : List.of("US-01", "US-02", "TP-01")) {
            answer(() -> as(euo, ASSESSMENT), deployment, row, Map.of("answer", "Compliant"));
        }
        answer(() -> as(euo, ASSESSMENT), deployment, "IG-01", Map.of("answer", "Yes"));
        answer(() -> as(euo, ASSESSMENT), deployment, "IG-02", Map.of("answer", "Yes"));
    }

    /** Answers a row, with the If-Match of its current answer when it has one. */
    static void answer(Supplier<RequestSpecification> who, String base, String row, Map<String, ?> body) {
        String etag = who.get().get(base + "/responses").then().statusCode(200).extract().jsonPath()
                .getString("find { it.requirementId == '" + row + "' }.etag");
        RequestSpecification request = who.get().body(body);
        if (etag != null) {
            request = request.header("If-Match", etag);
        }
        request.put(base + "/responses/" + row).then().statusCode(200);
    }

    static String submit(RequestSpecification who, String base) {
        return who.post(base + "/submissions").then().statusCode(201).extract().path("id");
    }

    static Map<String, Object> compliant() {
        return Map.of("answer", "Compliant", "implementationRef", "docs/design.md#" + ThreadLocalRandom.current().nextInt(100),
                "testRef", "TC-" + ThreadLocalRandom.current().nextInt(1000));
    }

    static Map<String, Object> agreement(String kind) {
        LocalDate today = LocalDate.now();
        return Map.of("kind", kind, "signatory", "Pat Signer", "signatoryRole", "Director", "signedOn", today.toString(),
                "documentVersion", "v3", "expiresOn", today.plusYears(1).toString());
    }
}
