package io.tomassure.support.security;

/** The realm roles of the Keycloak realm "tom": one per way of acting in the TOM process. */
public final class Roles {

    /** A solution supplier's staff or system: its products and their assessments. */
    public static final String SUPPLIER = "supplier";
    /** An end-user (deploying) organisation: its deployments, Phase 2, risk acceptance. */
    public static final String EUO = "euo";
    /** NHS Digital solution assurance: reviews and decides Phases 1A and 1B. */
    public static final String ASSURANCE = "nhsd-assurance";
    /** NHS Digital clinical safety (CSG): clinical-safety escalations. */
    public static final String CLINICAL_SAFETY = "nhsd-clinical-safety";
    /** Read-only central audit and operations. */
    public static final String AUDITOR = "auditor";
    /** Manages programmes, templates and the platform. */
    public static final String ADMIN = "admin";

    /**
     * Any of the roles above: added to each of them by {@code quarkus.http.auth.roles-mapping} in the shared
     * configuration, so that "any TOM user" is one role (a token with none of them gets 403).
     */
    public static final String ANY = "tom-user";

    private Roles() {
    }
}
