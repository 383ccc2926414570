package io.tomassure.console.pages;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.tomassure.console.Refusal;
import io.tomassure.console.api.ApprovalApi;
import io.tomassure.console.api.AssessmentApi;
import io.tomassure.console.api.Models.Agreement;
import io.tomassure.console.api.Models.AgreementRequest;
import io.tomassure.console.api.Models.Answer;
import io.tomassure.console.api.Models.AnswerRequest;
import io.tomassure.console.api.Models.Comment;
import io.tomassure.console.api.Models.Deployment;
import io.tomassure.console.api.Models.NonConformance;
import io.tomassure.console.api.Models.Readiness;
import io.tomassure.console.api.Models.ReplayedReadiness;
import io.tomassure.console.api.Models.ReviewCase;
import io.tomassure.console.api.Models.SignOff;

/**
 * The EUO's deployments: the go-live gate as a checklist that updates itself, the Phase 2 rows still to answer, risk
 * acceptance, agreements and sign-offs, and go-live once the gate is open.
 */
@Path("/deployments")
public class DeploymentPages {

    private static final ZoneId ENGLAND = ZoneId.of("Europe/London");

    /** An outstanding row with its current answer, whose ETag the form sends back as If-Match. */
    public record Row(String requirementId, String problem, Answer current) {
    }

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance list(List<Deployment> deployments);

        static native TemplateInstance deployment(Deployment deployment, Readiness gate, List<Row> rows,
                List<NonConformance> nonConformances, List<Agreement> agreements, List<ReviewCase> cases, String today,
                String done);

        static native TemplateInstance gate(Deployment deployment, Readiness gate);

        static native TemplateInstance gateThen(Deployment deployment, ReplayedReadiness then, String at);
    }

    @Inject
    @RestClient
    AssessmentApi assessment;

    @Inject
    @RestClient
    ApprovalApi approval;

    @Inject
    Clock clock;

    @GET
    public TemplateInstance list() {
        return Templates.list(assessment.deployments(null, 100).items());
    }

    @GET
    @Path("{id}")
    public TemplateInstance deployment(@PathParam("id") UUID id, @QueryParam("done") String done) {
        Deployment deployment = assessment.deployment(id);
        Map<String, Answer> answers = assessment.deploymentAnswers(id).stream()
                .collect(Collectors.toMap(Answer::requirementId, Function.identity(), (a, b) -> a));
        List<Row> rows = deployment.outstanding().stream().filter(o -> "EUO".equals(o.answeredBy()))
                .map(o -> new Row(o.requirementId(), o.problem(), answers.get(o.requirementId()))).toList();
        // The product's cases (1A, 1B) and this deployment's Phase 2, not another deployment's of the same product
        List<ReviewCase> cases = approval.cases(null, null, deployment.assessmentId(), null, null, 100).items().stream()
                .filter(c -> c.deploymentId() == null || id.equals(c.deploymentId())).toList();
        return Templates.deployment(deployment, approval.readiness(id), rows, assessment.deploymentNonConformances(id),
                approval.agreements(id), cases, LocalDate.now(clock).toString(), done);
    }

    /** The gate alone: what the page polls, so that it changes as soon as an event changes the gate. */
    @GET
    @Path("{id}/gate")
    public TemplateInstance gate(@PathParam("id") UUID id) {
        return Templates.gate(assessment.deployment(id), approval.readiness(id));
    }

    /**
     * The gate as it stood at a moment in England (the form's date and time), replayed from the audit log by
     * approval-service, with the log entry it rests on.
     */
    @GET
    @Path("{id}/gate/then")
    public TemplateInstance gateThen(@PathParam("id") UUID id, @QueryParam("at") String at) {
        LocalDateTime local;
        try {
            local = LocalDateTime.parse(String.valueOf(at));
        } catch (java.time.format.DateTimeParseException e) {
            throw new Refusal(400, "No date and time", "Choose the date and time to see the gate at, then show it.");
        }
        Instant instant = local.atZone(ENGLAND).toInstant();
        return Templates.gateThen(assessment.deployment(id), approval.readinessAsOf(id, instant), at);
    }

    @POST
    @Path("{id}/responses/{requirementId}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response answer(@PathParam("id") UUID id, @PathParam("requirementId") String requirementId,
            @RestForm String answer, @RestForm String notes, @RestForm String etag) {
        assessment.answerDeploymentRow(id, requirementId, etag == null || etag.isBlank() ? null : etag,
                new AnswerRequest(answer, notes == null || notes.isBlank() ? null : notes, null));
        return Redirects.to("/deployments/" + id, "answered");
    }

    @POST
    @Path("{id}/submission")
    public Response submit(@PathParam("id") UUID id) {
        assessment.submitPhase2(id);
        return Redirects.to("/deployments/" + id, "submitted");
    }

    @POST
    @Path("{id}/non-conformances/{requirementId}/acceptance")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response accept(@PathParam("id") UUID id, @PathParam("requirementId") String requirementId,
            @RestForm String comment) {
        approval.accept(id, requirementId, new Comment(comment));
        return Redirects.to("/deployments/" + id, "accepted");
    }

    @POST
    @Path("{id}/agreements")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response sign(@PathParam("id") UUID id, @RestForm String kind, @RestForm String signatory,
            @RestForm String signatoryRole, @RestForm String signedOn, @RestForm String documentVersion,
            @RestForm String expiresOn) {
        approval.signForDeployment(id, agreement(kind, signatory, signatoryRole, signedOn, documentVersion, expiresOn));
        return Redirects.to("/deployments/" + id, "signed");
    }

    @POST
    @Path("{id}/sign-offs")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOff(@PathParam("id") UUID id, @RestForm String kind) {
        approval.signOff(id, new SignOff(kind));
        return Redirects.to("/deployments/" + id, "signed-off");
    }

    @POST
    @Path("{id}/go-live")
    public Response goLive(@PathParam("id") UUID id) {
        approval.goLive(id);
        return Redirects.to("/deployments/" + id, "live");
    }

    /** An agreement form as the request; a date left blank is sent as none, for the service to refuse in words. */
    static AgreementRequest agreement(String kind, String signatory, String signatoryRole, String signedOn,
            String documentVersion, String expiresOn) {
        return new AgreementRequest(kind, signatory, signatoryRole, date(signedOn), documentVersion, date(expiresOn));
    }

    private static LocalDate date(String text) {
        try {
            return text == null || text.isBlank() ? null : LocalDate.parse(text.strip());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
