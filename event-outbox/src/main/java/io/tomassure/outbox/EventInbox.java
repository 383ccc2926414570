package io.tomassure.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.tomassure.events.EventEnvelope;
import io.tomassure.events.EventJson;
import io.tomassure.events.MalformedEventException;

/**
 * The idempotent consumer: applies each event's effect at most once per consumer, in the same transaction that
 * records the event id as processed, so a redelivered event changes nothing.
 *
 * <p>Events come a poll at a time (a channel with {@code batch=true} and {@code failure-strategy=dead-letter-queue}),
 * and a poll's new events are applied in one transaction, their processed markers written in one statement: under
 * load, one commit serves many events. Failures stay per event: a malformed message, or one whose effect keeps
 * failing, goes alone to the dead-letter topic with the reason, and the rest of the poll is applied without it.
 * A failed poll is applied again one event at a time; an {@link UnprocessableEventException} is dead-lettered at
 * once, any other failure is retried a few times first. While the database does not answer, a failure is not the
 * event's: the event waits, its partition with it, and is tried again once the database is back (a restart or a
 * fail-over must never dead-letter good events, which would drop them from the audit log). Likewise once the service
 * is stopping: Hibernate closes while the consumer may still be mid-poll, so a failure then is the shutdown's, and
 * the poll is left unacknowledged for the partition's next owner.
 */
@ApplicationScoped
public class EventInbox {

    /** An event as it was delivered: parsed, and the message it came in (the audit log keeps it as received). */
    public record Delivery(EventEnvelope event, String message) {
    }

    private static final Logger LOG = Logger.getLogger(EventInbox.class);
    /** How often an event that failed while the database was away is tried again. */
    private static final Duration DATABASE_WAIT = Duration.ofSeconds(1);

    private final DataSource dataSource;
    private final EventsConfig.Inbox config;
    private volatile boolean stopping;

    EventInbox(DataSource dataSource, EventsConfig config) {
        this.dataSource = dataSource;
        this.config = config.inbox();
    }

    /** Shutdown observers run before Hibernate and the datasources close: from here on, failures are the shutdown's. */
    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** An effect applied to each new event of a poll in turn. */
    public static Consumer<List<Delivery>> eachEvent(Consumer<EventEnvelope> effect) {
        return deliveries -> deliveries.forEach(delivery -> effect.accept(delivery.event()));
    }

    /**
     * Applies {@code effect} to the events of {@code batch} that {@code consumer} has not processed yet, in order,
     * dead-lettering those that cannot be applied; completes when the poll is acknowledged.
     */
    public CompletionStage<Void> consume(String consumer, KafkaRecordBatch<String, String> batch,
            Consumer<List<Delivery>> effect) {
        List<KafkaRecord<String, String>> records = new ArrayList<>();
        List<Delivery> deliveries = new ArrayList<>();
        List<CompletionStage<Void>> deadLettered = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            try {
                deliveries.add(new Delivery(EventJson.read(record.getPayload()), record.getPayload()));
                records.add(record);
            } catch (MalformedEventException e) {
                deadLettered.add(record.nack(e));
            }
        }
        if (deliveries.size() > 1 && appliedTogether(consumer, deliveries, effect)) {
            deliveries.clear();
        }
        for (int i = 0; i < deliveries.size(); i++) {
            try {
                applyAlone(consumer, deliveries.get(i), effect);
            } catch (RuntimeException e) {
                if (stopping) { // never acknowledged: the rebalance hands the poll to another instance, which applies it
                    LOG.infof("%s: stopping, %d events of the poll left for the partition's next owner", consumer,
                            deliveries.size() - i);
                    return new CompletableFuture<>();
                }
                deadLettered.add(records.get(i).nack(e));
            }
        }
        // Dead letters are written before the poll's offsets are committed: a crash in between redelivers, never loses.
        return CompletableFuture.allOf(deadLettered.stream().map(CompletionStage::toCompletableFuture)
                .toArray(CompletableFuture[]::new)).thenCompose(done -> batch.ack());
    }

    /** The whole poll in one transaction; false (and nothing changed) if any of it failed. */
    private boolean appliedTogether(String consumer, List<Delivery> deliveries, Consumer<List<Delivery>> effect) {
        try {
            QuarkusTransaction.requiringNew().run(() -> effect.accept(firstDeliveries(deliveries, markProcessed(consumer, deliveries))));
            return true;
        } catch (RuntimeException e) {
            LOG.infof("%s: a poll of %d events failed together (%s); applying them one at a time", consumer,
                    deliveries.size(), e.getMessage());
            return false;
        }
    }

    private void applyAlone(String consumer, Delivery delivery, Consumer<List<Delivery>> effect) {
        EventEnvelope event = delivery.event();
        Duration pause = config.retryBackoff();
        int attempts = 0;
        while (true) {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    if (markProcessed(consumer, List.of(delivery)).isEmpty()) {
                        LOG.debugf("%s: event %s already processed, skipped", consumer, event.id());
                    } else {
                        effect.accept(List.of(delivery));
                    }
                });
                return;
            } catch (UnprocessableEventException e) {
                throw e;
            } catch (RuntimeException e) {
                if (stopping) {
                    throw e;
                }
                if (!databaseAnswers()) { // not the event's fault: it waits, uncounted, however long the outage lasts
                    LOG.warnf("%s: event %s (%s) waits for the database: %s", consumer, event.id(), event.type(),
                            e.getMessage());
                    sleep(DATABASE_WAIT);
                    continue;
                }
                attempts++;
                if (attempts >= config.attempts()) {
                    throw e;
                }
                LOG.warnf("%s: event %s (%s) failed, attempt %d of %d: %s", consumer, event.id(), event.type(),
                        attempts, config.attempts(), e.getMessage());
                sleep(pause);
                pause = pause.multipliedBy(2);
            }
        }
    }

    /** Whether the database takes a connection and answers: if not, a failure says nothing about the event. */
    private boolean databaseAnswers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** Each newly marked event once, in delivery order (a poll may carry a redelivered event twice). */
    static List<Delivery> firstDeliveries(List<Delivery> deliveries, Set<UUID> marked) {
        Set<UUID> pending = new HashSet<>(marked);
        return deliveries.stream().filter(delivery -> pending.remove(delivery.event().id())).toList();
    }

    /**
     * Inserts the processed markers in one statement; returns the ids that were not there already (a concurrent
     * duplicate waits on the key).
     */
    private Set<UUID> markProcessed(String consumer, List<Delivery> deliveries) {
        try (Connection connection = dataSource.getConnection(); // the transaction's own connection
                PreparedStatement insert = connection.prepareStatement("""
                        insert into processed_event (consumer, event_id, event_type)
                        select ?, id, type from unnest(?::uuid[], ?::text[]) as delivered(id, type)
                        on conflict do nothing
                        returning event_id""")) {
            insert.setString(1, consumer);
            insert.setArray(2, connection.createArrayOf("uuid", deliveries.stream().map(d -> d.event().id()).toArray()));
            insert.setArray(3, connection.createArrayOf("text", deliveries.stream().map(d -> d.event().type()).toArray()));
            Set<UUID> marked = new HashSet<>();
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    marked.add(rs.getObject(1, UUID.class));
                }
            }
            return marked;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record events as processed by " + consumer, e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying an event", e);
        }
    }
}
