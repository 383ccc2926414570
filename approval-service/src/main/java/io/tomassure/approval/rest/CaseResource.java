package io.tomassure.approval.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.tomassure.approval.domain.Certificate;
import io.tomassure.approval.domain.Decision;
import io.tomassure.approval.domain.PhaseCondition;
import io.tomassure.approval.domain.ReviewCase;
import io.tomassure.approval.rest.ApprovalDtos.CaseView;
import io.tomassure.approval.rest.ApprovalDtos.ConditionView;
import io.tomassure.approval.rest.ApprovalDtos.DecideRequest;
import io.tomassure.approval.rest.ApprovalDtos.DecisionView;
import io.tomassure.approval.rest.ApprovalDtos.DischargeRequest;
import io.tomassure.approval.service.Access;
import io.tomassure.approval.service.Cases;
import io.tomassure.approval.service.Obligations;
import io.tomassure.events.assessment.AssessmentEvents;
import io.tomassure.support.paging.Page;
import io.tomassure.support.security.Roles;

@Path("/api/v1")
@Tag(name = "Review cases", description = "Submitted revisions under review, their decisions and Phase 1A conditions")
public class CaseResource {

    private final Access access;
    private final Cases cases;
    private final Obligations obligations;
    private final ObjectMapper json;

    CaseResource(Access access, Cases cases, Obligations obligations, ObjectMapper json) {
        this.access = access;
        this.cases = cases;
        this.obligations = obligations;
        this.json = json;
    }

    @GET
    @Path("/cases")
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "List review cases", description = "The caller's cases (NHS Digital: all), optionally by state "
            + "(OPEN, DECIDED, SUPERSEDED), phase (1A, 1B, 2), assessment (its product phases and its deployments' Phase 2) "
            + "and submission (the submissionId assessment-service returned: its one case); keyset-paged in opening "
            + "order: pass 'next' as 'after'.")
    public Page<CaseView> list(@QueryParam("state") String state, @QueryParam("phase") String phase,
            @QueryParam("assessment") UUID assessment, @QueryParam("submission") UUID submission,
            @QueryParam("after") UUID after, @QueryParam("limit") Integer limit) {
        Access.CaseFilter filter = new Access.CaseFilter(state, phase, assessment, submission);
        return Page.fetch(limit, rows -> access.visibleCases(filter, after, rows), c -> c.id.toString(), this::view);
    }

    @GET
    @Path("/cases/{id}")
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "Get a review case", description = "The revision under review (phase, revision, content hash), "
            + "its decision and conditions. After a first approval, sinceApproved lists what the revision changes since "
            + "the approved one (rows added, changed, removed, and rows whose requirement a template uplift changed): "
            + "the delta to review.")
    public CaseView get(@PathParam("id") UUID id) {
        return view(access.reviewCase(id));
    }

    @POST
    @Path("/cases/{id}/decision")
    @RolesAllowed({ Roles.ASSURANCE, Roles.EUO })
    @Operation(summary = "Decide a case", description = "Phases 1A and 1B by NHS Digital assurance, Phase 2 by the "
            + "deploying EUO. The decision quotes the revision's content hash: a decision on another revision (409 "
            + "stale-revision) or on a superseded or decided case (409 case-closed) is refused. Phase 1A decides each "
            + "area with a reason; 1B approval issues the certificate; Phase 2 approval signs the declaration and needs "
            + "every non-conformance of the revision accepted.")
    public CaseView decide(@PathParam("id") UUID id, @Valid @NotNull DecideRequest request) {
        cases.decide(access.viewer(), access.username(), id,
                new Cases.DecisionRequest(request.contentHash(), request.rules(), request.conditions()));
        return view(access.reviewCase(id));
    }

    @POST
    @Path("/conditions/{id}/discharge")
    @RolesAllowed(Roles.ASSURANCE)
    @Operation(summary = "Discharge a Phase 1A condition", description = "NHS Digital records that a condition is met, "
            + "with the evidence; until then it blocks go-live.")
    public ConditionView discharge(@PathParam("id") UUID id, @Valid @NotNull DischargeRequest request) {
        PhaseCondition condition = obligations.discharge(id, request.evidence(), access.username());
        return view(condition);
    }

    CaseView view(ReviewCase c) {
        Decision decision = Cases.decision(c);
        DecisionView decisionView = decision == null ? null : new DecisionView(decision.outcome, decision.detail,
                decision.reason, decision.contentHash, decision.decidedBy, decision.decidedAt,
                Certificate.<Certificate>find("caseId", c.id).firstResultOptional().map(cert -> cert.number).orElse(null));
        List<ConditionView> conditions = PhaseCondition.<PhaseCondition>list("caseId = ?1 order by description", c.id).stream()
                .map(CaseResource::view).toList();
        return new CaseView(c.id, c.submissionId, c.assessmentId, c.deploymentId, c.supplierOds, c.euoOds, c.productId,
                c.productName, c.productVersion, c.phase,
                c.revision, c.contentHash, c.state, c.route, c.clinicalSafetyLevel, c.requiredSignOffs, c.nonConformances,
                read(c, c.completeness, AssessmentEvents.Completeness.class),
                read(c, c.nonConformanceRisk, AssessmentEvents.NonConformanceSummary.class), c.igOutcome,
                read(c, c.sinceApproved, AssessmentEvents.RevisionChanges.class), c.openedAt, decisionView, conditions);
    }

    /** A JSON column of the case as its type; null stays null (cases opened before the column). */
    private <T> T read(ReviewCase c, String column, Class<T> type) {
        try {
            return column == null ? null : json.readValue(column, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("case " + c.id + " holds unreadable " + type.getSimpleName(), e);
        }
    }

    static ConditionView view(PhaseCondition c) {
        return new ConditionView(c.id, c.description, c.dischargedAt, c.dischargedBy, c.evidence);
    }
}
