package io.tomassure.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.tomassure.events.assessment.AssessmentEvents;

class EventRouterTest {

    @Test
    void eachEventGoesToItsTypesHandlerAsItsRecordAndOthersArePassedOver() {
        EventRouter<List<String>> router = new EventRouter<List<String>>()
                .on(AssessmentEvents.DEPLOYMENT_CREATED, (seen, created) -> seen.add("deployment of " + created.euoOds()));
        List<String> seen = new ArrayList<>();
        boolean routed = router.route(seen, EventEnvelope.of(AssessmentEvents.DEPLOYMENT_CREATED, "test", "d",
                new AssessmentEvents.DeploymentCreated(UUID.randomUUID(), UUID.randomUUID(), "S1", "E1", true, false, "sam")));
        boolean passed = router.route(seen, EventEnvelope.of(AssessmentEvents.ORGANISATION_REGISTERED, "test", "E1",
                new AssessmentEvents.OrganisationRegistered("E1", "Trust", List.of("EUO"), "ada")));
        assertThat(routed).isTrue();
        assertThat(passed).isFalse();
        assertThat(seen).containsExactly("deployment of E1");
    }
}
