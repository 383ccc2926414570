package io.tomassure.assessment.domain;

import io.tomassure.support.security.Roles;
import io.tomassure.support.security.Viewer;

/** Who answers a requirement row (the workbook's cell colour): red supplier, green EUO, blue NHS Digital. */
public enum Party {
    SUPPLIER, EUO, NHS_DIGITAL;

    /** Whether {@code viewer} answers this party's rows, for the given supplier and (in a deployment) EUO. */
    public boolean answerableBy(Viewer viewer, String supplierOds, String euoOds) {
        return switch (this) {
            case SUPPLIER -> viewer.isSupplierOf(supplierOds);
            case EUO -> euoOds != null && viewer.isEuoOf(euoOds);
            case NHS_DIGITAL -> viewer.roles().contains(Roles.ASSURANCE);
        };
    }
}
