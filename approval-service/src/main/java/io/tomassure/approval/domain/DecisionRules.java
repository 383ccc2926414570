package io.tomassure.approval.domain;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.validation.constraints.Size;

import io.tomassure.events.approval.ApprovalEvents.Outcome;

/**
 * What a decision must carry, per phase. Phase 1A: a decision and reason for each area, and one of the 1A
 * outcomes. Phase 1B: approved with a conformance certificate number, returned or rejected. Phase 2: approved
 * with the signed declaration, or returned. A return or rejection always says why.
 */
public final class DecisionRules {

    /** Conformance certificate numbers: IAC-nnnn-nnnnnnnn. */
    public static final Pattern CERTIFICATE = Pattern.compile("IAC-\\d{4}-\\d{8}");

    /** The Phase 1A areas decided one by one. */
    public enum Area {
        SYSTEM_USAGE, SYSTEM_SETTING, DATA_USER_ORGANISATION
    }

    public record AreaDecision(Area area, Boolean approved, @Size(max = 20000) String reason) {
    }

    /** What the reviewer sends; {@code outcome} in the phase's own vocabulary. */
    public record Request(String outcome, String reason, List<AreaDecision> areas, String certificateNumber,
            Boolean declarationAccepted) {
    }

    /** An offending field of a decision request. */
    public record Invalid(String field, String message) {
    }

    private DecisionRules() {
    }

    public static List<Invalid> validate(String phase, Request request) {
        List<Invalid> invalid = new ArrayList<>();
        Outcome outcome = outcome(phase, request.outcome());
        if (outcome == null) {
            invalid.add(new Invalid("outcome", "Phase " + phase + " decisions are one of " + vocabulary(phase)));
            return invalid;
        }
        if (outcome != Outcome.APPROVED && blank(request.reason())) {
            invalid.add(new Invalid("reason", "a return or rejection must say why"));
        }
        switch (phase) {
            case "1A" -> {
                List<AreaDecision> areas = request.areas() == null ? List.of() : request.areas();
                EnumSet<Area> decided = EnumSet.noneOf(Area.class);
                for (int i = 0; i < areas.size(); i++) {
                    AreaDecision area = areas.get(i);
                    if (area.area() == null || !decided.add(area.area())) {
                        invalid.add(new Invalid("areas[" + i + "].area", "each area is decided once"));
                    }
                    if (area.approved() == null) {
                        invalid.add(new Invalid("areas[" + i + "].approved", "say whether the area is approved"));
                    }
                    if (blank(area.reason())) {
                        invalid.add(new Invalid("areas[" + i + "].reason", "each area's decision needs a reason"));
                    }
                }
                for (Area missing : EnumSet.complementOf(decided)) {
                    invalid.add(new Invalid("areas", "no decision for " + missing));
                }
            }
            case "1B" -> {
                if (outcome == Outcome.APPROVED && (request.certificateNumber() == null
                        || !CERTIFICATE.matcher(request.certificateNumber()).matches())) {
                    invalid.add(new Invalid("certificateNumber", "an approval issues a certificate numbered IAC-nnnn-nnnnnnnn"));
                }
            }
            default -> {
                if (outcome == Outcome.APPROVED && !Boolean.TRUE.equals(request.declarationAccepted())) {
                    invalid.add(new Invalid("declarationAccepted", "approving Phase 2 is signing the declaration that accepts the obligations and risks"));
                }
            }
        }
        return invalid;
    }

    /** The phase's outcome word as the general outcome, or null when the phase does not know it. */
    public static Outcome outcome(String phase, String outcome) {
        if (outcome == null) {
            return null;
        }
        try {
            return switch (phase) {
                case "1A" -> Phase1AOutcome.valueOf(outcome).outcome();
                case "1B" -> Outcome.valueOf(outcome);
                default -> outcome.equals(Outcome.REJECTED.name()) ? null : Outcome.valueOf(outcome);
            };
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String vocabulary(String phase) {
        return switch (phase) {
            case "1A" -> List.of(Phase1AOutcome.values()).toString();
            case "1B" -> "[APPROVED, RETURNED, REJECTED]";
            default -> "[APPROVED, RETURNED]";
        };
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
