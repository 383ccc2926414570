package io.tomassure.support.ops;

import java.util.Set;
import java.util.TreeSet;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.tomassure.support.security.Caller;
import io.tomassure.support.security.Roles;

@Path("/api/v1/me")
@Tag(name = "Caller", description = "The identity this service sees in the caller's token")
public class CallerResource {

    /** What the service takes the caller to be. */
    public record CallerView(String subject, String username, String organisation, Set<String> roles) {
    }

    private final Caller caller;

    CallerResource(Caller caller) {
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "Who am I", description = "The subject, organisation (ODS code) and TOM roles that this "
            + "service reads from the bearer token; a token without any TOM role is refused with 403.")
    public CallerView me() {
        return new CallerView(caller.subject(), caller.username(), caller.organisation().orElse(null),
                new TreeSet<>(caller.roles()));
    }
}
