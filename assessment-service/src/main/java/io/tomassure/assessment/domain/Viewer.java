package io.tomassure.assessment.domain;

import java.util.Collection;
import java.util.Set;

import io.tomassure.support.security.Roles;

/**
 * Object-level access: a supplier sees its own products' assessments; an EUO its deployments and the
 * assessments behind them (supplier rows read-only); NHS Digital, auditors and admins see everything.
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

    public boolean canSeeAssessment(String supplierOds, Collection<String> deployingEuos) {
        return isCentral() || isSupplierOf(supplierOds) || deployingEuos.stream().anyMatch(this::isEuoOf);
    }

    public boolean canSeeDeployment(String supplierOds, String euoOds) {
        return isCentral() || isSupplierOf(supplierOds) || isEuoOf(euoOds);
    }

    /** Whether this viewer may answer a row owned by {@code party} for the given supplier / EUO. */
    public boolean mayAnswer(Party party, String supplierOds, String euoOds) {
        return switch (party) {
            case SUPPLIER -> isSupplierOf(supplierOds);
            case EUO -> euoOds != null && isEuoOf(euoOds);
            case NHS_DIGITAL -> roles.contains(Roles.ASSURANCE);
        };
    }
}
