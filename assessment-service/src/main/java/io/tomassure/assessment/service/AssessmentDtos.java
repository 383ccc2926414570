package io.tomassure.assessment.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.tomassure.assessment.domain.EvidenceKind;
import io.tomassure.assessment.domain.IgOutcome;
import io.tomassure.assessment.domain.Rag;
import io.tomassure.assessment.domain.RowScore;
import io.tomassure.assessment.domain.SubmissionRoute;
import io.tomassure.events.SignOff;

/** Requests and views of assessments, deployments and their answers. */
public final class AssessmentDtos {

    private AssessmentDtos() {
    }

    public record CreateAssessment(@NotNull UUID productVersionId, @NotNull UUID templateId) {
    }

    /** The product facts that decide the clinical-safety level and IG sign-offs. */
    public record Impact(boolean medicalDevice, boolean updatesSpine, boolean clinicalSafetyRelated,
            boolean changesLocalSystems) {
    }

    /** The API sections (codes of sections of kind API_REQUIREMENTS) that apply to the product. */
    public record ScopeRequest(@NotNull @Size(max = 200) List<@NotNull @Size(min = 1, max = 100) String> sections) {
    }

    /** An answer to a row; a Semi-compliant or Non-compliant answer to an Action or Req row needs a nonConformance. */
    public record AnswerRequest(@NotNull @Size(max = 4000) String answer, @Size(max = 2000) String implementationRef,
            @Size(max = 20000) String notes, @Size(max = 2000) String testRef, NonConformanceDetails nonConformance) {
    }

    public record NonConformanceDetails(@Size(max = 20000) String detail, @Size(max = 20000) String mitigation, Rag risk) {
    }

    public record ScoreRequest(@NotNull RowScore score, @Size(max = 20000) String comment) {
    }

    /** A file to attach to a row: what it is ({@code kind}, may be null), when it was issued and when it expires. */
    public record EvidenceFile(String name, String mediaType, EvidenceKind kind, java.time.LocalDate effectiveOn,
            java.time.LocalDate expiresOn, byte[] content) {
    }

    public record EvidenceView(UUID id, String name, String mediaType, String sha256, long size, EvidenceKind kind,
            java.time.LocalDate effectiveOn, java.time.LocalDate expiresOn, String uploadedBy, Instant uploadedAt) {
    }

    /** An answer; {@code reattest} when a template uplift carried it to a row that changed and it awaits confirmation. */
    public record ResponseView(String requirementId, UUID deploymentId, String answer, String compliance,
            String implementationRef, String notes, String testRef, NonConformanceDetails nonConformance,
            RowScore score, String scoreComment, List<EvidenceView> evidence, boolean reattest, String etag,
            String updatedBy, Instant updatedAt) {
    }

    public record CompletenessView(int answered, int required, int percent) {
    }

    public record PhaseView(String state, int revision, String reason) {
    }

    public record NonConformanceView(String requirementId, UUID deploymentId, String level, String type,
            String answer, String detail, String mitigation, Rag risk, List<String> phases, List<String> missingDetails) {
    }

    public record Derived(CompletenessView completeness, Map<String, CompletenessView> completenessByPhase,
            Map<String, CompletenessView> completenessBySection, Map<String, IgOutcome> igSections, IgOutcome ig,
            int clinicalSafetyLevel, boolean escalationRequired, Set<SignOff> requiredSignOffs, SubmissionRoute route,
            int nonConformances, int undetailedNonConformances) {
    }

    public record AssessmentView(UUID id, UUID productId, String productName, UUID productVersionId,
            String productVersion, String supplierOds, String programme, UUID templateId, String templateVersion,
            Impact impact, List<String> scope, Map<String, PhaseView> phases, Derived derived, String etag,
            Instant createdAt) {
    }

    /**
     * A state replayed from the audit log to {@code asOf}, with the entry it rests on: the last one folded, its hash,
     * and its inclusion proof in a signed checkpoint (null until the log seals a checkpoint that covers it).
     */
    public record Replayed<T>(Instant asOf, T state, io.tomassure.support.auditlog.AuditLogReader.Anchor lastEntry) {
    }

    public record AssessmentSummary(UUID id, UUID productId, String productName, String productVersion,
            String supplierOds, UUID templateId, Instant createdAt) {
    }

    /** {@code context} is refused when given: the local context is the EUO's, set with PUT …/context. */
    public record CreateDeployment(@NotNull UUID assessmentId, @NotNull @Size(min = 3, max = 10) String euoOdsCode,
            LocalContext context) {
    }

    public record LocalContext(@Size(max = 20000) String topology, @Size(max = 50) List<@Size(max = 2000) String> endpoints,
            @Size(max = 20000) String localChanges, boolean affectsOtherOrganisations) {
    }

    /** A deployment; {@code outstanding} lists what the EUO still has to do before Phase 2 can be submitted. */
    public record DeploymentView(UUID id, UUID assessmentId, String supplierOds, String euoOds, boolean firstOfType,
            boolean reusesAssessedProduct, LocalContext context, PhaseView phase2, Derived derived,
            List<Outstanding> outstanding, String etag, Instant createdAt) {
    }

    public record Outstanding(String requirementId, String answeredBy, String problem) {
    }
}
