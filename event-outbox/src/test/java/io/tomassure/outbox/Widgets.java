package io.tomassure.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import java.util.concurrent.CompletionStage;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.tomassure.events.EventEnvelope;
import io.tomassure.events.EventType;

/** A toy service: a state change that records an event, and a consumer whose effect is countable. */
@ApplicationScoped
public class Widgets {

    public record WidgetNamed(String id, String name) {
    }

    public static final String TOPIC = "tom.test.widgets";
    public static final EventType<WidgetNamed> NAMED = EventType.of("tom.test.widget-named", TOPIC, WidgetNamed.class);

    static final String REFUSED = "refused";

    final DataSource dataSource;
    final Outbox outbox;
    final EventInbox inbox;

    Widgets(DataSource dataSource, Outbox outbox, EventInbox inbox) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.inbox = inbox;
    }

    /** Names a widget and records the event; {@code failAfterwards} rolls the whole change back. */
    @Transactional
    public EventEnvelope name(String id, String name, boolean failAfterwards) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement(
                        "insert into widget (id, name) values (?, ?) on conflict (id) do update set name = excluded.name")) {
            upsert.setString(1, id);
            upsert.setString(2, name);
            upsert.executeUpdate();
        }
        EventEnvelope event = outbox.record(NAMED, id, new WidgetNamed(id, name));
        if (failAfterwards) {
            throw new IllegalStateException("the change is refused after the event was recorded");
        }
        return event;
    }

    @Incoming("widget-events")
    @Blocking
    public CompletionStage<Void> onWidgetEvents(KafkaRecordBatch<String, String> batch) {
        return inbox.consume("outbox-test", batch, EventInbox.eachEvent(this::tally));
    }

    /** Counts the event; a widget named {@value #REFUSED} is refused, as an event no code change will fix. */
    private void tally(EventEnvelope event) {
        WidgetNamed named = event.dataAs(NAMED);
        if (REFUSED.equals(named.name())) {
            throw new UnprocessableEventException("widget " + named.id() + " may not be named " + REFUSED);
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into widget_tally (event_id, widget_id) values (?, ?)")) {
            insert.setObject(1, event.id());
            insert.setString(2, named.id());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    long count(String sql, Object parameter) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, parameter);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
