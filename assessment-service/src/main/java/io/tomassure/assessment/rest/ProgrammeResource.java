package io.tomassure.assessment.rest;

import java.net.URI;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tomassure.assessment.domain.AnswerKind;
import io.tomassure.assessment.domain.EvidenceKind;
import io.tomassure.assessment.domain.EvidencePolicy;
import io.tomassure.assessment.domain.Level;
import io.tomassure.assessment.domain.Party;
import io.tomassure.assessment.domain.Programme;
import io.tomassure.assessment.domain.RequirementRow;
import io.tomassure.assessment.domain.RowType;
import io.tomassure.assessment.domain.SectionKind;
import io.tomassure.assessment.domain.Template;
import io.tomassure.assessment.domain.TemplateSection;
import io.tomassure.assessment.service.Access;
import io.tomassure.assessment.service.Catalogue;
import io.tomassure.assessment.service.OscalExports;
import io.tomassure.assessment.service.RequiredEvidence;
import io.tomassure.assessment.service.TemplateDtos.RequirementDefinition;
import io.tomassure.assessment.service.TemplateDtos.SectionDefinition;
import io.tomassure.assessment.service.TemplateDtos.TemplateDefinition;
import io.tomassure.assessment.service.TemplateDtos.TemplateSummary;
import io.tomassure.assessment.service.TemplateDtos.TemplateView;
import io.tomassure.support.problem.ProblemException;
import io.tomassure.support.security.Roles;

@Path("/api/v1")
@Tag(name = "Programmes and templates", description = "National API programmes and their versioned TOM templates")
public class ProgrammeResource {

    public record CreateProgramme(@NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,40}", message = "lower-case letters, digits and dashes") String code,
            @NotBlank @Size(max = 300) String name) {
    }

    public record ProgrammeView(String code, String name, List<TemplateSummary> templates) {
    }

    /** The oldest each kind of evidence may be, as ISO 8601 periods ({@code {"DSPT": "P12M"}}). */
    public record EvidencePolicyView(String programme, @NotNull @Size(max = 20) Map<EvidenceKind, @NotBlank @Size(max = 20) String> maxAge) {
    }

    private final Catalogue catalogue;
    private final Access access;
    private final OscalExports oscal;
    private final RequiredEvidence requiredEvidence;

    ProgrammeResource(Catalogue catalogue, Access access, OscalExports oscal, RequiredEvidence requiredEvidence) {
        this.catalogue = catalogue;
        this.access = access;
        this.oscal = oscal;
        this.requiredEvidence = requiredEvidence;
    }

    @POST
    @Path("/programmes")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create a programme", description = "A national API programme (e-RS APIs, SMSP/PDS, ...) whose TOM templates are versioned.")
    public Response createProgramme(@Valid @NotNull CreateProgramme request) {
        Programme programme = catalogue.createProgramme(request.code(), request.name());
        return Response.created(URI.create("/api/v1/programmes/" + programme.code))
                .entity(new ProgrammeView(programme.code, programme.name, List.of())).build();
    }

    @GET
    @Path("/programmes")
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "List programmes", description = "Every programme with its template versions (drafts and published), oldest first.")
    public List<ProgrammeView> programmes() {
        Map<String, List<TemplateSummary>> templates = Template.<Template>list("order by createdAt, id").stream()
                .collect(Collectors.groupingBy(t -> t.programmeCode, Collectors.mapping(ProgrammeResource::summary, Collectors.toList())));
        return Programme.<Programme>list("order by code").stream()
                .map(p -> new ProgrammeView(p.code, p.name, templates.getOrDefault(p.code, List.of()))).toList();
    }

    @GET
    @Path("/programmes/{code}/evidence-policy")
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "Get the programme's evidence policy", description = "The oldest each kind of evidence may be "
            + "(ISO 8601 periods). A kind without a maximum age is in date until its own expiry.")
    public EvidencePolicyView evidencePolicy(@PathParam("code") String programme) {
        return view(programme, requiredEvidence.policy(programme));
    }

    @PUT
    @Path("/programmes/{code}/evidence-policy")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Set the programme's evidence policy", description = "Replaces, whole, the oldest each kind of "
            + "evidence may be: {\"maxAge\": {\"DSPT\": \"P12M\", \"PEN_TEST\": \"P1Y\"}}. A piece is in date from its "
            + "effective date until that age, or its expiry if sooner. Takes effect at once: every row requiring evidence, "
            + "in every assessment of the programme, is re-judged and published, and a go-live gate whose evidence is no "
            + "longer in date closes.")
    public EvidencePolicyView setEvidencePolicy(@PathParam("code") String programme,
            @Valid @NotNull EvidencePolicyView request) {
        Map<EvidenceKind, Period> maxAge = new EnumMap<>(EvidenceKind.class);
        request.maxAge().forEach((kind, age) -> {
            try {
                maxAge.put(kind, Period.parse(age));
            } catch (DateTimeParseException e) {
                throw ProblemException.invalid("maxAge." + kind, "an ISO 8601 period, such as P12M or P1Y");
            }
        });
        return view(programme, requiredEvidence.setPolicy(programme, maxAge, access.username()));
    }

    private static EvidencePolicyView view(String programme, EvidencePolicy policy) {
        Map<EvidenceKind, String> maxAge = new EnumMap<>(EvidenceKind.class);
        policy.maxAge().forEach((kind, age) -> maxAge.put(kind, age.toString()));
        return new EvidencePolicyView(programme, maxAge);
    }

    @POST
    @Path("/programmes/{code}/templates")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create a template version", description = "A draft TOM template: its sections and requirement "
            + "rows (id, title, description, guidance, MUST/SHOULD, Info/Action/Req, who answers, phases, allowed answers). "
            + "Publish it to make it usable, and immutable.")
    public Response createTemplate(@PathParam("code") String programme, @Valid @NotNull TemplateDefinition definition) {
        Template template = catalogue.createDraft(programme, definition);
        return Response.created(URI.create("/api/v1/templates/" + template.id)).entity(view(template)).build();
    }

    @GET
    @Path("/templates/{id}/oscal")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "A template as an OSCAL catalog", description = "An OSCAL 1.1.2 catalog of the template version: "
            + "each section a group, each requirement row a control (its id the requirement id as an OSCAL token, its "
            + "statement the row's text, its guidance part the row's guidance; level, row type, answering party, phases and "
            + "allowed answers as properties). The assessment results and POA&Ms refer to these control ids.")
    public ObjectNode oscalCatalog(@PathParam("id") UUID id) {
        return oscal.catalog(id);
    }

    @GET
    @Path("/templates/{id}")
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "Get a template", description = "The whole catalogue of a template version, in workbook order.")
    public TemplateView template(@PathParam("id") UUID id) {
        return view(catalogue.template(id));
    }

    @PUT
    @Path("/templates/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Replace a draft template", description = "Replaces a draft's whole catalogue. A published template is immutable (409).")
    public TemplateView replaceTemplate(@PathParam("id") UUID id, @Valid @NotNull TemplateDefinition definition) {
        return view(catalogue.replaceDraft(id, definition));
    }

    @POST
    @Path("/templates/{id}/publish")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Publish a template", description = "Makes the version usable by assessments and immutable from then on.")
    public TemplateView publish(@PathParam("id") UUID id) {
        return view(catalogue.publish(id, access.username()));
    }

    static TemplateSummary summary(Template t) {
        return new TemplateSummary(t.id, t.programmeCode, t.version, t.status, t.publishedAt);
    }

    static TemplateView view(Template template) {
        Map<String, List<RequirementRow>> rows = RequirementRow.of(template.id).stream()
                .collect(Collectors.groupingBy(r -> r.sectionCode));
        List<SectionDefinition> sections = TemplateSection.of(template.id).stream().map(s -> new SectionDefinition(
                s.code, s.title, SectionKind.valueOf(s.kind), rows.getOrDefault(s.code, List.of()).stream()
                        .map(r -> new RequirementDefinition(r.ref, r.title, r.description, r.guidance,
                                r.level == null ? null : Level.valueOf(r.level), RowType.valueOf(r.rowType),
                                Party.valueOf(r.answeredBy), r.phases, r.allowedAnswers, AnswerKind.valueOf(r.answerKind),
                                r.evidenceKind == null ? null : EvidenceKind.valueOf(r.evidenceKind)))
                        .toList()))
                .toList();
        return new TemplateView(template.id, template.programmeCode, template.version, template.status,
                template.publishedAt, sections);
    }
}
