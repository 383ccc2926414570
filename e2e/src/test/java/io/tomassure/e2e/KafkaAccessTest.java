package io.tomassure.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.tomassure.events.EventEnvelope;
import io.tomassure.events.EventJson;
import io.tomassure.events.Topics;
import io.tomassure.events.approval.ApprovalEvents;
import io.tomassure.stack.TomService;

/**
 * The broker of the packaged stack, as someone who reached it would find it: nobody writes without signing in, and a
 * service signed in as itself writes only its own topic, so no event can be published in another service's name.
 */
@ExtendWith(E2eStack.class)
class KafkaAccessTest {

    /** A decision that approval-service never took, for an assessment. */
    private static final EventEnvelope FORGED = EventEnvelope.of(ApprovalEvents.PHASE_DECIDED, "approval-service",
            UUID.randomUUID().toString(), new ApprovalEvents.PhaseDecided(UUID.randomUUID(), UUID.randomUUID(),
                    UUID.randomUUID(), null, "YGM27", null, "1B", 1, "ab".repeat(32), "APPROVED", "forged", "mallory"));

    @Test
    void aServiceCannotPublishToATopicItDoesNotOwn() {
        // assessment-service's own credentials, and the approval topic that assessment-service only reads
        assertThatThrownBy(() -> publish(settings(TomService.ASSESSMENT), Topics.APPROVAL, FORGED))
                .hasCauseInstanceOf(TopicAuthorizationException.class);
        // notification-service's credentials, and the assessment topic it reads
        assertThatThrownBy(() -> publish(settings(TomService.NOTIFICATION), Topics.ASSESSMENT, FORGED))
                .hasCauseInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void nobodyPublishesWithoutSigningInAsAService() {
        Map<String, Object> wrongPassword = settings(TomService.APPROVAL);
        wrongPassword.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"approval-service\" password=\"guessed\";");
        assertThatThrownBy(() -> publish(wrongPassword, Topics.APPROVAL, FORGED)).hasCauseInstanceOf(SaslAuthenticationException.class);

        Map<String, Object> anonymous = new HashMap<>(Map.of("bootstrap.servers", Api.config().kafkaBootstrap()));
        assertThatThrownBy(() -> publish(anonymous, Topics.APPROVAL, FORGED)).isInstanceOf(ExecutionException.class);
    }

    @Test
    void aServiceReadsOnlyWhatItConsumes() {
        Map<String, Object> settings = settings(TomService.ASSESSMENT);
        settings.put("key.deserializer", StringDeserializer.class.getName());
        settings.put("value.deserializer", StringDeserializer.class.getName());
        settings.put("auto.offset.reset", "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings)) {
            // no consumer group: only the topic's own ACL is in question (notification events are not assessment's)
            consumer.assign(List.of(new TopicPartition(Topics.NOTIFICATION, 0)));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10))).isInstanceOf(TopicAuthorizationException.class);
        }
    }

    private static Map<String, Object> settings(TomService service) {
        return new HashMap<>(E2eStack.stack().kafkaClientSettings(service));
    }

    private static void publish(Map<String, Object> settings, String topic, EventEnvelope event) throws Exception {
        Map<String, Object> producer = new HashMap<>(settings);
        producer.put("key.serializer", StringSerializer.class.getName());
        producer.put("value.serializer", StringSerializer.class.getName());
        producer.put("max.block.ms", 10_000);
        producer.put("delivery.timeout.ms", 10_000);
        producer.put("request.timeout.ms", 5_000);
        try (KafkaProducer<String, String> kafka = new KafkaProducer<>(producer)) {
            kafka.send(new ProducerRecord<>(topic, event.subject(), EventJson.write(event))).get();
        }
        assertThat(topic).as("published, which the broker must have refused").isNull();
    }
}
