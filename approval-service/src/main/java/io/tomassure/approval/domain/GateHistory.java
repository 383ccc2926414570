package io.tomassure.approval.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import io.tomassure.events.approval.ApprovalEvents;
import io.tomassure.events.assessment.AssessmentEvents;

/**
 * A deployment's go-live gate as the audit log tells it, folded in log order into the facts {@link GoLiveGate}
 * judges: what a replay of the log to an instant rebuilds. Each event counts as the live service counts it: a case
 * exists once approval-service opened it, the latest revision's case of a phase is the one that counts, an
 * agreement held is the one expiring last, a review or a standing is the latest. Events about other deployments or
 * products are passed over. An event logged without what the gate needs of it leaves {@linkplain #gap() a gap}.
 */
public final class GateHistory {

    /** A phase's latest case: the revision, what its submission said, and its decision once taken. */
    private record Case(UUID caseId, int revision, PhaseState state, List<String> nonConformances,
            List<String> requiredSignOffs, String detail, List<ApprovalEvents.ConditionSet> conditions,
            String certifiedVersion) {

        Case decided(ApprovalEvents.PhaseDecided decision) {
            return new Case(caseId, revision, PhaseState.valueOf(decision.outcome()), nonConformances, requiredSignOffs,
                    decision.detail(), decision.conditions(), decision.certifiedVersion());
        }
    }

    private final UUID assessmentId;
    private final UUID deploymentId;
    private final UUID productId;
    private final Map<UUID, AssessmentEvents.PhaseSubmitted> submissions = new HashMap<>();
    private final Map<String, Case> cases = new HashMap<>();
    private final Set<UUID> opened = new HashSet<>();
    /** Cases logged before their submission, by submission; decisions logged before their case, by case. */
    private final Map<UUID, ApprovalEvents.CaseOpened> unsubmitted = new HashMap<>();
    private final Map<UUID, ApprovalEvents.PhaseDecided> unopened = new HashMap<>();
    private final Set<UUID> discharged = new HashSet<>();
    private final Set<String> acceptedLocally = new HashSet<>();
    private final Map<String, String> reviews = new HashMap<>();
    private final Map<AgreementKind, LocalDate> agreements = new EnumMap<>(AgreementKind.class);
    private final Set<String> signOffs = new HashSet<>();
    private final Map<UUID, String> openEscalations = new LinkedHashMap<>();
    private final Map<String, GoLiveGate.RequiredEvidence> evidence = new HashMap<>();
    private boolean registered;
    private boolean suspended;
    private boolean live;
    private String gap;

    public GateHistory(UUID assessmentId, UUID deploymentId, UUID productId) {
        this.assessmentId = assessmentId;
        this.deploymentId = deploymentId;
        this.productId = productId;
    }

    public void registered(AssessmentEvents.DeploymentCreated event) {
        registered |= deploymentId.equals(event.deploymentId());
    }

    /**
     * A submission, the content of the case approval-service opens on it. The log takes in each service's topic at its
     * own pace, so the case (and its decision) may be logged first: they wait for it.
     */
    public void submitted(AssessmentEvents.PhaseSubmitted event) {
        if (concerns(event.assessmentId(), event.deploymentId())) {
            submissions.put(event.submissionId(), event);
            ApprovalEvents.CaseOpened early = unsubmitted.remove(event.submissionId());
            if (early != null) {
                caseOpened(early);
            }
        }
    }

    /** The case of a newer revision than the phase's latest takes its place. */
    public void caseOpened(ApprovalEvents.CaseOpened event) {
        if (!concerns(event.assessmentId(), event.deploymentId())) {
            return;
        }
        AssessmentEvents.PhaseSubmitted submission = submissions.get(event.submissionId());
        if (submission == null) {
            unsubmitted.put(event.submissionId(), event);
            return;
        }
        opened.add(event.caseId());
        Case latest = cases.get(event.phase());
        if (latest == null || latest.revision() <= event.revision()) {
            cases.put(event.phase(), new Case(event.caseId(), event.revision(), PhaseState.UNDER_REVIEW,
                    submission.nonConformances() == null ? List.of() : submission.nonConformances().requirementIds(),
                    submission.requiredSignOffs() == null ? List.of() : submission.requiredSignOffs(), null, List.of(), null));
        }
        ApprovalEvents.PhaseDecided early = unopened.remove(event.caseId());
        if (early != null) {
            decided(early);
        }
    }

    public void decided(ApprovalEvents.PhaseDecided event) {
        if (!concerns(event.assessmentId(), event.deploymentId())) {
            return;
        }
        if (!opened.contains(event.caseId())) {
            unopened.put(event.caseId(), event);
            return;
        }
        Case latest = cases.get(event.phase());
        if (latest == null || !latest.caseId().equals(event.caseId())) {
            return; // a decision on a revision since overtaken
        }
        if (event.conditions() == null || event.detail() == null) {
            gapped("the decision on case " + event.caseId() + " was logged without its conditions and detail");
            return;
        }
        cases.put(event.phase(), latest.decided(event));
    }

    public void conditionDischarged(ApprovalEvents.ConditionDischarged event) {
        discharged.add(event.conditionId());
    }

    public void reviewed(ApprovalEvents.NonConformanceReviewed event) {
        if (assessmentId.equals(event.assessmentId())) {
            reviews.put(event.requirementId(), event.review());
        }
    }

    public void riskAccepted(ApprovalEvents.RiskAccepted event) {
        if (deploymentId.equals(event.deploymentId())) {
            acceptedLocally.add(event.requirementId());
        }
    }

    /** The deployment's own agreements, and its product's Connection Agreement. */
    public void agreementSigned(ApprovalEvents.AgreementSigned event) {
        AgreementKind kind = AgreementKind.valueOf(event.kind());
        boolean product = kind == AgreementKind.CONNECTION_AGREEMENT && productId.equals(event.productId());
        if (deploymentId.equals(event.deploymentId()) || product) {
            LocalDate expiry = event.expiresOn() == null ? GoLiveGate.NO_EXPIRY : event.expiresOn();
            agreements.merge(kind, expiry, (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    public void signedOff(ApprovalEvents.SignOffRecorded event) {
        if (deploymentId.equals(event.deploymentId())) {
            signOffs.add(event.kind());
        }
    }

    public void escalationRaised(ApprovalEvents.EscalationRaised event) {
        if (concerns(event.assessmentId(), event.deploymentId())) {
            openEscalations.put(event.escalationId(), "clinical-safety level " + event.clinicalSafetyLevel()
                    + " referred to the Clinical Safety Group");
        }
    }

    public void escalationResolved(ApprovalEvents.EscalationResolved event) {
        openEscalations.remove(event.escalationId());
    }

    public void evidenceChanged(AssessmentEvents.RequiredEvidenceChanged event) {
        if (concerns(event.assessmentId(), event.deploymentId())) {
            evidence.put(event.deploymentId() + ":" + event.requirementId(), new GoLiveGate.RequiredEvidence(
                    event.requirementId(), event.kind(), event.inDate(), event.lapsesOn(), event.problem()));
        }
    }

    public void suspended(ApprovalEvents.DeploymentSuspended event) {
        if (deploymentId.equals(event.deploymentId())) {
            suspended = event.suspended();
        }
    }

    public void wentLive(ApprovalEvents.DeploymentLive event) {
        if (deploymentId.equals(event.deploymentId())) {
            live = true;
        }
    }

    /** The gate's facts then: {@code deployedVersion} the product version deployed, {@code today} the date then. */
    public GoLiveGate.Facts facts(String deployedVersion, LocalDate today) {
        Case case1a = cases.get("1A");
        Case case1b = cases.get("1B");
        Case case2 = cases.get("2");
        boolean approved1a = case1a != null && case1a.state() == PhaseState.APPROVED;
        List<String> undischarged = case1a == null ? List.of() : case1a.conditions().stream()
                .filter(c -> !discharged.contains(c.conditionId())).map(ApprovalEvents.ConditionSet::description)
                .sorted().toList();
        Set<String> nonConformances = new HashSet<>();
        Stream.of(case1a, case1b, case2).filter(Objects::nonNull).forEach(c -> nonConformances.addAll(c.nonConformances()));
        Set<String> acknowledged = new HashSet<>();
        Set<String> refused = new HashSet<>();
        reviews.forEach((row, review) -> ("REFUSED".equals(review) ? refused : acknowledged).add(row));
        Set<AgreementKind> required = EnumSet.of(AgreementKind.CONNECTION_AGREEMENT, AgreementKind.END_USER_POLICY);
        if (approved1a) {
            required.addAll(Phase1AOutcome.valueOf(case1a.detail()).agreements());
        }
        List<GoLiveGate.RequiredEvidence> standing = new ArrayList<>(evidence.values());
        standing.sort(Comparator.comparing(GoLiveGate.RequiredEvidence::requirementId));
        return new GoLiveGate.Facts(state(case1a), state(case1b), state(case2), undischarged,
                case1b != null && case1b.state() == PhaseState.APPROVED ? case1b.certifiedVersion() : null, deployedVersion,
                nonConformances, acceptedLocally, acknowledged, refused, required, agreements,
                case2 == null ? Set.of() : Set.copyOf(case2.requiredSignOffs()), signOffs,
                List.copyOf(openEscalations.values()), standing, suspended, today);
    }

    /** Whether the deployment existed: its registration was among the events folded. */
    public boolean exists() {
        return registered;
    }

    public boolean live() {
        return live;
    }

    public boolean suspended() {
        return suspended;
    }

    /** Why the events folded cannot be replayed faithfully; null when they can. */
    public String gap() {
        if (gap == null && !unsubmitted.isEmpty()) {
            return "case " + unsubmitted.values().iterator().next().caseId() + " is logged, its submission not yet";
        }
        if (gap == null && !unopened.isEmpty()) {
            return "the decision on case " + unopened.keySet().iterator().next() + " is logged, its case not yet";
        }
        return gap;
    }

    /** An entry of the log that could not be read as its type says: the history has a gap there. */
    public void unreadable(String why) {
        gapped(why);
    }

    private static PhaseState state(Case c) {
        return c == null ? PhaseState.NOT_SUBMITTED : c.state();
    }

    /** The product's events (no deployment) and this deployment's, of this assessment. */
    private boolean concerns(UUID assessment, UUID deployment) {
        return assessmentId.equals(assessment) && (deployment == null || deploymentId.equals(deployment));
    }

    private void gapped(String why) {
        if (gap == null) {
            gap = why;
        }
    }
}
