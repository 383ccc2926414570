package io.tomassure.notification.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tomassure.notification.domain.Channel;
import io.tomassure.notification.repository.DeliveryRepository.Delivery;
import io.tomassure.notification.rest.GreenMailResource;
import io.tomassure.notification.rest.WebhookReceivers;
import io.tomassure.testing.TomTestEnvironment;

/**
 * A delivery is sent by one instance at a time: a claim leases it, a claimed delivery is not claimed again while its
 * lease runs, and an instance whose lease ran out (while the delivery waited in its batch) finds, when it renews the
 * lease before sending, that another instance holds it now, and leaves it.
 */
@QuarkusTest
@WithTestResource(TomTestEnvironment.class)
@WithTestResource(GreenMailResource.class)
@WithTestResource(WebhookReceivers.class)
class DeliveryLeaseTest {

    @Inject
    DeliveryRepository deliveries;

    @Test
    void aLeaseRunOutIsTakenOverAndItsFormerHolderLeavesTheDelivery() {
        // Due a day from now, so that the service's own dispatcher, on the real clock, never takes it.
        Instant due = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MICROS);
        String recipient = "lease-" + UUID.randomUUID() + "@example.org";
        Delivery delivery = new Delivery(UUID.randomUUID(), UUID.randomUUID(), "tom.approval.go-live-ready", "go-live-ready",
                Channel.EMAIL, "RXX01", recipient, "Go-live is ready", "body", 0);
        QuarkusTransaction.requiringNew().run(() -> deliveries.insert(delivery, "PENDING", due, null));

        Instant firstLease = due.plus(Duration.ofMinutes(2));
        assertThat(claim(due, firstLease)).containsExactly(delivery.id());
        assertThat(claim(due.plusSeconds(60), due.plusSeconds(180))).as("leased: not due again before its lease ends").isEmpty();

        // The first holder's lease runs out before it gets to this delivery; another instance claims it.
        Instant secondLease = firstLease.plus(Duration.ofMinutes(2)).plusSeconds(1);
        assertThat(claim(firstLease.plusSeconds(1), secondLease)).containsExactly(delivery.id());
        assertThat(renew(delivery.id(), firstLease, secondLease.plusSeconds(5))).as("the former holder leaves it").isFalse();
        assertThat(renew(delivery.id(), secondLease, secondLease.plusSeconds(5))).as("the holder renews it").isTrue();

        // Sent, it is nobody's to renew.
        QuarkusTransaction.requiringNew().run(() -> deliveries.markSent(delivery.id(), secondLease));
        assertThat(renew(delivery.id(), secondLease.plusSeconds(5), secondLease.plusSeconds(10))).isFalse();
    }

    private List<UUID> claim(Instant now, Instant leasedUntil) {
        return QuarkusTransaction.requiringNew().call(() -> deliveries.claim(Channel.EMAIL, 100, 100, List.of(), now,
                leasedUntil)).stream().filter(d -> d.recipient().startsWith("lease-")).map(Delivery::id).toList();
    }

    private boolean renew(UUID id, Instant held, Instant until) {
        return QuarkusTransaction.requiringNew().call(() -> deliveries.renewLease(id, held, until));
    }
}
