package io.tomassure.support.concurrency;

import io.tomassure.support.problem.Problem;
import io.tomassure.support.problem.ProblemException;

/**
 * Optimistic concurrency over HTTP: a resource's ETag is its version; a change must quote it in If-Match, so
 * concurrent edits are refused (412) instead of silently overwriting each other.
 */
public final class Preconditions {

    private Preconditions() {
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** Refuses the change unless {@code ifMatch} names the current version (428 when absent, 412 when stale). */
    public static void requireMatch(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(Problem.of(428, "precondition-required", "If-Match required",
                    "Send the ETag you last read in an If-Match header, so that concurrent changes are not overwritten")
                    .with("etag", etag(currentVersion)));
        }
        String expected = etag(currentVersion);
        if (!matches(ifMatch, expected)) {
            throw new ProblemException(Problem.of(412, "precondition-failed", "Changed meanwhile",
                    "This resource changed since you read it (your If-Match is " + ifMatch + ", it is now " + expected
                            + "); fetch it again and reapply your change").with("etag", expected));
        }
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
