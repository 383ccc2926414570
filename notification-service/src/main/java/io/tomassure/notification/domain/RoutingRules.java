package io.tomassure.notification.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The routing rules, as data (routing-rules.json): an event may match several. */
public record RoutingRules(List<Rule> rules) {

    public static RoutingRules load(InputStream json) {
        try (json) {
            return new RoutingRules(new ObjectMapper().readValue(json, new TypeReference<List<Rule>>() {
            }));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the routing rules", e);
        }
    }

    public static RoutingRules standard() {
        return load(RoutingRules.class.getResourceAsStream("/routing-rules.json"));
    }

    public List<Rule> matching(String type, JsonNode data) {
        return rules.stream().filter(r -> r.matches(type, data)).toList();
    }

    public Rule rule(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no routing rule " + id));
    }
}
