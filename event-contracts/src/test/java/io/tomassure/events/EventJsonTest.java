package io.tomassure.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class EventJsonTest {

    record Sample(String name, LocalDate due, int count) {
    }

    static final EventType<Sample> SAMPLE = EventType.of("tom.test.sample", "tom.test.events", Sample.class);

    @Test
    void roundTripKeepsEveryAttributeAndTheTypedPayload() {
        EventEnvelope event = EventEnvelope.of(SAMPLE, "test-service", "agg-1", new Sample("x", LocalDate.of(2026, 11, 21), 3));

        String json = EventJson.write(event);
        EventEnvelope back = EventJson.read(json);

        assertThat(back).isEqualTo(event);
        assertThat(back.dataAs(SAMPLE)).isEqualTo(new Sample("x", LocalDate.of(2026, 11, 21), 3));
        assertThat(json).contains("\"specversion\":\"1.0\"", "\"due\":\"2026-11-21\"",
                "\"dataschema\":\"urn:tomassure:event:tom.test.sample:v1\"");
    }

    @Test
    void timeIsWrittenAsIso8601() {
        EventEnvelope event = EventEnvelope.of(SAMPLE, "s", "a", new Sample("x", null, 0));
        assertThat(EventJson.write(event)).containsPattern("\"time\":\"\\d{4}-\\d{2}-\\d{2}T[^\"]+Z\"");
    }

    @Test
    void unknownPayloadFieldsAreTolerated() {
        String json = """
                {"specversion":"1.0","id":"0b7f4c1e-2a44-4c57-9d1e-5d1c0f0a1b2c","type":"tom.test.sample",
                 "source":"s","subject":"a","time":"2026-11-21T10:00:00Z","data":{"name":"n","added":true}}""";
        assertThat(EventJson.read(json).dataAs(SAMPLE).name()).isEqualTo("n");
    }

    @Test
    void somethingThatIsNotACloudEventIsMalformed() {
        assertThatThrownBy(() -> EventJson.read("not json")).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> EventJson.read("")).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> EventJson.read("{\"type\":\"x\"}"))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("specversion");
        assertThatThrownBy(() -> EventJson.read("""
                {"specversion":"1.0","id":"not-a-uuid","type":"t","source":"s","subject":"a","time":"2026-11-21T10:00:00Z"}"""))
                .isInstanceOf(MalformedEventException.class);
    }

    @Test
    void dataOfAnotherTypeIsRefused() {
        EventEnvelope event = EventEnvelope.of(SAMPLE, "s", "a", new Sample("x", null, 0));
        EventType<Sample> other = EventType.of("tom.test.other", "tom.test.events", Sample.class);
        assertThatThrownBy(() -> event.dataAs(other)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deadLetterTopicIsPerConsumer() {
        assertThat(Topics.deadLetter(Topics.ASSESSMENT, "approval-service"))
                .isEqualTo("tom.assessment.events.dlq.approval-service");
    }
}
