package io.tomassure.assessment.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tomassure.assessment.domain.Submission;
import io.tomassure.assessment.rest.SubmissionDtos.SubmissionSummary;
import io.tomassure.assessment.rest.SubmissionDtos.SubmissionView;
import io.tomassure.assessment.service.Access;
import io.tomassure.support.problem.ProblemException;
import io.tomassure.support.security.Roles;

@Path("/api/v1/submissions")
@Tag(name = "Submissions", description = "Immutable submitted revisions")
public class SubmissionResource {

    private final Access access;
    private final ObjectMapper json;

    SubmissionResource(Access access, ObjectMapper json) {
        this.access = access;
        this.json = json;
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "Get a revision", description = "A submitted revision with its canonical content: the SHA-256 "
            + "of canonicalContent's UTF-8 bytes is contentHash, which every decision on it quotes.")
    public SubmissionView get(@PathParam("id") UUID id) throws JsonProcessingException {
        Submission submission = Submission.findById(id);
        if (submission == null) {
            throw ProblemException.notFound("Submission " + id);
        }
        if (submission.deploymentId == null) {
            access.assessment(submission.assessmentId);
        } else {
            access.deployment(submission.deploymentId);
        }
        return new SubmissionView(SubmissionSummary.of(submission), submission.content, json.readTree(submission.content));
    }
}
