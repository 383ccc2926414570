package io.tomassure.notification.domain;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A routing rule: which event (and, optionally, which values of its data fields) is whose cue, by which contact
 * roles of which party. {@code mandatory} notices (escalations, suspensions) ignore an organisation's mutes.
 */
public record Rule(String id, String event, Map<String, List<String>> when, List<Target> tell, boolean mandatory,
        String title) {

    /** Who is told: the event's supplier, its EUO, or NHS Digital; and which of their contact roles. */
    public record Target(Party party, List<String> roles) {
    }

    public enum Party {
        SUPPLIER("supplierOds"), EUO("euoOds"), NHS_DIGITAL(null);

        private final String field;

        Party(String field) {
            this.field = field;
        }

        /** The data field naming this party's organisation (NHS Digital is every NHS Digital organisation). */
        public String field() {
            return field;
        }
    }

    public Rule {
        when = when == null ? Map.of() : Map.copyOf(when);
        tell = List.copyOf(tell);
    }

    public boolean matches(String type, JsonNode data) {
        if (!event.equals(type)) {
            return false;
        }
        for (Map.Entry<String, List<String>> condition : when.entrySet()) {
            JsonNode value = data == null ? null : data.get(condition.getKey());
            if (value == null || !condition.getValue().contains(value.asText())) {
                return false;
            }
        }
        return true;
    }
}
