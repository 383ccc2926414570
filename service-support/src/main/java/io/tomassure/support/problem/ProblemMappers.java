package io.tomassure.support.problem;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.tomassure.outbox.EventTooLargeException;

/**
 * Turns every failure into an RFC 9457 {@code application/problem+json} response. Nothing leaks a stack trace:
 * an unexpected failure is logged with an id that the 500 response quotes.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.problem(), uri);
    }

    @ServerExceptionMapper
    public Response invalidBean(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .toList();
        return respond(Problem.of(400, "validation", "Invalid request", "The request has " + errors.size()
                + " invalid value(s)").withErrors(errors), uri);
    }

    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        String field = JsonFaults.field(e);
        String problem = JsonFaults.describe(e);
        Problem malformed = Problem.of(400, "malformed-request", "Malformed request body",
                field.isEmpty() ? "The body " + problem : "The body's '" + field + "' " + problem);
        return respond(field.isEmpty() ? malformed : malformed.withErrors(List.of(new Problem.FieldError(field, problem))),
                uri);
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(respond(Problem.of(401, "unauthorized", "Unauthorized",
                "A valid bearer access token is required"), uri))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response identityProviderDown(OIDCException e, UriInfo uri) {
        LOG.warnf("cannot verify a token, the identity provider is unreachable: %s", e.getMessage());
        return Response.fromResponse(respond(Problem.of(503, "identity-provider-unavailable",
                "Identity provider unavailable", "Tokens cannot be verified right now; try again shortly"), uri))
                .header(HttpHeaders.RETRY_AFTER, "5").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of(403, "forbidden", "Forbidden", "Your role does not allow this operation"), uri);
    }

    /** The change would publish an event the broker could never take: refused, and rolled back with the change. */
    @ServerExceptionMapper
    public Response eventTooLarge(EventTooLargeException e, UriInfo uri) {
        return respond(Problem.of(413, "change-too-large", "Change too large",
                "This change would publish an event of " + e.size() + " bytes; a change may publish at most "
                        + e.limit() + ". Make it in smaller parts.").with("maxEventBytes", e.limit()), uri);
    }

    @ServerExceptionMapper({ OptimisticLockException.class, StaleStateException.class })
    public Response concurrentChange(RuntimeException e, UriInfo uri) {
        return respond(Problem.of(412, "precondition-failed", "Changed meanwhile",
                "Someone else changed this resource while your change was being applied; fetch it again and retry"), uri);
    }

    /** Two writers raced to create the same thing: the loser is told, nothing is half-written. */
    @ServerExceptionMapper
    public Response duplicate(org.hibernate.exception.ConstraintViolationException e, UriInfo uri) {
        return respond(Problem.of(409, "conflict", "Conflict",
                "This clashes with something that exists already or was created at the same moment; fetch it and retry"), uri);
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri, SimpleResourceInfo resource) {
        if (e.getCause() instanceof JsonProcessingException json) { // the REST layer wraps body parse errors
            return malformedJson(json, uri);
        }
        if (e instanceof NotFoundException && e.getCause() != null && matched(resource)) {
            // JAX-RS answers 404 when a path or query parameter does not convert (a cursor that is no UUID, a limit
            // that is no number): the operation exists, the request is malformed.
            return respond(Problem.of(400, "invalid-parameter", "Invalid parameter", "A parameter of this request "
                    + "is not of its type (a UUID, a whole number, a date and time); see the operation's description"), uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "HTTP " + status : type.getReasonPhrase();
        String slug = title.toLowerCase().replace(' ', '-');
        return respond(Problem.of(status, slug, title, e.getMessage() == null ? title : e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected failure, incident %s, on %s", incident, uri.getPath());
        return respond(Problem.of(500, "internal", "Internal error",
                "Something went wrong on our side; quote incident " + incident).with("incident", incident), uri);
    }

    /** Whether the request reached an operation (a 404 with no operation behind it is a path that does not exist). */
    private static boolean matched(SimpleResourceInfo resource) {
        try {
            return resource != null && resource.getMethodName() != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    static Response respond(Problem problem, UriInfo uri) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem.at(uri.getPath())).build();
    }

    private static String field(ConstraintViolation<?> violation) {
        // "create.arg0.name" or "create.request.name": drop the method and parameter, keep the body path.
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.", 3);
        return parts.length == 3 ? parts[2] : parts[parts.length - 1];
    }
}
