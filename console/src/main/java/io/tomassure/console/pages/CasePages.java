package io.tomassure.console.pages;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

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
import io.tomassure.console.ConsoleConfig;
import io.tomassure.console.DecisionForm;
import io.tomassure.console.Person;
import io.tomassure.console.ReviewClock;
import io.tomassure.console.api.ApprovalApi;
import io.tomassure.console.api.AssessmentApi;
import io.tomassure.console.api.Models.Comparison;
import io.tomassure.console.api.Models.Evidence;
import io.tomassure.console.api.Models.NonConformance;
import io.tomassure.console.api.Models.Page;
import io.tomassure.console.api.Models.Review;
import io.tomassure.console.api.Models.ReviewCase;

/** The reviewer's queue and case pages: read the revision and what changed, then decide it. */
@Path("/")
public class CasePages {
    /** The queue reads this many pages of open cases at most: beyond that, it says so. */
    static final int MAX_PAGES = 10;
    static final int PAGE_SIZE = 100;

    public record QueuedCase(ReviewCase reviewCase, ReviewClock.Age age) {
    }

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance queue(List<QueuedCase> cases, String phase, boolean truncated, long targetDays);

        static native TemplateInstance reviewCase(ReviewCase reviewCase, ReviewClock.Age age, Comparison changes,
                List<NonConformance> nonConformances, List<String> outcomes, DecisionForm.AreaName[] areas,
                boolean decides, String done);
    }

    @Inject
    @RestClient
    ApprovalApi approval;

    @Inject
    @RestClient
    AssessmentApi assessment;

    @Inject
    Person person;

    @Inject
    ConsoleConfig config;

    @Inject
    Clock clock;

    @GET
    @Path("cases")
    public TemplateInstance queue(@QueryParam("phase") String phase) {
        List<QueuedCase> queued = new ArrayList<>();
        UUID after = null;
        int pages = 0;
        do {
            Page<ReviewCase> page = approval.cases("OPEN", phase == null || phase.isBlank() ? null : phase, null, null, after,
                    PAGE_SIZE);
            page.items().forEach(c -> queued.add(new QueuedCase(c, age(c))));
            after = page.next() == null ? null : UUID.fromString(page.next());
        } while (after != null && ++pages < MAX_PAGES);
        queued.sort(Comparator.comparing(q -> q.reviewCase().openedAt()));
        return Templates.queue(queued, phase, after != null, config.reviewTarget().toDays());
    }

    @GET
    @Path("cases/{id}")
    public TemplateInstance reviewCase(@PathParam("id") UUID id, @QueryParam("done") String done) {
        ReviewCase c = approval.reviewCase(id);
        Comparison changes = c.revision() > 1 ? assessment.changes(c.submissionId()) : null;
        List<NonConformance> nonConformances = (c.deploymentId() == null
                ? assessment.nonConformances(c.assessmentId())
                : assessment.deploymentNonConformances(c.deploymentId())).stream()
                .filter(nc -> c.nonConformances().contains(nc.requirementId())).toList();
        return Templates.reviewCase(c, age(c), changes, nonConformances, DecisionForm.outcomes(c.phase()),
                DecisionForm.AreaName.values(), "OPEN".equals(c.state()) && person.decides(c.phase()), done);
    }

    @POST
    @Path("cases/{id}/decision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decide(@PathParam("id") UUID id, @RestForm String phase, @RestForm String contentHash,
            @RestForm String outcome, @RestForm String reason, @RestForm String certificateNumber,
            @RestForm boolean declarationAccepted, @RestForm String conditions,
            @RestForm boolean usageApproved, @RestForm String usageReason,
            @RestForm boolean settingApproved, @RestForm String settingReason,
            @RestForm boolean organisationApproved, @RestForm String organisationReason) {
        DecisionForm form = new DecisionForm(contentHash, outcome, reason, certificateNumber, declarationAccepted, conditions,
                List.of(new DecisionForm.Area(DecisionForm.AreaName.SYSTEM_USAGE, usageApproved, usageReason),
                        new DecisionForm.Area(DecisionForm.AreaName.SYSTEM_SETTING, settingApproved, settingReason),
                        new DecisionForm.Area(DecisionForm.AreaName.DATA_USER_ORGANISATION, organisationApproved,
                                organisationReason)));
        approval.decide(id, form.request(phase));
        return Redirects.to("/cases/" + id, "decided");
    }

    @POST
    @Path("cases/{id}/conditions/{condition}/discharge")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response discharge(@PathParam("id") UUID id, @PathParam("condition") UUID condition, @RestForm String evidence) {
        approval.discharge(condition, new Evidence(evidence));
        return Redirects.to("/cases/" + id, "discharged");
    }

    @POST
    @Path("cases/{id}/non-conformances/{requirementId}/review")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response review(@PathParam("id") UUID id, @PathParam("requirementId") String requirementId,
            @RestForm String review, @RestForm String comment) {
        ReviewCase c = approval.reviewCase(id);
        approval.review(c.assessmentId(), requirementId, new Review(review, comment));
        return Redirects.to("/cases/" + id, "reviewed");
    }

    private ReviewClock.Age age(ReviewCase c) {
        return ReviewClock.age(c.openedAt(), clock.instant(), config.reviewTarget());
    }
}
