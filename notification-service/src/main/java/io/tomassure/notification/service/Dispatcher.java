package io.tomassure.notification.service;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.tomassure.events.notification.NotificationEvents;
import io.tomassure.notification.config.NotificationConfig;
import io.tomassure.notification.domain.Backoff;
import io.tomassure.notification.domain.Channel;
import io.tomassure.notification.domain.DeliveryFailure;
import io.tomassure.notification.domain.WebhookSignature;
import io.tomassure.notification.repository.DeliveryRepository;
import io.tomassure.notification.repository.DeliveryRepository.Delivery;
import io.tomassure.notification.repository.WebhookRepository.Webhook;
import io.tomassure.outbox.Outbox;
import io.tomassure.support.time.TimeSource;

/**
 * Sends pending email and webhook deliveries: a delivered one is marked and published; a failed one is retried
 * with exponential back-off and jitter, and given up (DEAD, published) after a bound, to be re-driven by an admin.
 * Due rows are claimed in a short transaction that leases them (SKIP LOCKED, so instances share the work) and sent
 * on a bounded pool, in lanes: each webhook is a lane of a few deliveries at a time, so a receiver that never answers
 * ties up its own share of the pool for the send deadline and nobody else's; email is one lane, one at a time, as the
 * mail relay is a single peer of ours. Each delivery's lease is renewed just before it is sent, only if no other
 * instance has claimed it since (its claim's lease is the token). Sending happens outside any transaction; each outcome is
 * recorded, with its event, in a transaction of its own. A process that dies mid-send lets the lease expire and the
 * delivery is tried again: at least once, with X-TOM-Delivery for receivers to de-duplicate. Failures are recorded
 * and published as a {@link DeliveryFailure} category, never as exception text.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    /** Longer than any send can take (the webhook deadline, or an SMTP exchange). */
    private static final Duration LEASE = Duration.ofMinutes(2);
    /** Recording an outcome stops this long before the lease ends, so that no one else sends it meanwhile. */
    private static final Duration RECORD_MARGIN = Duration.ofSeconds(15);
    private static final Duration MAX_RECORD_PAUSE = Duration.ofSeconds(10);
    /** The lane of every email: the mail relay, one exchange at a time. */
    private static final String MAIL_LANE = "mail";
    /** Emails sent in turn by one task, before the next claim. */
    private static final int MAIL_BATCH = 20;

    private final DeliveryRepository deliveries;
    private final Mailer mailer;
    private final Outbox outbox;
    private final TimeSource time;
    private final Backoff backoff;
    private final Webhooks webhooks;
    private final WebhookEgress egress;
    private final WebhookClient client;
    private final int perRecipient;
    private final Semaphore slots;
    private final ExecutorService pool;
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    Dispatcher(DeliveryRepository deliveries, Mailer mailer, Outbox outbox, TimeSource time, Webhooks webhooks,
            WebhookEgress egress, WebhookClient client, NotificationConfig config) {
        this.deliveries = deliveries;
        this.mailer = mailer;
        this.outbox = outbox;
        this.time = time;
        this.webhooks = webhooks;
        this.egress = egress;
        this.client = client;
        this.backoff = new Backoff(config.retry().base(), config.retry().cap(), config.retry().maxAttempts());
        this.perRecipient = config.delivery().perRecipient();
        this.slots = new Semaphore(config.delivery().concurrency());
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(config.delivery().concurrency(), task -> {
            Thread thread = new Thread(task, "delivery-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Scheduled(every = "${tom.notification.dispatch-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void dispatchPeriodically() {
        try {
            dispatchDue();
        } catch (RuntimeException e) {
            LOG.warnf("dispatch failed: %s", e.getMessage());
        }
    }

    /**
     * Claims what is due now, as far as the pool has room, and hands it to the pool: each webhook delivery a task of
     * its own, the emails one task that sends them in turn. Returns how many deliveries were claimed.
     */
    public int dispatchDue() {
        int room = slots.availablePermits();
        if (room == 0) {
            return 0;
        }
        List<String> busy = inFlight.entrySet().stream().filter(e -> e.getValue().get() >= capacity(e.getKey()))
                .map(Map.Entry::getKey).toList();
        Instant now = time.now();
        Instant lease = leaseFrom(now);
        List<List<Delivery>> tasks = QuarkusTransaction.requiringNew().call(() -> {
            List<List<Delivery>> claimed = new ArrayList<>();
            List<Delivery> emails = busy.contains(MAIL_LANE) ? List.of()
                    : deliveries.claim(Channel.EMAIL, MAIL_BATCH, MAIL_BATCH, List.of(), now, lease);
            if (!emails.isEmpty()) {
                claimed.add(emails);
            }
            int webhooks = room - claimed.size();
            if (webhooks > 0) {
                deliveries.claim(Channel.WEBHOOK, webhooks, perRecipient, busy, now, lease)
                        .forEach(webhook -> claimed.add(List.of(webhook)));
            }
            return claimed;
        });
        for (List<Delivery> task : tasks) {
            String lane = lane(task.get(0));
            slots.acquireUninterruptibly(); // only this thread takes permits, and it claimed no more than were free
            inFlight.computeIfAbsent(lane, r -> new AtomicInteger()).incrementAndGet();
            pool.execute(() -> {
                try {
                    task.forEach(delivery -> deliver(delivery, lease));
                } finally {
                    inFlight.computeIfPresent(lane, (r, n) -> n.decrementAndGet() == 0 ? null : n);
                    slots.release();
                }
            });
        }
        return tasks.stream().mapToInt(List::size).sum();
    }

    /**
     * Sends one delivery claimed under {@code claimedUntil}, renewing its lease first: a delivery that waited in its
     * batch past its lease may have been claimed again (or sent) by another instance, and is then left to it.
     */
    private void deliver(Delivery delivery, Instant claimedUntil) {
        Instant leaseEnds = leaseFrom(time.now());
        try {
            if (!QuarkusTransaction.requiringNew().call(() -> deliveries.renewLease(delivery.id(), claimedUntil, leaseEnds))) {
                LOG.debugf("delivery %s: claimed again since this instance claimed it; left to the other", delivery.id());
                return;
            }
        } catch (RuntimeException e) { // the database is away: unsent, the delivery is tried again when its lease ends
            LOG.debugf("delivery %s: its lease could not be renewed (%s)", delivery.id(), e.getMessage());
            return;
        }
        DeliveryFailure failure = send(delivery);
        // What was sent cannot be unsent: the outcome is recorded, again and again while the database is away, for as
        // long as the lease keeps others off it; only past that is the delivery tried again (an email twice).
        Duration pause = Duration.ofMillis(500);
        while (true) {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    if (failure == null) {
                        succeeded(delivery);
                    } else {
                        failed(delivery, failure);
                    }
                });
                return;
            } catch (RuntimeException e) {
                if (time.now().plus(pause).plus(RECORD_MARGIN).isAfter(leaseEnds)) {
                    LOG.warnf("delivery %s: its outcome was not recorded (%s); it is tried again when its lease ends",
                            delivery.id(), e.getMessage());
                    return;
                }
                LOG.debugf("delivery %s: recording its outcome failed (%s); trying again", delivery.id(), e.getMessage());
                sleep(pause);
                pause = pause.multipliedBy(2);
                if (pause.compareTo(MAX_RECORD_PAUSE) > 0) {
                    pause = MAX_RECORD_PAUSE;
                }
            }
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Which lane a delivery goes in: its webhook, or the mail relay for every email. */
    private static String lane(Delivery delivery) {
        return delivery.channel() == Channel.EMAIL ? MAIL_LANE : delivery.recipient();
    }

    private int capacity(String lane) {
        return MAIL_LANE.equals(lane) ? 1 : perRecipient;
    }

    /** A lease from {@code now}, to the microsecond the database keeps, so that it can be compared there. */
    private static Instant leaseFrom(Instant now) {
        return now.plus(LEASE).truncatedTo(ChronoUnit.MICROS);
    }

    /** Sends one delivery; returns null on success, else why it failed. */
    private DeliveryFailure send(Delivery delivery) {
        if (delivery.channel() == Channel.EMAIL) {
            try {
                // one Message-ID a delivery: a copy sent again after a long outage is the same message to its reader
                mailer.send(Mail.withText(delivery.recipient(), "[TOM Assure] " + delivery.subject(), delivery.body())
                        .addHeader("Message-ID", "<" + delivery.id() + "@tom-assure>"));
                return null;
            } catch (RuntimeException e) {
                LOG.debugf(e, "delivery %s: the mail server did not take it", delivery.id());
                return DeliveryFailure.SMTP;
            }
        }
        try {
            Optional<Webhook> webhook = webhooks.active(UUID.fromString(delivery.recipient()));
            if (webhook.isEmpty()) {
                return DeliveryFailure.REMOVED;
            }
            WebhookEgress.Target target = egress.resolve(webhook.get().url()); // again: a name may point elsewhere now
            long timestamp = time.now().getEpochSecond();
            return client.post(target, Map.of(
                    "Content-Type", "application/cloudevents+json; charset=UTF-8",
                    WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp),
                    WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(webhooks.signingSecrets(webhook.get()),
                            timestamp, delivery.body()),
                    "X-TOM-Delivery", delivery.id().toString()), delivery.body());
        } catch (WebhookEgress.Refused refused) {
            return refused.failure();
        }
    }

    private void succeeded(Delivery d) {
        deliveries.markSent(d.id(), time.now());
        publish(d, d.attempts() + 1, false, null);
    }

    private void failed(Delivery d, DeliveryFailure failure) {
        int attempts = d.attempts() + 1;
        boolean dead = backoff.exhausted(attempts);
        deliveries.markFailed(d.id(), dead ? "DEAD" : "PENDING", attempts,
                time.now().plus(backoff.after(attempts, ThreadLocalRandom.current())), failure.category());
        if (dead) {
            LOG.warnf("delivery %s (%s to %s) given up after %d attempts: %s", d.id(), d.channel(), d.odsCode(), attempts,
                    failure.category());
            publish(d, attempts, true, failure.category());
        }
    }

    private void publish(Delivery d, int attempts, boolean dead, String failure) {
        outbox.record(dead ? NotificationEvents.FAILED : NotificationEvents.DELIVERED, d.id().toString(),
                new NotificationEvents.Delivery(d.id(), d.eventId(), d.eventType(), d.rule(), d.channel().name(), d.odsCode(),
                        d.channel() == Channel.EMAIL ? d.recipient() : "webhook " + d.recipient(), attempts, dead, failure,
                        Notices.SELF));
    }

    @PreDestroy
    void stop() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
    }
}
