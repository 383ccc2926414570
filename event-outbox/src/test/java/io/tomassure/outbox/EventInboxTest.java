package io.tomassure.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.tomassure.events.EventEnvelope;
import io.tomassure.outbox.EventInbox.Delivery;

class EventInboxTest {

    private static Delivery delivery(String name) {
        EventEnvelope event = EventEnvelope.of(Widgets.NAMED, "/test", name, new Widgets.WidgetNamed(name, name));
        return new Delivery(event, name);
    }

    @Test
    void onlyNewlyMarkedEventsAreAppliedEachOnceInDeliveryOrder() {
        Delivery a = delivery("a");
        Delivery b = delivery("b");
        Delivery c = delivery("c");
        Delivery again = new Delivery(a.event(), "a, redelivered");

        List<Delivery> fresh = EventInbox.firstDeliveries(List.of(a, b, again, c), Set.of(c.event().id(), a.event().id()));

        assertThat(fresh).containsExactly(a, c);
    }

    @Test
    void nothingIsAppliedWhenEverythingWasProcessedBefore() {
        assertThat(EventInbox.firstDeliveries(List.of(delivery("a")), Set.of())).isEmpty();
    }
}
