package io.tomassure.support.problem;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail. {@code type} is a stable URN per kind of problem that clients can branch on;
 * {@code errors} names the offending fields of a request; other members ({@code blockers}, {@code missing}, …)
 * go in {@code extensions}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        URI type,
        String title,
        int status,
        String detail,
        String instance,
        List<FieldError> errors,
        @JsonAnyGetter Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:tomassure:problem:";

    /** One offending part of a request: where (a JSON path, a parameter or a header) and what is wrong. */
    public record FieldError(String field, String message) {
    }

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(URI.create(TYPE_PREFIX + slug), title, status, detail, null, List.of(), Map.of());
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, fieldErrors, extensions);
    }

    public Problem with(String member, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(member, value);
        return new Problem(type, title, status, detail, instance, errors, more);
    }

    public Problem at(String requestPath) {
        return new Problem(type, title, status, detail, requestPath, errors, extensions);
    }

    /** The slug of {@code type}: "validation" for {@code urn:tomassure:problem:validation}. */
    public String slug() {
        String uri = type.toString();
        return uri.startsWith(TYPE_PREFIX) ? uri.substring(TYPE_PREFIX.length()) : uri;
    }
}
