package io.tomassure.console;

import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.oidc.IdToken;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The signed-in person as the pages need them: name, organisation and what their roles let them do. The console only
 * decides what to show; every service still checks every call against the same token.
 */
@Named("person")
@RequestScoped
public class Person {

    @Inject
    SecurityIdentity identity;

    @Inject
    @IdToken
    JsonWebToken idToken;

    public boolean signedIn() {
        return !identity.isAnonymous();
    }

    public String name() {
        String name = idToken.getClaim("name");
        return name == null ? username() : name;
    }

    public String username() {
        return idToken.getClaim("preferred_username");
    }

    /** The ODS code of the person's organisation. */
    public String organisation() {
        return idToken.getClaim("org");
    }

    public Set<String> roles() {
        return identity.getRoles();
    }

    public boolean reviewer() {
        return identity.hasRole("nhsd-assurance");
    }

    public boolean clinicalSafety() {
        return identity.hasRole("nhsd-clinical-safety");
    }

    public boolean euo() {
        return identity.hasRole("euo");
    }

    public boolean supplier() {
        return identity.hasRole("supplier");
    }

    public boolean auditor() {
        return identity.hasRole("auditor") || identity.hasRole("admin");
    }

    /** Whether the person may decide a case of this phase: NHS Digital for 1A and 1B, the deploying EUO for 2. */
    public boolean decides(String phase) {
        return "2".equals(phase) ? euo() : reviewer();
    }

    /** The page a person lands on: where their own work waits. */
    public String home() {
        if (reviewer()) {
            return "/cases";
        }
        if (clinicalSafety()) {
            return "/escalations";
        }
        if (euo()) {
            return "/deployments";
        }
        if (supplier()) {
            return "/assessments";
        }
        return "/audit";
    }
}
