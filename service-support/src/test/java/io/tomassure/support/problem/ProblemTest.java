package io.tomassure.support.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class ProblemTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void serialisesAsRfc9457WithExtensionMembersAtTopLevel() throws Exception {
        Problem problem = Problem.of(409, "go-live-blocked", "Go-live blocked", "2 conditions are not met")
                .with("blockers", List.of("Phase 1A not approved", "End User Policy not signed"))
                .at("/api/v1/deployments/d1/go-live");

        String body = json.writeValueAsString(problem);

        assertThat(body).isEqualTo("{\"type\":\"urn:tomassure:problem:go-live-blocked\",\"title\":\"Go-live blocked\","
                + "\"status\":409,\"detail\":\"2 conditions are not met\",\"instance\":\"/api/v1/deployments/d1/go-live\","
                + "\"blockers\":[\"Phase 1A not approved\",\"End User Policy not signed\"]}");
        assertThat(problem.slug()).isEqualTo("go-live-blocked");
    }

    @Test
    void listsTheOffendingFields() throws Exception {
        Problem problem = ProblemException.invalid("compliance", "must be one of Compliant, Non-compliant").problem();

        assertThat(json.writeValueAsString(problem)).contains("\"status\":400",
                "\"errors\":[{\"field\":\"compliance\",\"message\":\"must be one of Compliant, Non-compliant\"}]");
    }
}
