package io.tomassure.events;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Hands each event to the handler of its type, with its payload as the catalogue's record: what a fold of logged
 * events into a state needs. Events of other types are passed over.
 *
 * @param <S> the state the handlers change
 */
public final class EventRouter<S> {

    private final Map<String, BiConsumer<S, EventEnvelope>> routes = new HashMap<>();

    public <P> EventRouter<S> on(EventType<P> type, BiConsumer<S, P> handler) {
        routes.put(type.name(), (state, event) -> handler.accept(state, event.dataAs(type)));
        return this;
    }

    /** Whether the event was of a type routed here (and so handled). */
    public boolean route(S state, EventEnvelope event) {
        BiConsumer<S, EventEnvelope> route = routes.get(event.type());
        if (route != null) {
            route.accept(state, event);
        }
        return route != null;
    }
}
