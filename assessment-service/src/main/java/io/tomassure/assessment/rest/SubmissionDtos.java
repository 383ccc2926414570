package io.tomassure.assessment.rest;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;

import com.fasterxml.jackson.databind.JsonNode;

import io.tomassure.assessment.domain.Submission;
import io.tomassure.events.assessment.AssessmentEvents.RevisionChanges;

/** Submissions: requests and immutable revisions. */
public final class SubmissionDtos {

    private SubmissionDtos() {
    }

    /** {@code phase}: 1A or 1B for a product assessment. */
    public record SubmitPhase(@NotBlank String phase) {
    }

    /**
     * {@code hashAlgorithm}: how the content was written before hashing: {@code sha-256/jcs} (RFC 8785), or
     * {@code sha-256/sorted-json} for revisions hashed before JCS; either way the hash is over the exact bytes
     * {@code GET /submissions/{id}/canonical} serves.
     */
    public record SubmissionSummary(UUID id, UUID assessmentId, UUID deploymentId, String phase, int revision,
            String contentHash, String hashAlgorithm, String route, String submittedBy, Instant submittedAt) {

        public static SubmissionSummary of(Submission s) {
            return new SubmissionSummary(s.id, s.assessmentId, s.deploymentId, s.phase, s.revision, s.contentHash,
                    s.hashAlgorithm, s.route, s.submittedBy, s.submittedAt);
        }
    }

    /**
     * A revision with its canonical content; SHA-256 of {@code canonicalContent}'s UTF-8 bytes is {@code contentHash}.
     * {@code sinceApproved}: what it changes since the phase's approved revision (absent before a first approval).
     */
    public record SubmissionView(SubmissionSummary submission, String canonicalContent, JsonNode content,
            RevisionChanges sinceApproved) {
    }
}
