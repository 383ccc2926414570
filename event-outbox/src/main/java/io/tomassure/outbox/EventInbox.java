package io.tomassure.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Consumer;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.tomassure.events.EventEnvelope;
import io.tomassure.events.EventJson;
import io.tomassure.events.MalformedEventException;

/**
 * The idempotent consumer: applies an event's effect at most once per consumer, in the same transaction that
 * records the event id as processed, so a redelivered event changes nothing.
 *
 * <p>Call it from a blocking {@code @Incoming} method whose channel has {@code failure-strategy=dead-letter-queue}:
 * what it throws sends the message to the dead-letter topic with the reason, and the partition moves on.
 * A malformed message or an {@link UnprocessableEventException} is thrown at once; any other failure is
 * retried a few times first (a database fail-over should not dead-letter good events).
 */
@ApplicationScoped
public class EventInbox {

    private static final Logger LOG = Logger.getLogger(EventInbox.class);

    private final DataSource dataSource;
    private final EventsConfig.Inbox config;

    EventInbox(DataSource dataSource, EventsConfig config) {
        this.dataSource = dataSource;
        this.config = config.inbox();
    }

    /**
     * Parses {@code message} as a CloudEvent and applies {@code effect} unless {@code consumer} already has.
     *
     * @return whether the effect was applied now (false: a duplicate, skipped)
     * @throws MalformedEventException when the message is not an event
     */
    public boolean consume(String consumer, String message, Consumer<EventEnvelope> effect) {
        EventEnvelope event = EventJson.read(message);
        Duration pause = config.retryBackoff();
        for (int attempt = 1;; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> applyOnce(consumer, event, effect));
            } catch (MalformedEventException | UnprocessableEventException e) {
                throw e;
            } catch (RuntimeException e) {
                if (attempt >= config.attempts()) {
                    throw e;
                }
                LOG.warnf("%s: event %s (%s) failed, attempt %d of %d: %s", consumer, event.id(), event.type(),
                        attempt, config.attempts(), e.getMessage());
                sleep(pause);
                pause = pause.multipliedBy(2);
            }
        }
    }

    private boolean applyOnce(String consumer, EventEnvelope event, Consumer<EventEnvelope> effect) {
        if (!markProcessed(consumer, event)) {
            LOG.debugf("%s: event %s already processed, skipped", consumer, event.id());
            return false;
        }
        effect.accept(event);
        return true;
    }

    /** Inserts the processed marker; false when it was there already (a concurrent duplicate waits on the key). */
    private boolean markProcessed(String consumer, EventEnvelope event) {
        try (Connection connection = dataSource.getConnection(); // the transaction's own connection
                PreparedStatement insert = connection.prepareStatement("""
                        insert into processed_event (consumer, event_id, event_type) values (?, ?, ?)
                        on conflict do nothing""")) {
            insert.setString(1, consumer);
            insert.setObject(2, event.id());
            insert.setString(3, event.type());
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record event " + event.id() + " as processed", e);
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
