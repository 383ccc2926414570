package io.tomassure.console.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the console reads of the services' answers: only the fields its pages show (the rest is ignored), so that a
 * service may add fields without breaking it. Names follow the services' OpenAPI documents.
 */
public final class Models {

    private Models() {
    }

    public record Page<T>(List<T> items, String next) {
    }

    public record Completeness(int answered, int required, int percent) {
    }

    public record RiskCounts(int total, int red, int amber, int green, int mustNonCompliant) {
    }

    public record Decision(String outcome, String detail, String reason, String contentHash, String decidedBy,
            Instant decidedAt, String certificateNumber) {
    }

    public record Condition(UUID id, String description, Instant dischargedAt, String dischargedBy, String evidence) {
    }

    public record ReviewCase(UUID id, UUID submissionId, UUID assessmentId, UUID deploymentId, String supplierOds,
            String euoOds, String productName, String productVersion, String phase, int revision, String contentHash, String state, String route,
            int clinicalSafetyLevel, List<String> requiredSignOffs, List<String> nonConformances, Completeness completeness,
            RiskCounts nonConformanceRisk, String igOutcome, Instant openedAt, Decision decision,
            List<Condition> conditions) {
    }

    /** A row as a revision froze it. */
    public record RevisionRow(String answer, String implementationRef, String notes, String testRef, String ncDetail,
            String ncMitigation, String ncRisk) {
    }

    public record RowDiff(String requirementId, String change, RevisionRow before, RevisionRow after) {
    }

    public record Comparison(int previousRevision, UUID previousSubmissionId, String previousContentHash,
            List<RowDiff> rows, int unchanged) {
    }

    public record Check(String name, boolean met, List<String> blockers) {
    }

    public record Readiness(UUID deploymentId, boolean open, boolean live, boolean suspended, List<Check> checks,
            List<String> blockers) {
    }

    /** The readiness replayed from the audit log, with the log entry it rests on and that entry's proof. */
    public record ReplayedReadiness(java.time.Instant asOf, Readiness state, LogAnchor lastEntry) {
    }

    /** A log entry a replay used; {@code proof} null until a signed checkpoint covers it. */
    public record LogAnchor(long seq, String hash, AnchorProof proof) {
    }

    public record AnchorProof(long treeSize, String rootHash, Checkpoint checkpoint) {
    }

    public record NonConformance(String requirementId, UUID deploymentId, String level, String type, String answer,
            String detail, String mitigation, String risk, List<String> phases, List<String> missingDetails) {
    }

    public record PhaseState(String state, int revision, String reason) {
    }

    public record Derived(Completeness completeness, Map<String, Completeness> completenessByPhase,
            Map<String, Completeness> completenessBySection, String ig, int clinicalSafetyLevel,
            boolean escalationRequired, List<String> requiredSignOffs, String route, int nonConformances,
            int undetailedNonConformances) {
    }

    public record Assessment(UUID id, UUID productId, String productName, String productVersion, String supplierOds,
            String programme, String templateVersion, List<String> scope, Map<String, PhaseState> phases, Derived derived,
            String etag, Instant createdAt) {
    }

    public record AssessmentSummary(UUID id, UUID productId, String productName, String productVersion,
            String supplierOds, Instant createdAt) {
    }

    public record Missing(String requirementId, String problem) {
    }

    public record Outstanding(String requirementId, String answeredBy, String problem) {
    }

    public record Deployment(UUID id, UUID assessmentId, String supplierOds, String euoOds, boolean firstOfType,
            PhaseState phase2, Derived derived, List<Outstanding> outstanding, Instant createdAt) {
    }

    public record Answer(String requirementId, UUID deploymentId, String answer, String compliance, boolean reattest,
            String etag, String updatedBy, Instant updatedAt) {
    }

    public record Submission(UUID id, UUID assessmentId, UUID deploymentId, String phase, int revision,
            String contentHash, String route, String submittedBy, Instant submittedAt) {
    }

    public record Escalation(UUID id, UUID assessmentId, UUID deploymentId, int level, String reason, Instant raisedAt,
            Instant resolvedAt, String resolvedBy, String resolution) {
    }

    public record Agreement(UUID id, String kind, UUID productId, UUID deploymentId, String organisation,
            String signatory, String signatoryRole, LocalDate signedOn, String documentVersion, LocalDate expiresOn,
            String recordedBy) {
    }

    public record AuditEntry(long seq, String type, String subject, String time, String recordedAt,
            List<String> organisations, String assessmentId, String deploymentId, String actor, String hash) {
    }

    public record Proof(long seq, String leafHash, long treeSize, String rootHash, List<String> path) {
    }

    public record Checkpoint(long treeSize, String rootHash, String sealedAt, String signature) {
    }

    /** What a workbook import did, row by row counted. */
    public record ImportReport(boolean saved, int matched, int applied, int unchanged, int blank,
            List<RowIssue> rejected, List<RowIssue> unmatched) {
    }

    public record RowIssue(String requirementId, String reason) {
    }

    // Requests, as the services' OpenAPI documents name their fields.

    public record AreaDecision(String area, boolean approved, String reason) {
    }

    public record DecideRequest(String contentHash, String outcome, String reason, List<AreaDecision> areas,
            String certificateNumber, Boolean declarationAccepted, List<String> conditions) {
    }

    public record Evidence(String evidence) {
    }

    public record Review(String review, String comment) {
    }

    public record Comment(String comment) {
    }

    public record AgreementRequest(String kind, String signatory, String signatoryRole, LocalDate signedOn,
            String documentVersion, LocalDate expiresOn) {
    }

    public record SignOff(String kind) {
    }

    public record Resolution(String resolution) {
    }

    public record RiskDetails(String detail, String mitigation, String risk) {
    }

    public record AnswerRequest(String answer, String notes, RiskDetails nonConformance) {
    }

    public record SubmitPhase(String phase) {
    }
}
