package io.tomassure.notification.service;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.tomassure.events.notification.NotificationEvents;
import io.tomassure.notification.domain.Backoff;
import io.tomassure.notification.domain.WebhookSignature;
import io.tomassure.outbox.Outbox;
import io.tomassure.support.time.TimeSource;

/**
 * Sends pending email and webhook deliveries: a delivered one is marked and published; a failed one is retried
 * with exponential back-off and jitter, and given up (DEAD, published) after a bound, to be re-driven by an admin.
 * Due rows are claimed in a short transaction that leases them (SKIP LOCKED, so instances share the work); sending
 * happens outside any transaction, so a slow receiver cannot roll back what was already sent; each outcome is
 * recorded, with its event, in a transaction of its own. A process that dies mid-send lets the lease expire and
 * the delivery is tried again: at least once, with X-TOM-Delivery for receivers to de-duplicate.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    /** Longer than any send can take (2 s connect + 5 s request, or an SMTP exchange). */
    private static final Duration LEASE = Duration.ofMinutes(2);

    private record Due(UUID id, UUID eventId, String eventType, String rule, String channel, String odsCode,
            String recipient, String subject, String body, int attempts) {
    }

    private final DataSource dataSource;
    private final Mailer mailer;
    private final Outbox outbox;
    private final TimeSource time;
    private final Backoff backoff;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Dispatcher(DataSource dataSource, Mailer mailer, Outbox outbox, TimeSource time,
            @ConfigProperty(name = "tom.notification.retry.base", defaultValue = "2s") Duration base,
            @ConfigProperty(name = "tom.notification.retry.cap", defaultValue = "10m") Duration cap,
            @ConfigProperty(name = "tom.notification.retry.max-attempts", defaultValue = "6") int maxAttempts) {
        this.dataSource = dataSource;
        this.mailer = mailer;
        this.outbox = outbox;
        this.time = time;
        this.backoff = new Backoff(base, cap, maxAttempts);
    }

    @Scheduled(every = "${tom.notification.dispatch-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void dispatchPeriodically() {
        try {
            dispatchDue();
        } catch (RuntimeException e) {
            LOG.warnf("dispatch failed: %s", e.getMessage());
        }
    }

    /** Sends what is due now; returns how many deliveries were attempted. */
    public int dispatchDue() {
        List<Due> due = QuarkusTransaction.requiringNew().call(this::claim);
        for (Due delivery : due) {
            String error = send(delivery);
            QuarkusTransaction.requiringNew().run(() -> {
                try (Connection c = dataSource.getConnection()) {
                    if (error == null) {
                        succeeded(c, delivery);
                    } else {
                        failed(c, delivery, error);
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        return due.size();
    }

    /** Claims due deliveries by leasing them: not due again until the lease runs out. */
    private List<Due> claim() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement("""
                select id, event_id, event_type, rule, channel, ods_code, recipient, subject, body, attempts from delivery
                where status = 'PENDING' and next_attempt_at <= ? order by next_attempt_at limit 20
                for update skip locked""")) {
            select.setTimestamp(1, Timestamp.from(time.now()));
            List<Due> due = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    due.add(new Due(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getInt(10)));
                }
            }
            try (PreparedStatement lease = c.prepareStatement("update delivery set next_attempt_at = ? where id = any(?)")) {
                lease.setTimestamp(1, Timestamp.from(time.now().plus(LEASE)));
                lease.setArray(2, c.createArrayOf("uuid", due.stream().map(Due::id).toArray()));
                lease.executeUpdate();
            }
            return due;
        }
    }

    /** Sends one delivery; returns null on success, else why it failed. */
    private String send(Due delivery) {
        try {
            if ("EMAIL".equals(delivery.channel())) {
                mailer.send(Mail.withText(delivery.recipient(), "[TOM Assure] " + delivery.subject(), delivery.body()));
                return null;
            }
            String[] webhook = webhook(UUID.fromString(delivery.recipient()));
            if (webhook == null) {
                return "the webhook was removed";
            }
            long timestamp = time.now().getEpochSecond();
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(webhook[0]))
                    .timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/cloudevents+json; charset=UTF-8")
                    .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                    .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(webhook[1], timestamp, delivery.body()))
                    .header("X-TOM-Delivery", delivery.id().toString())
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.body())).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2 ? null : "the receiver answered " + response.statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
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

    private void failed(Connection c, Due d, String error) throws SQLException {
        int attempts = d.attempts() + 1;
        boolean dead = backoff.exhausted(attempts);
        try (PreparedStatement update = c.prepareStatement(
                "update delivery set status = ?, attempts = ?, next_attempt_at = ?, last_error = ? where id = ?")) {
            update.setString(1, dead ? "DEAD" : "PENDING");
            update.setInt(2, attempts);
            update.setTimestamp(3, Timestamp.from(time.now().plus(backoff.after(attempts, ThreadLocalRandom.current()))));
            update.setString(4, error);
            update.setObject(5, d.id());
            update.executeUpdate();
        }
        if (dead) {
            LOG.warnf("delivery %s (%s to %s) given up after %d attempts: %s", d.id(), d.channel(), d.odsCode(), attempts, error);
            publish(d, attempts, true, error);
        }
    }

    private void publish(Due d, int attempts, boolean dead, String error) {
        outbox.record(dead ? NotificationEvents.FAILED : NotificationEvents.DELIVERED, d.id().toString(),
                new NotificationEvents.Delivery(d.id(), d.eventId(), d.eventType(), d.rule(), d.channel(), d.odsCode(),
                        "EMAIL".equals(d.channel()) ? d.recipient() : "webhook " + d.recipient(), attempts, dead, error,
                        Notices.SELF));
    }

    private String[] webhook(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("select url, secret from webhook where id = ? and active")) {
            select.setObject(1, id);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? new String[] { rs.getString(1), rs.getString(2) } : null;
            }
        }
    }
}
