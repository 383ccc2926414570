package io.tomassure.assessment.rest;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Documents who may call the operations {@link TomEndpoints} declares. Quarkus adds an operation's roles to the
 * OpenAPI document from its {@code @RolesAllowed}, but for a method declared on an interface with two
 * implementations it cannot tell whose roles apply, and adds none. This filter adds each implementation's, as Quarkus
 * does for the rest: the bearer scheme with the roles as scopes, and the 401 and 403 answers.
 */
public class TomEndpointsSecurity implements OASFilter {

    private static final List<Class<? extends TomEndpoints>> SCOPES = List.of(AssessmentResource.class, DeploymentResource.class);

    @Override
    public void filterOpenAPI(OpenAPI openApi) {
        String scheme = bearerScheme(openApi);
        for (Class<? extends TomEndpoints> scope : SCOPES) {
            String root = scope.getAnnotation(Path.class).value();
            for (Method declared : TomEndpoints.class.getMethods()) {
                PathItem item = openApi.getPaths().getPathItem(root + declared.getAnnotation(Path.class).value());
                Operation operation = item == null ? null : item.getOperations().get(verb(declared));
                if (operation != null && operation.getSecurity() == null) {
                    document(operation, scheme, roles(scope, declared));
                }
            }
        }
    }

    /** The scheme Quarkus declares for the OIDC bearer token, whatever it is named. */
    private static String bearerScheme(OpenAPI openApi) {
        Map<String, SecurityScheme> schemes = openApi.getComponents() == null ? null
                : openApi.getComponents().getSecuritySchemes();
        if (schemes == null || schemes.size() != 1) {
            throw new IllegalStateException("Expected the one security scheme Quarkus declares, found " + schemes);
        }
        return schemes.keySet().iterator().next();
    }

    private static void document(Operation operation, String scheme, List<String> roles) {
        operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(scheme, roles));
        operation.getResponses()
                .addAPIResponse("401", OASFactory.createAPIResponse().description("Not Authorized"))
                .addAPIResponse("403", OASFactory.createAPIResponse().description("Not Allowed"));
    }

    private static List<String> roles(Class<? extends TomEndpoints> scope, Method declared) {
        try {
            RolesAllowed allowed = scope.getMethod(declared.getName(), declared.getParameterTypes())
                    .getAnnotation(RolesAllowed.class);
            return allowed == null ? List.of() : List.of(allowed.value());
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(scope.getSimpleName() + " does not implement " + declared.getName(), e);
        }
    }

    private static PathItem.HttpMethod verb(Method declared) {
        if (declared.isAnnotationPresent(GET.class)) {
            return PathItem.HttpMethod.GET;
        }
        if (declared.isAnnotationPresent(PUT.class)) {
            return PathItem.HttpMethod.PUT;
        }
        if (declared.isAnnotationPresent(POST.class)) {
            return PathItem.HttpMethod.POST;
        }
        throw new IllegalStateException(declared.getName() + " has no HTTP method this filter knows");
    }
}
