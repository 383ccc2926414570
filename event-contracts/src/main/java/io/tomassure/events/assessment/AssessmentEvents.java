package io.tomassure.events.assessment;

import java.util.List;
import java.util.UUID;

import io.tomassure.events.EventType;
import io.tomassure.events.Topics;

/**
 * Events published by assessment-service on {@link Topics#ASSESSMENT}. Subject: the assessment id, or the
 * deployment id for deployment-scoped events, so each aggregate's events stay in order.
 */
public final class AssessmentEvents {

    private AssessmentEvents() {
    }

    public static final EventType<OrganisationRegistered> ORGANISATION_REGISTERED = EventType.of(
            "tom.assessment.organisation-registered", Topics.ASSESSMENT, OrganisationRegistered.class);
    public static final EventType<ContactsChanged> CONTACTS_CHANGED = EventType.of(
            "tom.assessment.contacts-changed", Topics.ASSESSMENT, ContactsChanged.class);
    public static final EventType<TemplatePublished> TEMPLATE_PUBLISHED = EventType.of(
            "tom.assessment.template-published", Topics.ASSESSMENT, TemplatePublished.class);
    public static final EventType<AssessmentCreated> CREATED = EventType.of(
            "tom.assessment.created", Topics.ASSESSMENT, AssessmentCreated.class);
    public static final EventType<AssessmentUpdated> UPDATED = EventType.of(
            "tom.assessment.updated", Topics.ASSESSMENT, AssessmentUpdated.class);
    public static final EventType<EvidenceAdded> EVIDENCE_ADDED = EventType.of(
            "tom.assessment.evidence-added", Topics.ASSESSMENT, EvidenceAdded.class);
    public static final EventType<RequiredEvidenceChanged> REQUIRED_EVIDENCE_CHANGED = EventType.of(
            "tom.assessment.required-evidence-changed", Topics.ASSESSMENT, RequiredEvidenceChanged.class);
    public static final EventType<EvidencePolicyChanged> EVIDENCE_POLICY_CHANGED = EventType.of(
            "tom.assessment.evidence-policy-changed", Topics.ASSESSMENT, EvidencePolicyChanged.class);
    public static final EventType<NonConformanceReported> NON_CONFORMANCE_REPORTED = EventType.of(
            "tom.assessment.non-conformance-reported", Topics.ASSESSMENT, NonConformanceReported.class);
    public static final EventType<DeploymentCreated> DEPLOYMENT_CREATED = EventType.of(
            "tom.assessment.deployment-created", Topics.ASSESSMENT, DeploymentCreated.class);
    public static final EventType<AssessmentUplifted> UPLIFTED = EventType.of(
            "tom.assessment.uplifted", Topics.ASSESSMENT, AssessmentUplifted.class);
    public static final EventType<PhaseSubmitted> PHASE_SUBMITTED = EventType.of(
            "tom.assessment.phase-submitted", Topics.ASSESSMENT, PhaseSubmitted.class);

    public record OrganisationRegistered(String odsCode, String name, List<String> kinds, String by) {
    }

    /** An organisation's contact log, whole: the people to tell, by TOM contact role. */
    public record ContactsChanged(String odsCode, List<Contact> contacts, String by) {
    }

    public record Contact(String role, String name, String email, String phone) {
    }

    public record TemplatePublished(UUID templateId, String programme, String version, int sections,
            int requirements, String by) {
    }

    public record AssessmentCreated(UUID assessmentId, UUID productId, String productName, String productVersion,
            String supplierOds, String programme, UUID templateId, String templateVersion, String by) {
    }

    /**
     * A change to an assessment or deployment: {@code part} says what ("response", "impact", "scope", "context",
     * "score"), and the field of that name carries the part as it stands after the change (the others are null), so
     * that the audit log alone can replay the TOM to any instant.
     */
    public record AssessmentUpdated(UUID assessmentId, UUID deploymentId, String supplierOds, String euoOds,
            String part, String requirementId, String by, ResponseStated response, ProductFacts impact,
            List<String> scope, LocalContextStated context, ScoreStated score) {

        /** The change of a part without its value: for consumers that only need to know that something changed. */
        public AssessmentUpdated(UUID assessmentId, UUID deploymentId, String supplierOds, String euoOds, String part,
                String requirementId, String by) {
            this(assessmentId, deploymentId, supplierOds, euoOds, part, requirementId, by, null, null, null, null, null);
        }
    }

    /** A row's answer as stated; {@code ncRisk} a RAG rating, {@code reattest} whether it awaits confirmation. */
    public record ResponseStated(String answer, String implementationRef, String notes, String testRef, String ncDetail,
            String ncMitigation, String ncRisk, boolean reattest) {
    }

    /** The product facts that decide the clinical-safety level and sign-offs. */
    public record ProductFacts(boolean medicalDevice, boolean updatesSpine, boolean clinicalSafetyRelated,
            boolean changesLocalSystems) {
    }

    /** A deployment's local context, the EUO's. */
    public record LocalContextStated(String topology, List<String> endpoints, String localChanges,
            boolean affectsOtherOrganisations) {
    }

    /** NHS Digital's score of a product row, with its comment. */
    public record ScoreStated(String score, String comment) {
    }

    /**
     * A file backing up an answer; {@code expiresOn} when it stops being valid (e.g. a penetration test report),
     * {@code kind} what it is when its row requires a kind, {@code effectiveOn} the date it was issued.
     */
    public record EvidenceAdded(UUID assessmentId, UUID deploymentId, String supplierOds, String euoOds,
            String requirementId, UUID evidenceId, String name, String sha256, long size, java.time.LocalDate expiresOn,
            String kind, java.time.LocalDate effectiveOn, String by) {
    }

    /**
     * How a row that requires evidence of a {@code kind} now stands, after a piece was attached or its programme's
     * policy changed: {@code inDate}, and {@code lapsesOn} the last day its best piece is in date (null when nothing
     * ends it, or there is none); {@code problem} says why it is not in date. The go-live gate and reminders follow it.
     */
    public record RequiredEvidenceChanged(UUID assessmentId, UUID deploymentId, String supplierOds, String euoOds,
            String requirementId, String kind, boolean inDate, java.time.LocalDate lapsesOn, String problem, String by) {
    }

    /** A programme's maximum age per evidence kind (ISO 8601 periods: {@code {"DSPT": "P12M"}}), whole. */
    public record EvidencePolicyChanged(String programme, java.util.Map<String, String> maxAge, String by) {
    }

    /** A Semi-compliant or Non-compliant answer to an Action or Req row, with what the register holds of it. */
    public record NonConformanceReported(UUID assessmentId, UUID deploymentId, String supplierOds, String euoOds,
            String requirementId, String level, String answer, String detail, String mitigation, String risk,
            List<String> phases, String by) {
    }

    public record DeploymentCreated(UUID deploymentId, UUID assessmentId, String supplierOds, String euoOds,
            boolean firstOfType, boolean reusesAssessedProduct, String by) {
    }

    /**
     * An assessment moved to a newer template version of its programme; {@code euoOds} are the organisations deploying
     * it, whose Phase 2 follows. The counts are the delta report's; the report itself is the uplift's resource.
     */
    public record AssessmentUplifted(UUID upliftId, UUID assessmentId, String supplierOds, List<String> euoOds,
            String programme, UUID fromTemplateId, String fromVersion, UUID toTemplateId, String toVersion,
            UpliftCounts counts, String by, List<String> scope, List<AnswerCarried> answers) {
    }

    /**
     * What an uplift did with one of the product's answers ({@code deploymentId} null; a deployment's are not listed):
     * carried from row {@code fromRequirementId} to {@code toRequirementId}, with {@code fate} one of CARRIED, REATTEST,
     * NOT_ALLOWED and RETIRED (kept aside: no longer in force, {@code toRequirementId} null). An answer not listed was
     * carried as it stands to the row of the same id.
     */
    public record AnswerCarried(UUID deploymentId, String fromRequirementId, String toRequirementId, String fate) {
    }

    /**
     * An uplift's delta in numbers. Rows: unchanged, moved (another id or section), reworded, guidance changed,
     * re-levelled, re-phased, answers changed (another list of allowed answers), party changed, added, removed; a row
     * may have several changes. Answers (the product's and the deployments'): carried as they stand, carried to be
     * confirmed (reattest), kept but no longer allowed, and retired (kept aside: row removed or another party's now).
     */
    public record UpliftCounts(int unchanged, int moved, int reworded, int guidanceChanged, int relevelled,
            int rephased, int answersChanged, int partyChanged, int added, int removed, int answersCarried,
            int answersToReattest, int answersNotAllowed, int answersRetired) {
    }

    /**
     * A phase submitted for review: an immutable revision whose canonical content hashes to {@code contentHash}.
     * Phases 1A and 1B are submitted for the product assessment; Phase 2 for a deployment.
     */
    public record PhaseSubmitted(UUID submissionId, UUID assessmentId, UUID deploymentId, String supplierOds,
            String euoOds, UUID productId, String productName, String productVersion, String phase, int revision,
            String contentHash, Completeness completeness, NonConformanceSummary nonConformances, int clinicalSafetyLevel,
            List<String> requiredSignOffs, boolean escalationRequired, String igOutcome, String route,
            String by, RevisionChanges sinceApproved) {
    }

    /**
     * What a revision changes since the phase's last approved revision, so that the reviewer reads a delta: rows
     * answered anew, answers changed, rows no longer in it, and rows whose answer stands but whose requirement a
     * template uplift changed; ids are the current template's.
     */
    public record RevisionChanges(int approvedRevision, String approvedContentHash, String approvedTemplateVersion,
            String templateVersion, List<String> added, List<String> changed, List<String> removed,
            List<String> requirementChanged, int unchanged) {
    }

    public record Completeness(int answered, int required, int percent) {
    }

    public record NonConformanceSummary(int total, int red, int amber, int green, int mustNonCompliant,
            List<String> requirementIds) {
    }
}
