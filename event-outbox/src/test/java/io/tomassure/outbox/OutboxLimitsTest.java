package io.tomassure.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeoutException;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

import io.tomassure.events.EventEnvelope;
import io.tomassure.events.EventJson;

class OutboxLimitsTest {

    private static final EventEnvelope EVENT = EventEnvelope.of(Widgets.NAMED, "/tom/test", "w-1",
            new Widgets.WidgetNamed("w-1", "name"));

    @Test
    void onlyARefusalOfTheRecordItselfIsForGood() {
        assertThat(PublishOutcome.refusedForGood(new RecordTooLargeException("1524510 bytes"))).isTrue();
        assertThat(PublishOutcome.refusedForGood(new RecordBatchTooLargeException("batch"))).isTrue();
        assertThat(PublishOutcome.refusedForGood(new InvalidRecordException("bad"))).isTrue();
        assertThat(PublishOutcome.refusedForGood(new SerializationException("bad"))).isTrue();
        // The broker away, short of replicas or misconfigured: time or an operator mends these; events wait in order.
        assertThat(PublishOutcome.refusedForGood(new NetworkException("down"))).isFalse();
        assertThat(PublishOutcome.refusedForGood(new NotEnoughReplicasException("isr"))).isFalse();
        assertThat(PublishOutcome.refusedForGood(new TopicAuthorizationException("acl"))).isFalse();
        assertThat(PublishOutcome.refusedForGood(new TimeoutException())).isFalse();
        assertThat(new PublishOutcome(3, null).refusedForGood()).isFalse();
    }

    @Test
    void anEventIsMeasuredInBytesOfUtf8() {
        String json = EventJson.write(EVENT);
        int size = json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;

        assertThatNoException().isThrownBy(() -> Outbox.refuseIfTooLarge(EVENT, json, size));
        assertThatThrownBy(() -> Outbox.refuseIfTooLarge(EVENT, json, size - 1)).isInstanceOf(EventTooLargeException.class)
                .satisfies(e -> assertThat(((EventTooLargeException) e).size()).isEqualTo(size));
        // Three bytes a character: 'é' is two, '€' three; counted, not guessed from the length.
        String wide = json.replace("name", "€€€€");
        int wideSize = wide.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        assertThatThrownBy(() -> Outbox.refuseIfTooLarge(EVENT, wide, wideSize - 1)).isInstanceOf(EventTooLargeException.class);
        assertThatNoException().isThrownBy(() -> Outbox.refuseIfTooLarge(EVENT, wide, wideSize));
    }
}
