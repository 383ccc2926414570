package io.tomassure.console;

import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import org.jboss.resteasy.reactive.ClientWebApplicationException;

/**
 * A service's refusal becomes a page that says what was refused and why, with the service's own status; the person
 * goes back or reloads. Nothing here retries: a refused change stays refused.
 */
public class ServiceProblems {
    private static final Logger LOG = Logger.getLogger(ServiceProblems.class);

    @CheckedTemplate(basePath = "", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance problem(ProblemMessage problem, boolean fragment);
    }

    @Inject
    ObjectMapper json;

    @Inject
    HttpHeaders headers;

    @ServerExceptionMapper
    public Response refused(ClientWebApplicationException e) {
        Response answer = e.getResponse();
        JsonNode body;
        try {
            body = json.readTree(answer.readEntity(String.class));
        } catch (RuntimeException | java.io.IOException unreadable) {
            body = MissingNode.getInstance();
        }
        return page(ProblemMessage.of(answer.getStatus(), body == null ? MissingNode.getInstance() : body));
    }

    @ServerExceptionMapper
    public Response unreachable(ProcessingException e) {
        LOG.warnf("a service did not answer: %s", e.getMessage());
        return page(ProblemMessage.unavailable("The console could not reach a TOM Assure service."));
    }

    @ServerExceptionMapper
    public Response refusedHere(Refusal e) {
        return page(e.problem());
    }

    private Response page(ProblemMessage problem) {
        boolean fragment = headers.getHeaderString("HX-Request") != null;
        return Response.status(problem.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.problem(problem, fragment)).build();
    }
}
