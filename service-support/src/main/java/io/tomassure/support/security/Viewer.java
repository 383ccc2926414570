package io.tomassure.support.security;

import java.util.Collection;
import java.util.Set;

/**
 * Object-level access, as a pure value: the caller's organisation and roles. A supplier acts for its own
 * organisation's products, an EUO for its own deployments; NHS Digital, auditors and admins see everything.
 */
public record Viewer(String organisation, Set<String> roles) {

    private static final Set<String> CENTRAL = Set.of(Roles.ASSURANCE, Roles.CLINICAL_SAFETY, Roles.AUDITOR, Roles.ADMIN);

    public boolean isCentral() {
        return roles.stream().anyMatch(CENTRAL::contains);
    }

    public boolean isSupplierOf(String supplierOds) {
        return roles.contains(Roles.SUPPLIER) && organisation != null && organisation.equals(supplierOds);
    }

    public boolean isEuoOf(String euoOds) {
        return roles.contains(Roles.EUO) && organisation != null && organisation.equals(euoOds);
    }

    /** An assessment is seen by NHS Digital, its supplier and the EUOs that deploy it. */
    public boolean canSeeAssessment(String supplierOds, Collection<String> deployingEuos) {
        return isCentral() || isSupplierOf(supplierOds) || deployingEuos.stream().anyMatch(this::isEuoOf);
    }

    /** A deployment is seen by NHS Digital, the product's supplier and the deploying EUO. */
    public boolean canSeeDeployment(String supplierOds, String euoOds) {
        return isCentral() || isSupplierOf(supplierOds) || isEuoOf(euoOds);
    }

    /** The organisation the caller acts for as supplier or EUO ("" when it has no such role: matches nothing). */
    public String organisationAs(String role) {
        return roles.contains(role) && organisation != null ? organisation : "";
    }
}
