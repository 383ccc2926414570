package io.tomassure.support.problem;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * What is wrong with a request body, in the client's terms: the field, and what it should have been. Jackson's own
 * messages name our classes ("Cannot deserialize value of type `io.tomassure...`"), which a client has no use for
 * and an attacker would; none of their text reaches a response.
 */
public final class JsonFaults {

    private JsonFaults() {
    }

    /** The JSON path of the offending value ({@code nonConformance.risk}, {@code rows[2].answer}), "" for the root. */
    public static String field(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping)) {
            return "";
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** What was expected where the body went wrong, without naming any class. */
    public static String describe(JsonProcessingException e) {
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "must be " + expected(mismatch.getTargetType());
        }
        if (e instanceof JsonMappingException) {
            return "cannot be read";
        }
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 0 ? "is not valid JSON"
                : "is not valid JSON (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    /** A type as a client knows it: JSON kinds and formats, and the values of an enumeration. */
    static String expected(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).toList();
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (type == LocalDate.class) {
            return "a date (YYYY-MM-DD)";
        }
        if (type == Instant.class || type == OffsetDateTime.class) {
            return "a date and time (ISO 8601, e.g. 2026-01-31T09:00:00Z)";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.") ? "an object" : "a value of another type";
    }
}
