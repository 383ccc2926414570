package io.tomassure.assessment.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.tomassure.assessment.domain.Assessment;
import io.tomassure.assessment.domain.EvidenceKind;
import io.tomassure.assessment.domain.Phase;
import io.tomassure.assessment.domain.Programme;
import io.tomassure.assessment.domain.Requirement;
import io.tomassure.assessment.domain.RequirementRow;
import io.tomassure.assessment.domain.SectionKind;
import io.tomassure.assessment.domain.SectionScope;
import io.tomassure.assessment.domain.Template;
import io.tomassure.assessment.domain.TemplateSection;
import io.tomassure.assessment.service.TemplateDtos.RequirementDefinition;
import io.tomassure.assessment.service.TemplateDtos.SectionDefinition;
import io.tomassure.assessment.service.TemplateDtos.TemplateDefinition;
import io.tomassure.events.assessment.AssessmentEvents;
import io.tomassure.outbox.Outbox;
import io.tomassure.support.Ids;
import io.tomassure.support.problem.Problem;
import io.tomassure.support.problem.ProblemException;
import io.tomassure.support.time.TimeSource;

/** Programmes and their versioned TOM templates. A published template never changes, so its rules are cached. */
@ApplicationScoped
public class Catalogue {

    private final Outbox outbox;
    private final TimeSource time;
    private final Map<UUID, List<Requirement>> publishedRules = new ConcurrentHashMap<>();
    private final Map<UUID, Map<String, EvidenceKind>> publishedEvidence = new ConcurrentHashMap<>();

    Catalogue(Outbox outbox, TimeSource time) {
        this.outbox = outbox;
        this.time = time;
    }

    @Transactional
    public Programme createProgramme(String code, String name) {
        if (Programme.findById(code) != null) {
            throw ProblemException.conflict("duplicate", "Programme exists", "Programme '" + code + "' already exists");
        }
        Programme programme = new Programme();
        programme.code = code;
        programme.name = name;
        programme.createdAt = time.now();
        programme.persist();
        return programme;
    }

    /** Creates a draft template version from a complete definition (built by hand or imported from a workbook). */
    @Transactional
    public Template createDraft(String programmeCode, TemplateDefinition definition) {
        if (Programme.findById(programmeCode) == null) {
            throw ProblemException.notFound("Programme '" + programmeCode + "'");
        }
        if (Template.count("programmeCode = ?1 and version = ?2", programmeCode, definition.version()) > 0) {
            throw ProblemException.conflict("duplicate", "Template version exists",
                    "Programme '" + programmeCode + "' already has template version " + definition.version());
        }
        validate(definition);
        Template template = new Template();
        template.id = Ids.next();
        template.programmeCode = programmeCode;
        template.version = definition.version();
        template.status = Template.Status.DRAFT.name();
        template.createdAt = time.now();
        template.persist();
        writeContent(template.id, definition);
        return template;
    }

    /** Replaces a draft's content; a published template is immutable. */
    @Transactional
    public Template replaceDraft(UUID templateId, TemplateDefinition definition) {
        Template template = template(templateId);
        requireDraft(template);
        validate(definition);
        RequirementRow.delete("templateId", templateId);
        TemplateSection.delete("templateId", templateId);
        template.version = definition.version();
        writeContent(templateId, definition);
        return template;
    }

    @Transactional
    public Template publish(UUID templateId, String by) {
        Template template = template(templateId);
        requireDraft(template);
        template.status = Template.Status.PUBLISHED.name();
        template.publishedAt = time.now();
        outbox.record(AssessmentEvents.TEMPLATE_PUBLISHED, templateId.toString(), new AssessmentEvents.TemplatePublished(
                templateId, template.programmeCode, template.version, (int) TemplateSection.count("templateId", templateId),
                (int) RequirementRow.count("templateId", templateId), by));
        return template;
    }

    public Template template(UUID templateId) {
        Template template = Template.findById(templateId);
        if (template == null) {
            throw ProblemException.notFound("Template " + templateId);
        }
        return template;
    }

    /** The rows of the assessment's template that apply to it (its scope), as the rules see them. */
    public List<Requirement> rulesFor(Assessment assessment) {
        return SectionScope.of(assessment.scope).of(rules(assessment.templateId));
    }

    /** A row of the assessment's template, to act on: 404 when the template has none, 409 when it is out of scope. */
    public Requirement requirement(Assessment assessment, String ref) {
        Requirement row = Answers.row(rules(assessment.templateId), ref);
        if (!SectionScope.of(assessment.scope).applies(row)) {
            throw ProblemException.conflict("out-of-scope", "Out of the assessment's scope", "Row " + ref + " belongs to "
                    + "section " + row.sectionCode() + ", which the assessment's scope leaves out");
        }
        return row;
    }

    /** The rows of template {@code templateId}: a published one's straight from the cache, without loading it. */
    public List<Requirement> rules(UUID templateId) {
        List<Requirement> published = publishedRules.get(templateId);
        return published != null ? published : rules(template(templateId));
    }

    /** The template's rows as the rules see them, in workbook order. */
    public List<Requirement> rules(Template template) {
        if (!template.isPublished()) {
            return loadRules(template.id);
        }
        return publishedRules.computeIfAbsent(template.id, Catalogue::loadRules);
    }

    /** The kind of evidence each row of the template requires, by requirement id (rows requiring none left out). */
    public Map<String, EvidenceKind> evidenceRequired(Template template) {
        if (!template.isPublished()) {
            return loadEvidenceRequired(template.id);
        }
        return publishedEvidence.computeIfAbsent(template.id, Catalogue::loadEvidenceRequired);
    }

    private static Map<String, EvidenceKind> loadEvidenceRequired(UUID templateId) {
        return RequirementRow.<RequirementRow>list("templateId = ?1 and evidenceKind is not null", templateId).stream()
                .collect(Collectors.toUnmodifiableMap(r -> r.ref, r -> EvidenceKind.valueOf(r.evidenceKind)));
    }

    private static List<Requirement> loadRules(UUID templateId) {
        Map<String, SectionKind> kinds = TemplateSection.of(templateId).stream()
                .collect(Collectors.toMap(s -> s.code, s -> SectionKind.valueOf(s.kind)));
        return RequirementRow.of(templateId).stream().map(r -> r.toRequirement(kinds.get(r.sectionCode))).toList();
    }

    private static void requireDraft(Template template) {
        if (template.isPublished()) {
            throw ProblemException.conflict("template-published", "Template is published",
                    "Template " + template.id + " was published and can no longer change; create a new version");
        }
    }

    private static void writeContent(UUID templateId, TemplateDefinition definition) {
        int sectionOrdinal = 0;
        int rowOrdinal = 0;
        for (SectionDefinition s : definition.sections()) {
            TemplateSection section = new TemplateSection();
            section.id = Ids.next();
            section.templateId = templateId;
            section.code = s.code();
            section.title = s.title();
            section.kind = s.kind().name();
            section.ordinal = sectionOrdinal++;
            section.persist();
            for (RequirementDefinition r : s.requirements()) {
                RequirementRow row = new RequirementRow();
                row.id = Ids.next();
                row.templateId = templateId;
                row.ref = r.id();
                row.sectionCode = s.code();
                row.title = r.title();
                row.description = r.description();
                row.guidance = r.guidance();
                row.level = r.level() == null ? null : r.level().name();
                row.rowType = r.type().name();
                row.answeredBy = r.answeredBy().name();
                row.phases = r.phases().stream().map(Phase::fromLabel).map(Phase::label).sorted().toList();
                row.allowedAnswers = List.copyOf(r.allowedAnswers());
                row.answerKind = r.kind().name();
                row.evidenceKind = r.evidence() == null ? null : r.evidence().name();
                row.ordinal = rowOrdinal++;
                row.persist();
            }
        }
    }

    /** Whole-definition checks whose failures name every offending field at once. */
    public static void validate(TemplateDefinition definition) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Set<String> sectionCodes = new HashSet<>();
        Set<String> rowIds = new HashSet<>();
        for (int s = 0; s < definition.sections().size(); s++) {
            SectionDefinition section = definition.sections().get(s);
            if (!sectionCodes.add(section.code())) {
                errors.add(new Problem.FieldError("sections[" + s + "].code", "duplicate section code " + section.code()));
            }
            for (int r = 0; r < section.requirements().size(); r++) {
                RequirementDefinition row = section.requirements().get(r);
                String at = "sections[" + s + "].requirements[" + r + "]";
                if (!rowIds.add(row.id())) {
                    errors.add(new Problem.FieldError(at + ".id", "duplicate requirement id " + row.id()));
                }
                for (String phase : row.phases()) {
                    try {
                        Phase.fromLabel(phase);
                    } catch (IllegalArgumentException e) {
                        errors.add(new Problem.FieldError(at + ".phases", e.getMessage()));
                    }
                }
                if (row.kind().hasList() && row.allowedAnswers().isEmpty()) {
                    errors.add(new Problem.FieldError(at + ".allowedAnswers", "a " + row.kind() + " row needs allowed answers"));
                } else if (!row.kind().hasList() && !row.allowedAnswers().isEmpty()) {
                    errors.add(new Problem.FieldError(at + ".allowedAnswers", "a FREE_TEXT row takes no list of answers"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("The template definition has " + errors.size() + " problem(s)", errors);
        }
    }
}
