package io.tomassure.console.pages;

import java.net.URI;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.tomassure.console.Person;

/** The way in: each person goes straight to where their own work waits. */
@Path("/")
public class HomePage {

    @CheckedTemplate(basePath = "", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance signedOut();
    }

    @Inject
    Person person;

    @GET
    public Response home() {
        return Response.seeOther(URI.create(person.home())).build();
    }

    @GET
    @Path("signed-out")
    public TemplateInstance signedOut() {
        return Templates.signedOut();
    }
}
