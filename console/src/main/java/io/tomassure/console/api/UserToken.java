package io.tomassure.console.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

import io.quarkus.oidc.AccessTokenCredential;

/**
 * Every call to a service carries the signed-in person's own access token: the console acts as them, never as itself,
 * so each service applies its own rules to the person, and the audit log names them.
 */
@ApplicationScoped
public class UserToken implements ClientHeadersFactory {

    @Inject
    AccessTokenCredential accessToken;

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming,
            MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        headers.putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken.getToken());
        return headers;
    }
}
