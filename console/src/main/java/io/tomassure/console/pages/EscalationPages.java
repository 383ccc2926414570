package io.tomassure.console.pages;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.tomassure.console.api.ApprovalApi;
import io.tomassure.console.api.Models.Escalation;
import io.tomassure.console.api.Models.Resolution;

/** Clinical safety's escalations: the open ones first, each resolved in words. */
@Path("/escalations")
public class EscalationPages {

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance list(List<Escalation> open, List<Escalation> resolved, String done);
    }

    /** The resolved escalations the page lists, latest first. */
    static final int RECENTLY_RESOLVED = 20;

    @Inject
    @RestClient
    ApprovalApi approval;

    @GET
    public TemplateInstance list(@QueryParam("done") String done) {
        List<Escalation> all = approval.escalations(false); // open and resolved
        return Templates.list(all.stream().filter(e -> e.resolvedAt() == null).toList(),
                all.stream().filter(e -> e.resolvedAt() != null)
                        .sorted(Comparator.comparing(Escalation::resolvedAt).reversed()).limit(RECENTLY_RESOLVED).toList(),
                done);
    }

    @POST
    @Path("{id}/resolution")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response resolve(@PathParam("id") UUID id, @RestForm String resolution) {
        approval.resolve(id, new Resolution(resolution));
        return Redirects.to("/escalations", "resolved");
    }
}
