package io.tomassure.e2e;

import static io.tomassure.stack.TomService.AUDIT;
import static io.tomassure.stack.TomService.NOTIFICATION;
import static org.hamcrest.Matchers.equalTo;

import io.tomassure.stack.DemoUser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a hostile supplier tried against the packaged services, and what it must get. */
@ExtendWith(E2eStack.class)
class AbuseTest {

    @Test
    void aWebhookCannotReachTheInternalNetwork() {
        int audit = Api.config().servicePorts().get(AUDIT);
        for (String url : List.of("http://127.0.0.1:" + audit + "/api/v1/audit/checkpoints",
                "http://169.254.169.254/latest/meta-data/", "https://127.0.0.1:" + audit + "/api/v1/audit/checkpoints",
                "https://169.254.169.254/latest/meta-data/", "https://localhost:" + audit + "/", "https://[::1]/",
                "https://10.0.0.1/", "http://93.184.216.34/")) {
            Api.as(DemoUser.SUPPLIER, NOTIFICATION).body(Map.of("url", url)).post("/api/v1/webhooks").then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("url"));
        }
        // The local stack's own receiver is allowed by its exact origin, and nothing beside it.
        Api.as(DemoUser.SUPPLIER, NOTIFICATION).body(Map.of("url", Api.config().webhookReceiverOrigin() + "/hooks/abuse"))
                .post("/api/v1/webhooks").then().statusCode(201);
        Api.as(DemoUser.SUPPLIER, NOTIFICATION).body(Map.of("url", "http://localhost:" + audit + "/hooks"))
                .post("/api/v1/webhooks").then().statusCode(400);
    }
}
