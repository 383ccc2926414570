package io.tomassure.console.pages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.tomassure.console.Refusal;
import io.tomassure.console.api.ApprovalApi;
import io.tomassure.console.api.AssessmentApi;
import io.tomassure.console.api.Models.Assessment;
import io.tomassure.console.api.Models.AssessmentSummary;
import io.tomassure.console.api.Models.ImportReport;
import io.tomassure.console.api.Models.Missing;
import io.tomassure.console.api.Models.Submission;
import io.tomassure.console.api.Models.SubmitPhase;

/**
 * The supplier's products and assessments: completeness per section, the rows each phase still lacks before it can
 * be submitted, the revisions, the workbook out and in, and the Connection Agreement.
 */
@Path("/assessments")
public class AssessmentPages {

    /** What a phase still lacks before it can be submitted. */
    public record PhaseReadiness(String phase, List<Missing> missing) {
    }

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance list(List<AssessmentSummary> assessments);

        static native TemplateInstance assessment(Assessment assessment, List<PhaseReadiness> readiness,
                List<Submission> submissions, String today, String done);

        static native TemplateInstance imported(UUID assessmentId, ImportReport report);
    }

    @Inject
    @RestClient
    AssessmentApi assessments;

    @Inject
    @RestClient
    ApprovalApi approval;

    @Inject
    java.time.Clock clock;

    @GET
    public TemplateInstance list() {
        return Templates.list(assessments.assessments(null, 100).items());
    }

    @GET
    @Path("{id}")
    public TemplateInstance assessment(@PathParam("id") UUID id, @QueryParam("done") String done) {
        List<PhaseReadiness> readiness = List.of("1A", "1B").stream()
                .map(phase -> new PhaseReadiness(phase, assessments.missing(id, phase))).toList();
        return Templates.assessment(assessments.assessment(id), readiness,
                assessments.submissions(id), java.time.LocalDate.now(clock).toString(), done);
    }

    @POST
    @Path("{id}/submissions")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submit(@PathParam("id") UUID id, @RestForm String phase) {
        assessments.submit(id, new SubmitPhase(phase));
        return Redirects.to("/assessments/" + id, "submitted-" + phase);
    }

    /** The workbook as assessment-service exports it, passed through with its name. */
    @GET
    @Path("{id}/workbook")
    public Response export(@PathParam("id") UUID id) {
        try (Response exported = assessments.exportWorkbook(id)) {
            return Response.ok(exported.readEntity(byte[].class), exported.getMediaType())
                    .header(HttpHeaders.CONTENT_DISPOSITION, exported.getHeaderString(HttpHeaders.CONTENT_DISPOSITION)).build();
        }
    }

    /** A filled workbook, imported; the page shows the import's report (what applied, what was refused and why). */
    @POST
    @Path("{id}/workbook")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public TemplateInstance importWorkbook(@PathParam("id") UUID id, @RestForm("workbook") FileUpload workbook,
            @RestForm boolean dryRun) {
        if (workbook == null || workbook.size() == 0) {
            throw new Refusal(400, "No workbook chosen", "Choose the filled .xlsx or .xls file, then import it.");
        }
        try {
            return Templates.imported(id, assessments.importWorkbook(id, dryRun, Files.readAllBytes(workbook.uploadedFile())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @POST
    @Path("{id}/products/{product}/agreements")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signConnectionAgreement(@PathParam("id") UUID id, @PathParam("product") UUID product,
            @RestForm String signatory, @RestForm String signatoryRole, @RestForm String signedOn,
            @RestForm String documentVersion, @RestForm String expiresOn) {
        approval.signForProduct(product, DeploymentPages.agreement("CONNECTION_AGREEMENT", signatory, signatoryRole,
                signedOn, documentVersion, expiresOn));
        return Redirects.to("/assessments/" + id, "signed");
    }
}
