package io.tomassure.approval.service;

import io.tomassure.events.SignOff;
import io.tomassure.support.problem.ProblemException;
import io.tomassure.support.security.Roles;

/** Who records which sign-off: NHS Digital's Clinical Safety Group and technical architect; the EUO for the rest. */
final class SignOffs {

    private SignOffs() {
    }

    static String recorderRole(String kind) {
        SignOff signOff;
        try {
            signOff = SignOff.valueOf(kind);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.invalid("kind", "unknown sign-off '" + kind + "'; one of " + java.util.List.of(SignOff.values()));
        }
        return switch (signOff) {
            case CSG -> Roles.CLINICAL_SAFETY;
            case TECHNICAL_ARCHITECT -> Roles.ASSURANCE;
            default -> Roles.EUO;
        };
    }
}
