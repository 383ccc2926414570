package io.tomassure.assessment.rest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tomassure.assessment.service.OscalExports;
import io.tomassure.assessment.domain.Assessment;
import io.tomassure.assessment.domain.Submission;
import io.tomassure.assessment.rest.SubmissionDtos.SubmissionSummary;
import io.tomassure.assessment.rest.SubmissionDtos.SubmissionView;
import io.tomassure.assessment.service.Access;
import io.tomassure.assessment.service.Submissions;
import io.tomassure.assessment.workbook.Workbooks;
import io.tomassure.events.assessment.AssessmentEvents;
import io.tomassure.support.security.Roles;

@Path("/api/v1/submissions")
@Tag(name = "Submissions", description = "Immutable submitted revisions")
public class SubmissionResource {

    private final Workbooks workbooks;
    private final Access access;
    private final ObjectMapper json;

    private final Submissions submissions;
    private final OscalExports oscal;

    SubmissionResource(Access access, ObjectMapper json, Workbooks workbooks, Submissions submissions, OscalExports oscal) {
        this.submissions = submissions;
        this.oscal = oscal;
        this.workbooks = workbooks;
        this.access = access;
        this.json = json;
    }

    /** The reply to a submission: 201 with the new revision's summary, and where to read it whole. */
    static Response created(Submission submission) {
        return Response.created(URI.create("/api/v1/submissions/" + submission.id)).entity(SubmissionSummary.of(submission))
                .build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "Get a revision", description = "A submitted revision with its canonical content: the SHA-256 "
            + "of canonicalContent's UTF-8 bytes is contentHash, which every decision on it quotes. sinceApproved lists "
            + "what it changes since the phase's last approved revision (rows added, changed, removed, and rows whose "
            + "answer stands but whose requirement a template uplift changed), so that the reviewer reads a delta.")
    public SubmissionView get(@PathParam("id") UUID id) throws JsonProcessingException {
        Submission submission = access.submission(id);
        return new SubmissionView(SubmissionSummary.of(submission), submission.content, json.readTree(submission.content),
                submission.changes == null ? null : json.readValue(submission.changes, AssessmentEvents.RevisionChanges.class));
    }

    @GET
    @Path("/{id}/canonical")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "The exact bytes a revision's hash covers", description = "The revision's content exactly as "
            + "hashed: its SHA-256 is contentHash, the hash every decision on the revision quotes. A revision with "
            + "hashAlgorithm sha-256/jcs is in RFC 8785's canonical form, so any JCS implementation reproduces these "
            + "bytes from the content; see docs/hashing.md. Repr-Digest (RFC 9530) carries the same SHA-256.")
    public Response canonical(@PathParam("id") UUID id) {
        Submission submission = access.submission(id);
        byte[] bytes = submission.content.getBytes(StandardCharsets.UTF_8);
        String digest = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(submission.contentHash));
        return Response.ok(bytes, MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8"))
                .header("Repr-Digest", "sha-256=:" + digest + ":").build();
    }

    @GET
    @Path("/{id}/oscal")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "The revision as OSCAL assessment results", description = "An OSCAL 1.1.2 assessment-results "
            + "document of the frozen revision: the metadata carries the revision's hash (prop revision-hash), the reviewed "
            + "controls are the phase's rows in scope (control ids as in GET /templates/{id}/oscal), each answered row is an "
            + "observation whose evidence files are back-matter resources with their SHA-256, and each non-conformance a "
            + "finding with its RAG rating as an OSCAL risk and its mitigation. Ids are version-5 UUIDs: the same revision "
            + "always gives the same document. See docs/oscal.md.")
    public ObjectNode oscal(@PathParam("id") UUID id) {
        return oscal.results(access.submission(id));
    }

    @GET
    @Path("/{id}/changes")
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "Compare a revision with the previous one", description = "The rows that differ from the "
            + "previous revision of the same phase (ADDED, CHANGED, REMOVED, or REQUIREMENT_CHANGED where the answer "
            + "stands but a template uplift changed its requirement), each as both revisions froze it, following ids "
            + "through uplifts; 204 for a first revision.")
    public Submissions.Comparison changes(@PathParam("id") UUID id) {
        return submissions.sincePrevious(access.submission(id));
    }

    @GET
    @Path("/{id}/workbook")
    @Produces(WorkbookResource.XLSX)
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "Export a submitted revision as a TOM workbook", description = "Exactly the answers the "
            + "revision froze, with its SHA-256 on the summary tab.")
    public Response exportRevision(@PathParam("id") UUID id) {
        Submission submission = access.submission(id);
        Assessment assessment = access.assessmentOf(submission.assessmentId);
        return WorkbookResource.download(workbooks.exportRevision(submission), assessment,
                "-phase" + submission.phase + "-r" + submission.revision);
    }
}
