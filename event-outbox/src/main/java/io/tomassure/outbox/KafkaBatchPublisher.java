package io.tomassure.outbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

import io.smallrye.common.annotation.Identifier;

/**
 * Sends outbox batches to Kafka with an idempotent, acks=all producer and reports how many were acknowledged,
 * in order. After any failure the producer is discarded, so a broker that lost its state or came back under
 * another identity never leaves us with a fenced or poisoned producer.
 */
@ApplicationScoped
class KafkaBatchPublisher implements OutboxStore.BatchPublisher {

    /** CloudEvents Kafka protocol binding, structured mode. */
    static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";
    private static final int DELIVERY_TIMEOUT_MS = 15_000;

    private final Map<String, Object> producerConfig;
    private Producer<String, String> producer;

    KafkaBatchPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, EventsConfig config) {
        Map<String, Object> settings = new HashMap<>(kafkaConfig);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, config.source() + "-outbox-relay");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS);
        settings.putAll(config.relay().producer());
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        this.producerConfig = Map.copyOf(settings);
    }

    @Override
    public synchronized PublishOutcome publish(List<PendingEvent> batch) {
        List<Future<RecordMetadata>> sends = new ArrayList<>(batch.size());
        Exception failure = null;
        try {
            Producer<String, String> kafka = producer();
            for (PendingEvent event : batch) {
                ProducerRecord<String, String> record = new ProducerRecord<>(event.topic(), event.key(), event.payload());
                record.headers().add("content-type", CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
                sends.add(kafka.send(record));
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        int acknowledged = 0;
        for (Future<RecordMetadata> send : sends) {
            try {
                send.get(DELIVERY_TIMEOUT_MS + 5_000L, TimeUnit.MILLISECONDS);
                acknowledged++;
            } catch (ExecutionException e) {
                failure = e.getCause() instanceof Exception cause ? cause : e;
                break;
            } catch (TimeoutException e) {
                failure = e;
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = e;
                break;
            }
        }
        if (failure != null) {
            discardProducer();
        }
        return new PublishOutcome(acknowledged, failure);
    }

    private Producer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerConfig);
        }
        return producer;
    }

    @PreDestroy
    synchronized void discardProducer() {
        if (producer != null) {
            producer.close(java.time.Duration.ZERO);
            producer = null;
        }
    }
}
