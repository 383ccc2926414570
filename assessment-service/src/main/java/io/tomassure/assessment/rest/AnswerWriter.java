package io.tomassure.assessment.rest;

import java.net.URI;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.tomassure.assessment.domain.Assessment;
import io.tomassure.assessment.domain.Deployment;
import io.tomassure.assessment.domain.Evidence;
import io.tomassure.assessment.service.Access;
import io.tomassure.assessment.service.Answers;
import io.tomassure.assessment.service.AssessmentDtos;
import io.tomassure.assessment.service.Assessments;
import io.tomassure.assessment.service.Catalogue;
import io.tomassure.assessment.service.Views;
import io.tomassure.assessment.workbook.AnswerImport;
import io.tomassure.assessment.workbook.TableReader;
import io.tomassure.assessment.workbook.Workbooks;
import io.tomassure.support.concurrency.Preconditions;
import io.tomassure.support.problem.ProblemException;

/** The HTTP side of answering rows and handling evidence, shared by the product and deployment resources. */
@ApplicationScoped
public class AnswerWriter {

    private final Access access;
    private final Answers answers;
    private final Assessments assessments;
    private final Catalogue catalogue;
    private final Workbooks workbooks;

    AnswerWriter(Access access, Answers answers, Assessments assessments, Catalogue catalogue, Workbooks workbooks) {
        this.access = access;
        this.answers = answers;
        this.assessments = assessments;
        this.catalogue = catalogue;
        this.workbooks = workbooks;
    }

    @Transactional
    public Response answer(Assessment assessment, Deployment deployment, String requirementId,
            AssessmentDtos.AnswerRequest request, String ifMatch) {
        var row = catalogue.requirement(assessment, requirementId);
        var response = answers.answer(access.viewer(), access.username(), assessment, deployment, row, request, ifMatch);
        return Response.ok(Views.response(response)).header(HttpHeaders.ETAG, Preconditions.etag(response.version)).build();
    }

    /** A read workbook's answers into the product ({@code deploymentId} null) or a deployment the caller may see. */
    @Transactional
    public AnswerImport.Report importAnswers(UUID assessmentId, UUID deploymentId, TableReader.Tables tables,
            boolean dryRun, boolean replace) {
        Deployment deployment = deploymentId == null ? null : access.deployment(deploymentId);
        Assessment assessment = deployment == null ? access.assessment(assessmentId) : access.assessmentOf(deployment.assessmentId);
        return workbooks.importAnswers(access.viewer(), access.username(), assessment, deployment, tables, dryRun, replace);
    }

    public Response evidence(Assessment assessment, Deployment deployment, String requirementId, EvidenceUpload upload,
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
        Evidence evidence = assessments.addEvidence(access.viewer(), access.username(), assessment, deployment,
                requirementId, new AssessmentDtos.EvidenceFile(upload.name, type, upload.kind(), upload.effectiveOn(),
                        upload.expiresOn(), content == null ? new byte[0] : content));
        return Response.created(URI.create("/api/v1/assessments/" + assessment.id + "/evidence/" + evidence.id))
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
