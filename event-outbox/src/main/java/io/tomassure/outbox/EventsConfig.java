package io.tomassure.outbox;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the outbox relay and the idempotent consumer ({@code tom.events.*}). */
@ConfigMapping(prefix = "tom.events")
public interface EventsConfig {

    /** CloudEvents {@code source} of the events this service records. */
    @WithDefault("${quarkus.application.name}")
    String source();

    /** The topic this service publishes its own events to (one per owning service, see {@code Topics}). */
    String topic();

    /**
     * The largest event, in bytes of JSON, that a change may record; a larger one refuses the change (413). Kept well
     * below the producer's {@code max.request.size} (1 MB by default), so that every recorded event can be sent.
     */
    @WithDefault("262144")
    int maxEventBytes();

    Relay relay();

    Inbox inbox();

    interface Relay {
        /** Whether this instance publishes the outbox (off only in tests that drive the relay by hand). */
        @WithDefault("true")
        boolean enabled();

        /** Events claimed and published per database transaction. */
        @WithDefault("500")
        int batchSize();

        /**
         * The shortest time between the starts of two publishing rounds. Under load a round then takes every event
         * committed meanwhile: one claim, one Kafka request and one update serve many events, and the consumers get
         * them in bigger polls. After a quiet spell an event still goes at once. 0: a round per wake-up.
         */
        @WithDefault("10ms")
        Duration minRoundInterval();

        /** Safety net only: the relay is woken by a NOTIFY on commit, and polls this often in case one is missed. */
        @WithDefault("5s")
        Duration pollInterval();

        /** Upper bound of the exponential back-off while Kafka is unreachable. */
        @WithDefault("5s")
        Duration maxBackoff();

        /** How long published events are kept in the outbox table (for inspection) before they are purged. */
        @WithDefault("P7D")
        Duration retention();

        /** Extra Kafka producer properties, on top of {@code kafka.*} and the relay's own safety settings. */
        Map<String, String> producer();
    }

    interface Inbox {
        /** Attempts at an event whose effect fails for a reason other than being malformed, before it is dead-lettered. */
        @WithDefault("3")
        int attempts();

        /** Pause before the first retry; doubled for each further one. */
        @WithDefault("200ms")
        Duration retryBackoff();
    }
}
