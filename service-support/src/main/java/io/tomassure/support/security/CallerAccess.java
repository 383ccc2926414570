package io.tomassure.support.security;

import java.util.function.Predicate;

import io.tomassure.support.problem.ProblemException;

/**
 * What each service's {@code Access} is built on: who is calling, and loading only what the caller may see.
 * Anything else is "not found", not "forbidden", so that ids of other organisations' objects do not leak.
 */
public abstract class CallerAccess {

    private final Caller caller;

    protected CallerAccess(Caller caller) {
        this.caller = caller;
    }

    public Viewer viewer() {
        return caller.viewer();
    }

    public String username() {
        return caller.username();
    }

    /** The caller's organisation, required for acting on its behalf. */
    public String organisation() {
        return caller.organisation().orElseThrow(() -> ProblemException.forbidden(
                "Your token carries no organisation (claim 'org'): you cannot act for one"));
    }

    /**
     * {@code found} when it exists and the caller may see it; otherwise 404 naming {@code what}, which must be only
     * what the caller sent (its id), never what stands behind it.
     */
    protected static <T> T visible(T found, Predicate<T> seen, String what) {
        if (found == null || !seen.test(found)) {
            throw ProblemException.notFound(what);
        }
        return found;
    }
}
