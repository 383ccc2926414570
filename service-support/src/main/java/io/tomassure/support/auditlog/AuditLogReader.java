package io.tomassure.support.auditlog;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.Tokens;
import io.tomassure.events.EventEnvelope;
import io.tomassure.events.EventJson;
import io.tomassure.events.EventRouter;
import io.tomassure.support.problem.Problem;
import io.tomassure.support.problem.ProblemException;

/**
 * Reads the central audit log as this service (its own client-credentials token, with the auditor role), so that a
 * replay sees every entry about an object whatever the caller's organisation: the caller's right to see the object
 * is checked where the object lives, before the log is read.
 */
@ApplicationScoped
public class AuditLogReader {

    private static final Logger LOG = Logger.getLogger(AuditLogReader.class);
    private static final int PAGE = 200;
    /**
     * The most entries one replay reads: a TOM's whole history is a few thousand; more would make any reader of a TOM
     * able to load the log and this service heavily with one request.
     */
    static final int MAX_ENTRIES = 20_000;
    private static final Duration TOKEN_WAIT = Duration.ofSeconds(10);

    /** A logged event: its place in the log, its hash, and the event as its producer sent it. */
    public record Logged(long seq, String hash, EventEnvelope event) {
    }

    private final AuditLogApi api;
    private final OidcClient oidc;
    private volatile Tokens tokens;

    AuditLogReader(@RestClient AuditLogApi api, OidcClient oidc) {
        this.api = api;
        this.oidc = oidc;
    }

    /** Which entries to read: those matching every field given (null: any). */
    public record Filter(UUID assessment, UUID deployment, String type, String organisation) {

        public static Filter assessment(UUID id) {
            return new Filter(id, null, null, null);
        }

        public static Filter deployment(UUID id) {
            return new Filter(null, id, null, null);
        }

        public static Filter typeAbout(String type, String organisation) {
            return new Filter(null, null, type, organisation);
        }
    }

    /**
     * Every entry matching any of {@code filters} whose event happened at or before {@code asOf}, each once, in log
     * order.
     */
    public List<Logged> upTo(Instant asOf, Filter... filters) {
        Map<Long, Logged> logged = new TreeMap<>();
        int read = 0;
        for (Filter filter : filters) {
            Long after = null;
            do {
                if (read >= MAX_ENTRIES) {
                    throw new ProblemException(Problem.of(422, "history-too-long", "History too long to replay",
                            "More than " + MAX_ENTRIES + " log entries would be read to replay this; ask NHS Digital for an "
                                    + "export of the audit log instead"));
                }
                Long from = after;
                AuditLogApi.Entries page = call(() -> api.entries(bearer(), filter.assessment(), filter.deployment(),
                        filter.type(), filter.organisation(), from, PAGE));
                read += page.items().size();
                for (AuditLogApi.Entry entry : page.items()) {
                    EventEnvelope event = EventJson.read(entry.event());
                    if (!event.time().toInstant().isAfter(asOf)) {
                        logged.putIfAbsent(entry.seq(), new Logged(entry.seq(), entry.hash(), event));
                    }
                }
                after = page.next() == null ? null : Long.valueOf(page.next());
            } while (after != null);
        }
        return List.copyOf(logged.values());
    }

    /** The log entry a replay rests on: the last one it folded, with its inclusion proof (null until sealed). */
    public record Anchor(long seq, String hash, JsonNode proof) {
    }

    /** The anchor of a replay over {@code logged} (not empty): its last entry, and that entry's proof. */
    public Anchor anchor(List<Logged> logged) {
        Logged last = logged.get(logged.size() - 1);
        return new Anchor(last.seq(), last.hash(), proof(last.seq()));
    }

    /**
     * Folds {@code logged} into {@code state} through {@code router}. An entry that cannot be read as its type says
     * (a payload not of its type's shape, a name no enum knows) is handed to {@code unreadable}, so that the replay
     * answers with a gap, not an error.
     */
    public static <S> void fold(List<Logged> logged, EventRouter<S> router, S state, BiConsumer<S, String> unreadable) {
        for (Logged entry : logged) {
            try {
                router.route(state, entry.event());
            } catch (RuntimeException e) {
                unreadable.accept(state, "entry " + entry.seq() + " (" + entry.event().type() + ") cannot be read: "
                        + e.getMessage());
            }
        }
    }

    /** The refusal of a replay whose history has a gap: it would not be the truth. */
    public static ProblemException incomplete(String what, Instant asOf, String gap) {
        return ProblemException.conflict("history-incomplete", "History incomplete",
                what + " cannot be replayed to " + asOf + ": " + gap + ". Replay to a later instant.");
    }

    /** A replay tells what was, up to now: a later instant is refused before the log is read. */
    public static void requirePast(Instant asOf, Instant now) {
        if (asOf.isAfter(now)) {
            throw ProblemException.invalid("asOf", "asOf is in the future: the log tells what was, up to now");
        }
    }

    /** The inclusion proof of entry {@code seq} in the latest signed checkpoint; null until a checkpoint covers it. */
    public JsonNode proof(long seq) {
        return call(() -> {
            try {
                return api.proof(bearer(), seq);
            } catch (WebApplicationException e) {
                if (e.getResponse().getStatus() == 409) {
                    return null; // not sealed yet: the log seals every few seconds
                }
                throw e;
            }
        });
    }

    private String bearer() {
        Tokens current = tokens;
        if (current == null || current.isAccessTokenExpired()) {
            current = oidc.getTokens().await().atMost(TOKEN_WAIT);
            tokens = current;
        }
        return "Bearer " + current.getAccessToken();
    }

    private static <T> T call(java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (WebApplicationException e) {
            LOG.warnf("the audit log answered %d", e.getResponse().getStatus());
            throw unavailable();
        } catch (RuntimeException e) { // the connection refused or cut, a body not understood
            LOG.warnf("the audit log could not be read: %s", e.toString());
            throw unavailable();
        }
    }

    private static ProblemException unavailable() {
        return new ProblemException(Problem.of(503, "audit-log-unavailable", "Audit log unavailable",
                "The state at an earlier instant is replayed from the central audit log, which cannot be read now; try again"));
    }
}
