package io.tomassure.notification.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
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

import javax.sql.DataSource;

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
import io.tomassure.notification.repository.WebhookRepository.Webhook;
import io.tomassure.outbox.Outbox;
import io.tomassure.support.time.TimeSource;

/**
 * Sends pending email and webhook deliveries: a delivered one is marked and published; a failed one is retried
 * with exponential back-off and jitter, and given up (DEAD, published) after a bound, to be re-driven by an admin.
 * Due rows are claimed in a short transaction that leases them (SKIP LOCKED, so instances share the work) and sent
 * on a bounded pool, in lanes: each webhook is a lane of a few deliveries at a time, so a receiver that never answers
 * ties up its own share of the pool for the send deadline and nobody else's; email is one lane, one at a time, as the
 * mail relay is a single peer of ours. Sending happens outside any transaction; each outcome is
 * recorded, with its event, in a transaction of its own. A process that dies mid-send lets the lease expire and the
 * delivery is tried again: at least once, with X-TOM-Delivery for receivers to de-duplicate. Failures are recorded
 * and published as a {@link DeliveryFailure} category, never as exception text.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    /** Longer than any send can take (the webhook deadline, or an SMTP exchange). */
    private static final Duration LEASE = Duration.ofMinutes(2);
    /** The lane of every email: the mail relay, one exchange at a time. */
    private static final String MAIL_LANE = "mail";
    /** Emails sent in turn by one task, before the next claim. */
    private static final int MAIL_BATCH = 20;

    private record Due(UUID id, UUID eventId, String eventType, String rule, Channel channel, String odsCode,
            String recipient, String subject, String body, int attempts) {
    }

    private final DataSource dataSource;
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

    Dispatcher(DataSource dataSource, Mailer mailer, Outbox outbox, TimeSource time, Webhooks webhooks,
            WebhookEgress egress, WebhookClient client, NotificationConfig config) {
        this.dataSource = dataSource;
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
        List<List<Due>> tasks = QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                List<List<Due>> claimed = new ArrayList<>();
                List<Due> emails = busy.contains(MAIL_LANE) ? List.of()
                        : claim(c, Channel.EMAIL, MAIL_BATCH, MAIL_BATCH, List.of());
                if (!emails.isEmpty()) {
                    claimed.add(emails);
                }
                claim(c, Channel.WEBHOOK, room - claimed.size(), perRecipient, busy)
                        .forEach(webhook -> claimed.add(List.of(webhook)));
                return claimed;
            }
        });
        for (List<Due> task : tasks) {
            String lane = lane(task.get(0));
            slots.acquireUninterruptibly(); // only this thread takes permits, and it claimed no more than were free
            inFlight.computeIfAbsent(lane, r -> new AtomicInteger()).incrementAndGet();
            pool.execute(() -> {
                try {
                    task.forEach(this::deliver);
                } finally {
                    inFlight.computeIfPresent(lane, (r, n) -> n.decrementAndGet() == 0 ? null : n);
                    slots.release();
                }
            });
        }
        return tasks.stream().mapToInt(List::size).sum();
    }

    private void deliver(Due delivery) {
        try {
            DeliveryFailure failure = send(delivery);
            QuarkusTransaction.requiringNew().run(() -> {
                try (Connection c = dataSource.getConnection()) {
                    if (failure == null) {
                        succeeded(c, delivery);
                    } else {
                        failed(c, delivery, failure);
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("delivery %s: its outcome was not recorded (%s); it is tried again when its lease ends",
                    delivery.id(), e.getMessage());
        }
    }

    /** Which lane a delivery goes in: its webhook, or the mail relay for every email. */
    private static String lane(Due delivery) {
        return delivery.channel() == Channel.EMAIL ? MAIL_LANE : delivery.recipient();
    }

    private int capacity(String lane) {
        return MAIL_LANE.equals(lane) ? 1 : perRecipient;
    }

    /**
     * Claims up to {@code limit} due deliveries of {@code channel} by leasing them (not due again until the lease runs
     * out): at most {@code eachRecipient} to one recipient, and none to the {@code busy} ones.
     */
    private List<Due> claim(Connection c, Channel channel, int limit, int eachRecipient, List<String> busy)
            throws SQLException {
        if (limit <= 0) {
            return List.of();
        }
        List<Due> due = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("""
                select id, event_id, event_type, rule, channel, ods_code, recipient, subject, body, attempts from delivery
                where id in (select id from (select id, row_number() over (partition by recipient order by next_attempt_at) nth
                                             from delivery where status = 'PENDING' and next_attempt_at <= ?
                                             and channel = ? and recipient <> all(?)) ranked
                             where nth <= ?)
                order by next_attempt_at limit ? for update skip locked""")) {
            select.setTimestamp(1, Timestamp.from(time.now()));
            select.setString(2, channel.name());
            select.setArray(3, c.createArrayOf("text", busy.toArray()));
            select.setInt(4, eachRecipient);
            select.setInt(5, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    due.add(new Due(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                            Channel.valueOf(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getString(9), rs.getInt(10)));
                }
            }
        }
        try (PreparedStatement lease = c.prepareStatement("update delivery set next_attempt_at = ? where id = any(?)")) {
            lease.setTimestamp(1, Timestamp.from(time.now().plus(LEASE)));
            lease.setArray(2, c.createArrayOf("uuid", due.stream().map(Due::id).toArray()));
            lease.executeUpdate();
        }
        return due;
    }

    /** Sends one delivery; returns null on success, else why it failed. */
    private DeliveryFailure send(Due delivery) {
        if (delivery.channel() == Channel.EMAIL) {
            try {
                mailer.send(Mail.withText(delivery.recipient(), "[TOM Assure] " + delivery.subject(), delivery.body()));
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
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void succeeded(Connection c, Due d) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "update delivery set status = 'SENT', attempts = attempts + 1, sent_at = ?, last_error = null where id = ?")) {
            update.setTimestamp(1, Timestamp.from(time.now()));
            update.setObject(2, d.id());
            update.executeUpdate();
        }
        publish(d, d.attempts() + 1, false, null);
    }

    private void failed(Connection c, Due d, DeliveryFailure failure) throws SQLException {
        int attempts = d.attempts() + 1;
        boolean dead = backoff.exhausted(attempts);
        try (PreparedStatement update = c.prepareStatement(
                "update delivery set status = ?, attempts = ?, next_attempt_at = ?, last_error = ? where id = ?")) {
            update.setString(1, dead ? "DEAD" : "PENDING");
            update.setInt(2, attempts);
            update.setTimestamp(3, Timestamp.from(time.now().plus(backoff.after(attempts, ThreadLocalRandom.current()))));
            update.setString(4, failure.category());
            update.setObject(5, d.id());
            update.executeUpdate();
        }
        if (dead) {
            LOG.warnf("delivery %s (%s to %s) given up after %d attempts: %s", d.id(), d.channel(), d.odsCode(), attempts,
                    failure.category());
            publish(d, attempts, true, failure.category());
        }
    }

    private void publish(Due d, int attempts, boolean dead, String failure) {
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
