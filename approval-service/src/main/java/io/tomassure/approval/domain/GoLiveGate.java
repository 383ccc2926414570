package io.tomassure.approval.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The go-live gate of a deployment, as a pure function of the facts: Phase 1A approved with its conditions
 * discharged, Phase 1B approved with a certificate for the deployed product version, Phase 2 approved, every
 * non-conformance accepted locally and not refused centrally, the agreements signed and in date, the sign-offs
 * held, the escalations resolved, the evidence the template requires in date, and no suspension. Nothing orders the
 * phases: only the facts count.
 */
public final class GoLiveGate {

    /** Everything the gate looks at. */
    public record Facts(
            PhaseState phase1a,
            PhaseState phase1b,
            PhaseState phase2,
            List<String> undischargedConditions,
            String certifiedVersion,
            String deployedVersion,
            Set<String> nonConformances,
            Set<String> acceptedLocally,
            Set<String> acknowledgedCentrally,
            Set<String> refusedCentrally,
            Set<AgreementKind> agreementsRequired,
            Map<AgreementKind, LocalDate> agreementsHeld,
            Set<String> signOffsRequired,
            Set<String> signOffsHeld,
            List<String> openEscalations,
            List<RequiredEvidence> requiredEvidence,
            boolean suspended,
            LocalDate today) {
    }

    /**
     * A row that requires evidence of {@code kind}, as last judged: {@code inDate} then (else {@code problem} says why),
     * and its best piece in date through {@code lapsesOn} (null: nothing ends it).
     */
    public record RequiredEvidence(String requirementId, String kind, boolean inDate, LocalDate lapsesOn, String problem) {
    }

    /** One condition of the gate; {@code blockers} says in words what is missing (empty when met). */
    public record Check(String name, boolean met, List<String> blockers) {
    }

    public record Result(List<Check> checks) {

        public boolean open() {
            return checks.stream().allMatch(Check::met);
        }

        public List<String> blockers() {
            return checks.stream().flatMap(c -> c.blockers().stream()).toList();
        }
    }

    /** A held agreement without an end date never expires. */
    public static final LocalDate NO_EXPIRY = LocalDate.MAX;

    private GoLiveGate() {
    }

    public static Result evaluate(Facts f) {
        List<Check> checks = new ArrayList<>();
        checks.add(phase("PHASE_1A", "Phase 1A (usage and settings)", f.phase1a()));
        checks.add(check("CONDITIONS", f.undischargedConditions().stream()
                .map(c -> "Phase 1A condition not discharged: " + c).toList()));
        checks.add(phase("PHASE_1B", "Phase 1B (technical conformance)", f.phase1b()));
        checks.add(check("CERTIFICATE", certificate(f)));
        checks.add(phase("PHASE_2", "Phase 2 (EUO evaluation)", f.phase2()));
        checks.add(check("NON_CONFORMANCES", nonConformances(f)));
        checks.add(check("AGREEMENTS", agreements(f)));
        checks.add(check("SIGN_OFFS", new TreeSet<>(f.signOffsRequired()).stream()
                .filter(s -> !f.signOffsHeld().contains(s)).map(s -> "Sign-off not recorded: " + s).toList()));
        checks.add(check("ESCALATIONS", f.openEscalations().stream().map(e -> "Escalation not resolved: " + e).toList()));
        checks.add(check("EVIDENCE", evidence(f)));
        checks.add(check("NOT_SUSPENDED", f.suspended() ? List.of("Suspended by NHS Digital") : List.of()));
        return new Result(checks);
    }

    private static Check phase(String name, String title, PhaseState state) {
        return check(name, state == PhaseState.APPROVED ? List.of() : List.of(title + " is " + state.words() + ", not approved"));
    }

    private static List<String> certificate(Facts f) {
        if (f.certifiedVersion() == null) {
            return List.of("No conformance certificate");
        }
        if (!f.certifiedVersion().equals(f.deployedVersion())) {
            return List.of("The conformance certificate is for product version " + f.certifiedVersion()
                    + ", not the deployed version " + f.deployedVersion());
        }
        return List.of();
    }

    private static List<String> nonConformances(Facts f) {
        List<String> blockers = new ArrayList<>();
        for (String nc : new TreeSet<>(f.nonConformances())) {
            if (f.refusedCentrally().contains(nc)) {
                blockers.add("Non-conformance " + nc + " was refused by NHS Digital");
            } else if (!f.acknowledgedCentrally().contains(nc)) {
                blockers.add("Non-conformance " + nc + " is not yet reviewed by NHS Digital");
            }
            if (!f.acceptedLocally().contains(nc)) {
                blockers.add("Non-conformance " + nc + " is not accepted by the end-user organisation");
            }
        }
        return blockers;
    }

    private static List<String> agreements(Facts f) {
        List<String> blockers = new ArrayList<>();
        for (AgreementKind kind : new TreeSet<>(f.agreementsRequired())) {
            LocalDate expiry = f.agreementsHeld().get(kind);
            if (expiry == null) {
                blockers.add(kind.title() + " not signed");
            } else if (expiry.isBefore(f.today())) {
                blockers.add(kind.title() + " expired on " + expiry);
            }
        }
        return blockers;
    }

    private static List<String> evidence(Facts f) {
        List<String> blockers = new ArrayList<>();
        for (RequiredEvidence row : f.requiredEvidence().stream()
                .sorted(Comparator.comparing(RequiredEvidence::requirementId)).toList()) {
            if (!row.inDate()) {
                blockers.add("Evidence for row " + row.requirementId() + " not in date: " + row.problem());
            } else if (row.lapsesOn() != null && row.lapsesOn().isBefore(f.today())) {
                blockers.add("Evidence for row " + row.requirementId() + " (" + row.kind() + ") went out of date on "
                        + row.lapsesOn().plusDays(1));
            }
        }
        return blockers;
    }

    private static Check check(String name, List<String> blockers) {
        return new Check(name, blockers.isEmpty(), blockers);
    }
}
