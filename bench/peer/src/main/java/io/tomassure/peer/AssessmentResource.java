package io.tomassure.peer;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The same calls as assessment-service's hot paths, answered the plain way: an assessment read with its phase
 * states and answered count, and a row answered by loading, changing and flushing entities.
 */
@Path("/api/v1/assessments")
@Authenticated
public class AssessmentResource {

    public record NewAssessment(@NotNull UUID productVersionId, @NotNull UUID templateId, List<String> phases) {
    }

    public record AnswerRequest(@NotBlank @Size(max = 2000) String answer, @Size(max = 10000) String notes) {
    }

    public record AssessmentView(UUID id, String supplierOds, UUID productVersionId, String productName, UUID templateId,
            String templateName, String status, List<PhaseState> phases, long answered, Instant updatedAt) {
    }

    private final SecurityIdentity caller;

    AssessmentResource(SecurityIdentity caller) {
        this.caller = caller;
    }

    @POST
    @Transactional
    public AssessmentView create(@Valid @NotNull NewAssessment request) {
        Assessment assessment = new Assessment();
        assessment.id = UUID.randomUUID();
        assessment.supplierOds = caller.getPrincipal().getName();
        assessment.productVersionId = request.productVersionId();
        assessment.templateId = request.templateId();
        assessment.productName = "Product " + request.productVersionId();
        assessment.templateName = "Template " + request.templateId();
        assessment.status = "DRAFT";
        assessment.createdAt = assessment.updatedAt = Instant.now();
        assessment.persist();
        for (String phase : request.phases() == null ? List.of("1A", "1B") : request.phases()) {
            PhaseState state = new PhaseState();
            state.assessment = assessment;
            state.phase = phase;
            state.status = "NOT_SUBMITTED";
            state.persist();
            assessment.phases.add(state);
        }
        return view(assessment, 0);
    }

    @GET
    @Path("/{id}")
    public AssessmentView get(@PathParam("id") UUID id) {
        Assessment assessment = Assessment.<Assessment>find("from Assessment a left join fetch a.phases where a.id = ?1", id)
                .singleResultOptional().orElseThrow(NotFoundException::new);
        return view(assessment, Answer.count("assessment.id = ?1", id));
    }

    @PUT
    @Path("/{id}/responses/{requirementId}")
    @Transactional
    public Answer answer(@PathParam("id") UUID id, @PathParam("requirementId") String requirementId,
            @Valid @NotNull AnswerRequest request) {
        Assessment assessment = Assessment.<Assessment>findByIdOptional(id).orElseThrow(NotFoundException::new);
        Answer answer = Answer.<Answer>find("assessment = ?1 and requirementId = ?2", assessment, requirementId)
                .firstResultOptional().orElseGet(() -> {
                    Answer first = new Answer();
                    first.assessment = assessment;
                    first.requirementId = requirementId;
                    return first;
                });
        answer.answer = request.answer();
        answer.notes = request.notes();
        answer.answeredBy = caller.getPrincipal().getName();
        answer.answeredAt = assessment.updatedAt = Instant.now();
        answer.persist();
        return answer;
    }

    private static AssessmentView view(Assessment a, long answered) {
        return new AssessmentView(a.id, a.supplierOds, a.productVersionId, a.productName, a.templateId, a.templateName,
                a.status, a.phases, answered, a.updatedAt);
    }
}
