package io.tomassure.support.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

class JsonFaultsTest {

    enum Rag { RED, AMBER, GREEN }

    record Detail(Rag risk, LocalDate due) {
    }

    record Request(String answer, int count, UUID id, List<Detail> details) {
    }

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void aWrongValueIsDescribedByFieldAndExpectationNeverByClass() {
        assertFault("{\"details\":[{\"risk\":\"PURPLE\"}]}", "details[0].risk", "must be one of [RED, AMBER, GREEN]");
        assertFault("{\"details\":[{\"due\":\"tomorrow\"}]}", "details[0].due", "must be a date (YYYY-MM-DD)");
        assertFault("{\"count\":\"many\"}", "count", "must be a whole number");
        assertFault("{\"id\":\"not-a-uuid\"}", "id", "must be a UUID");
        assertFault("{\"details\":{\"risk\":\"RED\"}}", "details", "must be an array");
        assertFault("[1, 2]", "", "must be an object");
    }

    @Test
    void brokenJsonSaysWhere() {
        JsonProcessingException e = fault("{\"answer\": \"Compliant\",");
        assertThat(JsonFaults.field(e)).isEmpty();
        assertThat(JsonFaults.describe(e)).startsWith("is not valid JSON (line 1, column");
    }

    private void assertFault(String body, String field, String description) {
        JsonProcessingException e = fault(body);
        assertThat(JsonFaults.field(e)).isEqualTo(field);
        assertThat(JsonFaults.describe(e)).isEqualTo(description).doesNotContain("io.tomassure", "java.", "`");
    }

    private JsonProcessingException fault(String body) {
        return catchThrowableOfType(JsonProcessingException.class, () -> json.readValue(body, Request.class));
    }
}
