package io.tomassure.console;

import java.util.Arrays;
import java.util.List;

import io.tomassure.console.api.Models.AreaDecision;
import io.tomassure.console.api.Models.DecideRequest;

/**
 * The decision form as approval-service's request: Phase 1A decides each of its three areas with a reason, 1B
 * approval carries the certificate, Phase 2 approval the signed declaration; conditions are one a line. The
 * revision's hash comes from the page the reviewer read, so a decision never lands on a newer revision.
 */
public record DecisionForm(String contentHash, String outcome, String reason, String certificateNumber,
        boolean declarationAccepted, String conditions, List<Area> areas) {

    /** Phase 1A's areas, in the TOM's order, with the words the form shows. */
    public enum AreaName {
        SYSTEM_USAGE("System usage", "usage"), SYSTEM_SETTING("System setting", "setting"),
        DATA_USER_ORGANISATION("Data user organisation", "organisation");

        private final String label;
        private final String key;

        AreaName(String label, String key) {
            this.label = label;
            this.key = key;
        }

        public String label() {
            return label;
        }

        /** The prefix of the area's form fields. */
        public String key() {
            return key;
        }
    }

    public record Area(AreaName name, boolean approved, String reason) {
    }

    public DecideRequest request(String phase) {
        boolean approving = outcome != null && outcome.startsWith("APPROVED") || "PROVISIONALLY_APPROVED_PENDING_IGARD".equals(outcome);
        return new DecideRequest(contentHash, outcome, blankToNull(reason),
                "1A".equals(phase) ? areas.stream().map(a -> new AreaDecision(a.name().name(), a.approved(),
                        blankToNull(a.reason()))).toList() : null,
                "1B".equals(phase) && approving ? blankToNull(certificateNumber) : null,
                "2".equals(phase) && approving ? declarationAccepted : null,
                lines(conditions));
    }

    /** The outcomes a phase knows, as approval-service names them. */
    public static List<String> outcomes(String phase) {
        return switch (phase) {
            case "1A" -> List.of("APPROVED", "APPROVED_DSA_REQUIRED", "APPROVED_DSFC_AND_DSA_REQUIRED",
                    "PROVISIONALLY_APPROVED_PENDING_IGARD", "REJECTED");
            case "1B" -> List.of("APPROVED", "RETURNED", "REJECTED");
            default -> List.of("APPROVED", "RETURNED");
        };
    }

    static List<String> lines(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("\\R")).map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
