package io.tomassure.outbox;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Publishes the outbox to Kafka on a thread of its own: drains everything pending, then sleeps until a commit
 * signal (or the poll interval) wakes it. While Kafka is unreachable it backs off exponentially and keeps the
 * events; they go out, in order, once it is back. Delivery is at least once: consumers de-duplicate by event id.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final Duration PURGE_EVERY = Duration.ofHours(1);

    private final OutboxStore store;
    private final KafkaBatchPublisher publisher;
    private final EventsConfig.Relay config;
    private final CommitSignal commitSignal;
    private final Counter published;
    private final Counter failures;
    private final Counter deadLettered;
    private volatile boolean running;
    private Thread thread;

    OutboxRelay(OutboxStore store, KafkaBatchPublisher publisher, EventsConfig config, Config rawConfig,
            MeterRegistry meters) {
        this.store = store;
        this.publisher = publisher;
        this.config = config.relay();
        this.commitSignal = new CommitSignal(rawConfig);
        this.published = meters.counter("tom.outbox.published");
        this.failures = meters.counter("tom.outbox.publish.failures");
        this.deadLettered = meters.counter("tom.outbox.dead.lettered");
    }

    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            running = true;
            thread = new Thread(this::run, "outbox-relay");
            thread.setDaemon(true);
            thread.start();
        }
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        commitSignal.close();
        if (thread != null) {
            thread.interrupt();
            thread.join(config.pollInterval().toMillis() + 1_000);
        }
    }

    private void run() {
        Duration backoff = Duration.ZERO;
        long nextPurge = System.nanoTime(); // a monotonic schedule: purging is housekeeping, not a fact
        long roundStarted = System.nanoTime() - config.minRoundInterval().toNanos();
        while (running) {
            try {
                commitSignal.listen(); // before draining, so a commit during the drain still wakes us
            } catch (Exception e) {
                LOG.debugf("cannot listen for commits yet: %s", e.getMessage());
            }
            try {
                sleep(untilNextRound(roundStarted, System.nanoTime(), config.minRoundInterval()));
                roundStarted = System.nanoTime();
                drain();
                if (!backoff.isZero()) {
                    LOG.info("outbox relay: publishing again");
                    backoff = Duration.ZERO;
                }
                if (System.nanoTime() - nextPurge >= 0) {
                    store.purgePublished(config.retention());
                    nextPurge = System.nanoTime() + PURGE_EVERY.toNanos();
                }
                commitSignal.await(config.pollInterval());
            } catch (Exception e) {
                failures.increment();
                backoff = nextBackoff(backoff, config.maxBackoff());
                if (backoff.equals(config.maxBackoff())) {
                    LOG.debugf("outbox relay still failing: %s", e.getMessage());
                } else {
                    LOG.warnf("outbox relay cannot publish (%s); retrying in %d ms", e.getMessage(), backoff.toMillis());
                }
                sleep(backoff);
            }
        }
    }

    /**
     * Publishes batches until nothing is pending; throws on the first passing failure (its prefix stays published).
     * A batch cut short by a dead-lettered event is followed by the next at once.
     */
    private void drain() throws Exception {
        while (running) {
            OutboxStore.Round round = store.publishNextBatch(config.batchSize(), publisher);
            published.increment(round.published());
            deadLettered.increment(round.deadLettered());
            if (round.failure() != null) {
                throw round.failure();
            }
            if (round.deadLettered() == 0 && round.published() < config.batchSize()) {
                return;
            }
        }
    }

    /**
     * How long to wait before a round so that rounds start at most once per {@code interval}: nothing after a quiet
     * spell, the rest of the interval when events keep coming (they gather meanwhile, to go out together).
     */
    static Duration untilNextRound(long lastRoundNanos, long nowNanos, Duration interval) {
        long left = lastRoundNanos + interval.toNanos() - nowNanos;
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    static Duration nextBackoff(Duration current, Duration max) {
        Duration next = current.isZero() ? Duration.ofMillis(100) : current.multipliedBy(2);
        return next.compareTo(max) > 0 ? max : next;
    }

    private static void sleep(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(duration.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
