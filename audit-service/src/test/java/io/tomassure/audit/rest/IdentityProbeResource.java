package io.tomassure.audit.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.security.identity.SecurityIdentity;
import io.tomassure.support.security.Roles;
import io.vertx.ext.web.RoutingContext;

/** Test only: whether the caller's identity belongs to this very request. */
@Path("/test/identity-is-this-requests")
public class IdentityProbeResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    RoutingContext routing;

    @GET
    @RolesAllowed(Roles.ANY)
    @Operation(hidden = true)
    public boolean identityIsThisRequests() {
        Object mark = new Object(); // the injected context is a proxy: compare what each holds, not the objects
        routing.put("identity-probe", mark);
        RoutingContext identitys = identity.getAttribute(RoutingContext.class.getName());
        return identitys != null && identitys.get("identity-probe") == mark;
    }
}
