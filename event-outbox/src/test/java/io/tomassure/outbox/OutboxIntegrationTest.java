package io.tomassure.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tomassure.events.EventEnvelope;
import io.tomassure.events.EventJson;
import io.tomassure.testing.TestKafka;
import io.tomassure.testing.TomTestEnvironment;
import io.tomassure.testing.TopicReader;

/** The outbox and the idempotent consumer against a real PostgreSQL and a real Kafka broker. */
@QuarkusTest
@WithTestResource(TomTestEnvironment.class)
class OutboxIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    Widgets widgets;

    @Inject
    OutboxStore store;

    @Inject
    Outbox outbox;

    @Test
    void aRolledBackTransactionPublishesNothing() throws Exception {
        String id = "rolled-back-" + UUID.randomUUID();
        try (TopicReader topic = new TopicReader(Widgets.TOPIC)) {
            assertThatThrownBy(() -> widgets.name(id, "never", true)).isInstanceOf(IllegalStateException.class);
            // A later committed event for the same aggregate is published; the rolled-back one never is.
            EventEnvelope committed = widgets.name(id, "kept", false);

            List<ConsumerRecord<String, String>> records = topic.readUntil(seen -> contains(seen, committed), PATIENCE);

            assertThat(records.stream().filter(r -> id.equals(r.key()))).singleElement()
                    .satisfies(r -> assertThat(EventJson.read(r.value()).id()).isEqualTo(committed.id()));
            assertThat(widgets.count("select count(*) from outbox_event where message_key = ?", id)).isEqualTo(1);
            assertThat(widgets.count("select count(*) from widget where id = ? and name = 'never'", id)).isZero();
        }
    }

    @Test
    void aCommitWakesTheRelayAtOnceAndTheMessageIsAStructuredCloudEvent() throws Exception {
        try (TopicReader topic = new TopicReader(Widgets.TOPIC)) {
            long start = System.nanoTime();
            EventEnvelope event = widgets.name("fast-" + UUID.randomUUID(), "quick", false);

            ConsumerRecord<String, String> record = find(topic.readUntil(seen -> contains(seen, event), PATIENCE), event);

            // The safety-net poll is 60 s in this test profile: only the commit signal explains this.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(record.key()).isEqualTo(event.subject());
            assertThat(EventJson.read(record.value())).isEqualTo(event);
            Header contentType = record.headers().lastHeader("content-type");
            assertThat(new String(contentType.value(), StandardCharsets.UTF_8)).startsWith("application/cloudevents+json");
        }
    }

    @Test
    void eventsWrittenWhileTheBrokerIsDownAreAllPublishedInOrderOnceItIsBack() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<EventEnvelope> written = new ArrayList<>();
        try (TopicReader topic = new TopicReader(Widgets.TOPIC)) {
            TestKafka.stop();
            try {
                for (int i = 0; i < 30; i++) {
                    written.add(widgets.name("down-" + run + "-" + (i % 3), "name-" + i, false));
                }
                Thread.sleep(1_500); // the relay tries, fails and backs off meanwhile
                assertThat(widgets.count("select count(*) from outbox_event where published_at is null and message_key like ?",
                        "down-" + run + "-%")).isEqualTo(30);
            } finally {
                TestKafka.start();
            }

            List<ConsumerRecord<String, String>> records = topic.readUntil(
                    seen -> written.stream().allMatch(e -> contains(seen, e)), Duration.ofSeconds(60));

            for (int aggregate = 0; aggregate < 3; aggregate++) {
                String key = "down-" + run + "-" + aggregate;
                List<UUID> expected = written.stream().filter(e -> e.subject().equals(key)).map(EventEnvelope::id).toList();
                LinkedHashSet<UUID> published = new LinkedHashSet<>();
                records.stream().filter(r -> key.equals(r.key())).forEach(r -> published.add(EventJson.read(r.value()).id()));
                assertThat(published).containsExactlyElementsOf(expected);
            }
        }
        await().atMost(PATIENCE).until(() -> widgets.count(
                "select count(*) from outbox_event where published_at is null and message_key like ?", "down-" + run + "-%") == 0);
    }

    @Test
    void aRedeliveredEventIsAppliedOnce() throws Exception {
        EventEnvelope event = widgets.name("dup-" + UUID.randomUUID(), "twice", false);
        // The relay publishes it once; here it is delivered twice more, as a consumer restart or a relay retry would.
        TopicReader.send(Widgets.TOPIC, event.subject(), EventJson.write(event), EventJson.write(event));
        EventEnvelope after = widgets.name("dup-after-" + UUID.randomUUID(), "later", false);

        await().atMost(PATIENCE).until(() -> widgets.count("select count(*) from widget_tally where event_id = ?", after.id()) == 1);
        assertThat(widgets.count("select count(*) from widget_tally where event_id = ?", event.id())).isEqualTo(1);
        assertThat(widgets.count("select count(*) from processed_event where event_id = ?", event.id())).isEqualTo(1);
    }

    @Test
    void aPoisonMessageLandsOnTheDeadLetterTopicAndDoesNotBlockThePartition() throws Exception {
        String poison = "{\"this is\": \"not a CloudEvent\" " + UUID.randomUUID() + "}";
        try (TopicReader deadLetters = new TopicReader(Widgets.TOPIC + ".dlq.outbox-test")) {
            TopicReader.send(Widgets.TOPIC, "poisoned", poison);
            EventEnvelope next = widgets.name("after-poison-" + UUID.randomUUID(), "fine", false);

            List<ConsumerRecord<String, String>> dead = deadLetters.readUntil(
                    seen -> seen.stream().anyMatch(r -> poison.equals(r.value())), PATIENCE);

            ConsumerRecord<String, String> record = dead.stream().filter(r -> poison.equals(r.value())).findFirst().orElseThrow();
            String reason = new String(record.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
            assertThat(reason).contains("not a CloudEvent");
            await().atMost(PATIENCE).until(() -> widgets.count("select count(*) from widget_tally where event_id = ?", next.id()) == 1);
        }
    }

    @Test
    void aBadEventInAPollIsDeadLetteredAloneAndTheRestOfThePollIsAppliedOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        EventEnvelope first = widget(run + "-a", "first");
        EventEnvelope refused = widget(run + "-b", Widgets.REFUSED);
        EventEnvelope last = widget(run + "-c", "last");
        String poison = "{\"not an event\": \"" + run + "\"}";
        try (TopicReader deadLetters = new TopicReader(Widgets.TOPIC + ".dlq.outbox-test")) {
            // One send, one key: the consumer gets them in order, in one poll when it is idle.
            TopicReader.send(Widgets.TOPIC, "poll-" + run, EventJson.write(first), poison, EventJson.write(refused),
                    EventJson.write(first), EventJson.write(last));

            List<ConsumerRecord<String, String>> dead = deadLetters.readUntil(seen -> seen.stream()
                    .filter(r -> r.value().contains(run)).count() == 2, PATIENCE);

            assertThat(dead.stream().filter(r -> r.value().contains(run)).map(ConsumerRecord::value))
                    .containsExactly(poison, EventJson.write(refused));
            await().atMost(PATIENCE).until(() -> widgets.count("select count(*) from widget_tally where event_id = ?", last.id()) == 1);
            assertThat(widgets.count("select count(*) from widget_tally where event_id = ?", first.id())).isEqualTo(1);
            assertThat(widgets.count("select count(*) from widget_tally where event_id = ?", refused.id())).isZero();
            assertThat(widgets.count("select count(*) from processed_event where event_id = ?", refused.id())).isZero();
        }
    }

    @Test
    void anEventOverTheLimitRefusesTheChangeWithinItsTransaction() throws Exception {
        String id = "too-large-" + UUID.randomUUID();

        assertThatThrownBy(() -> widgets.name(id, "x".repeat(2_000_001), false)).isInstanceOf(EventTooLargeException.class)
                .hasMessageContaining("limited to 2000000");

        assertThat(widgets.count("select count(*) from widget where id = ?", id)).isZero();
        assertThat(widgets.count("select count(*) from outbox_event where message_key = ?", id)).isZero();
    }

    @Test
    void anEventTheBrokerRefusesForGoodIsSetAsideAndTheEventsBehindItFlowInOrder() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String aggregate = "poison-" + run;
        try (TopicReader topic = new TopicReader(Widgets.TOPIC)) {
            // 1.5 MB: within this test's recording limit, beyond the producer's max.request.size (1 MB).
            EventEnvelope huge = widgets.name(aggregate, "y".repeat(1_500_000), false);
            List<EventEnvelope> behind = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                behind.add(widgets.name(i % 2 == 0 ? aggregate : "bystander-" + run, "after-" + i, false));
            }

            List<ConsumerRecord<String, String>> records = topic.readUntil(
                    seen -> behind.stream().allMatch(e -> contains(seen, e)), PATIENCE);

            // At least once: events sent beside the refused one in its batch go again in the next; their first
            // copies are in order.
            LinkedHashSet<UUID> published = new LinkedHashSet<>();
            records.stream().filter(r -> aggregate.equals(r.key())).forEach(r -> published.add(EventJson.read(r.value()).id()));
            assertThat(published).containsExactlyElementsOf(behind.stream().filter(e -> e.subject().equals(aggregate))
                            .map(EventEnvelope::id).toList());
            List<DeadLetter> dead = store.deadLetters(200).stream().filter(d -> d.eventId().equals(huge.id())).toList();
            assertThat(dead).singleElement().satisfies(d -> {
                assertThat(d.reason()).contains("bytes");
                assertThat(d.key()).isEqualTo(aggregate);
                assertThat(d.sizeBytes()).isGreaterThan(1_500_000);
                assertThat(d.redriven()).isZero();
            });
            assertThat(store.status().deadLetters()).isPositive();
            assertThat(widgets.count("select count(*) from outbox_event where event_id = ?", huge.id())).isZero();

            // Re-driven while the producer's limit still refuses it, it goes round the relay and lands aside again.
            assertThat(outbox.redrive(huge.id())).isTrue();
            assertThat(outbox.redrive(huge.id())).as("only a waiting dead letter is re-driven").isFalse();
            await().atMost(PATIENCE).until(() -> store.deadLetters(200).stream()
                    .anyMatch(d -> d.eventId().equals(huge.id()) && d.redriven() == 1));
            assertThat(topic.readFor(Duration.ofMillis(500)).stream().noneMatch(r -> r.value().contains(huge.id().toString())))
                    .isTrue();
        }
    }

    private static EventEnvelope widget(String id, String name) {
        return EventEnvelope.of(Widgets.NAMED, "/tom/outbox-test", id, new Widgets.WidgetNamed(id, name));
    }

    private static boolean contains(List<ConsumerRecord<String, String>> records, EventEnvelope event) {
        return records.stream().anyMatch(r -> r.value().contains(event.id().toString()));
    }

    private static ConsumerRecord<String, String> find(List<ConsumerRecord<String, String>> records, EventEnvelope event) {
        return records.stream().filter(r -> r.value().contains(event.id().toString())).findFirst().orElseThrow();
    }
}
