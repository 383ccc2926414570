package io.tomassure.support.concurrency;

import java.util.Arrays;
import java.util.function.Supplier;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import io.tomassure.support.problem.Problem;
import io.tomassure.support.problem.ProblemException;

/**
 * Optimistic concurrency and revalidation over HTTP: a resource's ETag is its version, or the versions of everything
 * its representation is made of; a change must quote it in If-Match, so concurrent edits are refused (412) instead of
 * silently overwriting each other, and a read that quotes it in If-None-Match gets 304 while it holds.
 */
public final class Preconditions {

    private Preconditions() {
    }

    /**
     * A strong tag: a version, or several, each moving when its part of the representation changes ({@code "3"},
     * {@code "3.17"}).
     */
    public static String etag(long... versions) {
        return "\"" + String.join(".", Arrays.stream(versions).mapToObj(Long::toString).toList()) + "\"";
    }

    /** Refuses the change unless {@code ifMatch} names the current version (428 when absent, 412 when stale). */
    public static void requireMatch(String ifMatch, long currentVersion) {
        requireMatch(ifMatch, etag(currentVersion));
    }

    /** Refuses the change unless {@code ifMatch} names the current tag {@code expected} (428 when absent, 412 when stale). */
    public static void requireMatch(String ifMatch, String expected) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(Problem.of(428, "precondition-required", "If-Match required",
                    "Send the ETag you last read in an If-Match header, so that concurrent changes are not overwritten")
                    .with("etag", expected));
        }
        if (!matches(ifMatch, expected)) {
            throw new ProblemException(Problem.of(412, "precondition-failed", "Changed meanwhile",
                    "This resource changed since you read it (your If-Match is " + ifMatch + ", it is now " + expected
                            + "); fetch it again and reapply your change").with("etag", expected));
        }
    }

    /** Whether {@code ifMatch} is {@code *}: any stored version will do. */
    public static boolean anyVersion(String ifMatch) {
        return ifMatch != null && ifMatch.strip().equals("*");
    }

    /**
     * The version {@code ifMatch} names when it is one strong tag of a single version ({@code "3"}), for a store to
     * guard its write on; -1 for anything else (absent, {@code *}, a list, a weak tag), which the caller then settles
     * with {@link #requireMatch} against the stored version.
     */
    public static long quotedVersion(String ifMatch) {
        String tag = ifMatch == null ? "" : ifMatch.strip();
        if (tag.length() < 3 || tag.charAt(0) != '"' || tag.charAt(tag.length() - 1) != '"') {
            return -1;
        }
        String digits = tag.substring(1, tag.length() - 1);
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException beyondALong) {
            return -1;
        }
    }

    /**
     * Whether a read quoting {@code ifNoneMatch} may be answered 304 (RFC 9110, 13.1.2): If-None-Match uses the weak
     * comparison, so {@code W/"3"} matches {@code "3"}.
     */
    public static boolean notModified(String ifNoneMatch, String current) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String candidate = tag.trim();
            if (candidate.equals("*") || (candidate.startsWith("W/") ? candidate.substring(2) : candidate).equals(current)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A conditional read: 304 with its tag while {@code ifNoneMatch} names it (the representation is not built),
     * otherwise what {@code ok} builds, with its tag.
     */
    public static Response read(String ifNoneMatch, String etag, Supplier<Response.ResponseBuilder> ok) {
        return (notModified(ifNoneMatch, etag) ? Response.notModified() : ok.get()).header(HttpHeaders.ETAG, etag).build();
    }

    /**
     * If-Match uses the strong comparison (RFC 9110, 13.1.1): a weak tag ({@code W/"3"}) never matches, since it
     * only promises an equivalent representation, not the same version.
     */
    private static boolean matches(String ifMatch, String expected) {
        for (String tag : ifMatch.split(",")) {
            String candidate = tag.trim();
            if (candidate.equals("*") || candidate.equals(expected)) {
                return true;
            }
        }
        return false;
    }
}
