package io.tomassure.audit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.tomassure.events.EventEnvelope;
import io.tomassure.events.assessment.AssessmentEvents;

/** What an event is about decides who sees it in the audit log. */
class EventFactsTest {

    @Test
    void anEventNamingSeveralOrganisationsIsEachOnesToSee() {
        UUID assessment = UUID.randomUUID();
        EventEnvelope uplifted = EventEnvelope.of(AssessmentEvents.UPLIFTED, "assessment-service", assessment.toString(),
                new AssessmentEvents.AssessmentUplifted(UUID.randomUUID(), assessment, "S1", List.of("E2", "E1"), "ers-apis",
                        UUID.randomUUID(), "1.2", UUID.randomUUID(), "1.4",
                        new AssessmentEvents.UpliftCounts(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0), "sam", null, List.of()));

        EventFacts facts = EventFacts.of(uplifted);

        assertThat(facts.organisations()).containsExactly("E1", "E2", "S1");
        assertThat(facts.assessmentId()).isEqualTo(assessment.toString());
        assertThat(facts.actor()).isEqualTo("sam");
    }
}
