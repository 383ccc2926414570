package io.tomassure.assessment.rest;

import java.net.URI;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.tomassure.assessment.domain.Assessment;
import io.tomassure.assessment.domain.Evidence;
import io.tomassure.assessment.service.Access;
import io.tomassure.assessment.service.Answers;
import io.tomassure.assessment.service.AssessmentDtos;
import io.tomassure.assessment.service.AssessmentDtos.NonConformanceView;
import io.tomassure.assessment.service.Assessments;
import io.tomassure.assessment.service.Views;
import io.tomassure.assessment.workbook.AnswerImport;
import io.tomassure.assessment.workbook.Workbooks;
import io.tomassure.support.concurrency.Preconditions;
import io.tomassure.support.problem.ProblemException;

/**
 * What the product's TOM and a deployment's share over HTTP: answers, evidence, the register and workbooks. Each
 * takes the assessment's id ({@code deploymentId} null) or the deployment's; the services it calls load the TOM by
 * id as the caller sees it and own the transaction.
 */
@ApplicationScoped
public class TomRequests {

    private final Access access;
    private final Answers answers;
    private final Assessments assessments;
    private final Views views;
    private final Workbooks workbooks;

    TomRequests(Access access, Answers answers, Assessments assessments, Views views, Workbooks workbooks) {
        this.views = views;
        this.access = access;
        this.answers = answers;
        this.assessments = assessments;
        this.workbooks = workbooks;
    }

    /** Answers a row of the product ({@code deploymentId} null) or of a deployment. */
    public Response answer(UUID assessmentId, UUID deploymentId, String requirementId, AssessmentDtos.AnswerRequest request,
            String ifMatch) {
        var response = answers.answer(access.viewer(), access.username(), assessmentId, deploymentId, requirementId,
                request, ifMatch);
        return Response.ok(Views.response(response)).header(HttpHeaders.ETAG, Preconditions.etag(response.version)).build();
    }

    /** A filled workbook's answers; refused on its declared length before the body is read. */
    public AnswerImport.Report importAnswers(UUID assessmentId, UUID deploymentId, Long declaredLength, byte[] body,
            boolean dryRun, boolean replace) {
        workbooks.files().refuseDeclaredLength(declaredLength);
        var tables = workbooks.readFilled(body); // waits for a parse permit before any transaction or connection
        return workbooks.importAnswers(access.viewer(), access.username(), assessmentId, deploymentId, tables, dryRun,
                replace);
    }

    /** The TOM as a workbook download: a deployment's is named after its EUO. */
    public Response export(UUID assessmentId, UUID deploymentId) {
        Access.Target tom = access.target(assessmentId, deploymentId);
        String suffix = tom.deployment() == null ? "" : "-" + tom.deployment().euoOds;
        return WorkbookResource.download(workbooks.export(tom.assessment(), tom.deployment()), tom.assessment(), suffix);
    }

    /** The non-conformances in force: the product's, and for a deployment its own on top. */
    public List<NonConformanceView> register(UUID assessmentId, UUID deploymentId) {
        Access.Target tom = access.target(assessmentId, deploymentId);
        return views.register(tom.assessment(), tom.deployment());
    }

    /** Attaches evidence to a row of the product ({@code deploymentId} null) or of a deployment. */
    public Response evidence(UUID assessmentId, UUID deploymentId, String requirementId, EvidenceUpload upload,
            byte[] content) {
        // Refuse on the declared size before looking at the body at all.
        if (upload.length != null && upload.length > assessments.evidenceMaxBytes()) {
            throw assessments.tooLarge(upload.length);
        }
        if (!EvidenceFiles.isFileName(upload.name)) {
            throw ProblemException.invalid("name", "name the file with the 'name' query parameter (1 to 255 characters, "
                    + "no control characters)");
        }
        String type = upload.mediaType == null || upload.mediaType.isBlank() ? MediaType.APPLICATION_OCTET_STREAM
                : upload.mediaType;
        var attached = assessments.addEvidence(access.viewer(), access.username(), assessmentId, deploymentId,
                requirementId, new AssessmentDtos.EvidenceFile(upload.name, type, upload.kind(), upload.effectiveOn(),
                        upload.expiresOn(), content == null ? new byte[0] : content));
        Evidence evidence = attached.evidence();
        return Response.created(URI.create("/api/v1/assessments/" + attached.assessmentId() + "/evidence/" + evidence.id))
                .entity(Views.evidence(evidence)).build();
    }

    public Response download(Assessment assessment, UUID evidenceId) {
        Evidence evidence = access.evidence(assessment, evidenceId);
        String digest = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(evidence.sha256));
        return Response.ok(evidence.content, EvidenceFiles.servedType(evidence.mediaType))
                .header("Content-Disposition", EvidenceFiles.attachment(evidence.name))
                .header("Repr-Digest", "sha-256=:" + digest + ":")
                .build();
    }
}
