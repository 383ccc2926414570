package io.tomassure.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.quarkus.qute.TemplateExtension;

/** How the pages write things: times as people read them ({@code {openedAt.when}}), in UTC, which the services use. */
@TemplateExtension
public class Formats {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.UK)
            .withZone(ZoneOffset.UTC);

    /** The go-live gate's eleven conditions, as approval-service names them, in words. */
    private static final java.util.Map<String, String> GATE = java.util.Map.ofEntries(
            java.util.Map.entry("PHASE_1A", "Phase 1A (usage and settings) approved"),
            java.util.Map.entry("CONDITIONS", "Phase 1A conditions discharged"),
            java.util.Map.entry("PHASE_1B", "Phase 1B (technical conformance) approved"),
            java.util.Map.entry("CERTIFICATE", "Conformance certificate issued"),
            java.util.Map.entry("PHASE_2", "Phase 2 approved by the end user organisation"),
            java.util.Map.entry("NON_CONFORMANCES", "Non-conformances reviewed by NHS Digital and accepted locally"),
            java.util.Map.entry("AGREEMENTS", "Agreements signed and in date"),
            java.util.Map.entry("SIGN_OFFS", "Sign-offs recorded"),
            java.util.Map.entry("ESCALATIONS", "No open clinical-safety escalation"),
            java.util.Map.entry("EVIDENCE", "Required evidence in date"),
            java.util.Map.entry("NOT_SUSPENDED", "Not suspended by NHS Digital"));

    private Formats() {
    }

    /** A gate condition in words ({@code {check.name.condition}}); a condition the console does not know, as named. */
    static String condition(String name) {
        return GATE.getOrDefault(name, name);
    }

    static String when(Instant instant) {
        return instant == null ? "–" : WHEN.format(instant);
    }
}
