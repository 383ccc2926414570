package io.tomassure.assessment.service;

import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tomassure.assessment.domain.Assessment;
import io.tomassure.assessment.domain.Evidence;
import io.tomassure.assessment.domain.Organisation;
import io.tomassure.assessment.domain.RequirementRow;
import io.tomassure.assessment.domain.Response;
import io.tomassure.assessment.domain.Submission;
import io.tomassure.assessment.domain.Template;
import io.tomassure.assessment.domain.TemplateSection;
import io.tomassure.assessment.oscal.OscalCatalog;
import io.tomassure.assessment.oscal.OscalPoam;
import io.tomassure.assessment.oscal.OscalResults;
import io.tomassure.assessment.service.AssessmentDtos.AssessmentView;
import io.tomassure.assessment.service.AssessmentDtos.NonConformanceView;

/**
 * The OSCAL exports (NIST's Open Security Controls Assessment Language, 1.1.2): a template as a catalog, a submitted
 * revision as assessment results, a product's open non-conformances as a POA&M. This class loads what they need; the
 * documents themselves are built by the pure functions of {@code oscal}.
 */
@ApplicationScoped
public class OscalExports {

    private final Catalogue catalogue;
    private final Views views;
    private final ObjectMapper json;

    OscalExports(Catalogue catalogue, Views views, ObjectMapper json) {
        this.catalogue = catalogue;
        this.views = views;
        this.json = json;
    }

    public ObjectNode catalog(UUID templateId) {
        Template template = catalogue.template(templateId);
        return OscalCatalog.of(template, TemplateSection.of(template.id), RequirementRow.of(template.id));
    }

    /** A revision as it was submitted: everything comes from its frozen content and its own template version. */
    public ObjectNode results(Submission submission) {
        JsonNode content = read(submission.content);
        Template template = catalogue.template(UUID.fromString(content.path("templateId").asText()));
        String supplier = content.path("supplierOds").asText();
        String euo = content.path("euoOds").asText(null);
        Map<String, String> names = new HashMap<>();
        for (String ods : new String[] { supplier, euo }) {
            if (ods != null) {
                Organisation organisation = Organisation.findById(ods);
                names.put(ods, organisation == null ? ods : organisation.name);
            }
        }
        var revision = new OscalResults.Revision(submission.id, submission.phase, submission.revision, submission.contentHash,
                submission.hashAlgorithm, submission.submittedAt, submission.submittedBy, content);
        return OscalResults.of(revision, catalogue.rules(template), titles(template.id), names,
                (requirementId, name, sha256) -> evidenceHref(submission.assessmentId, name, sha256));
    }

    /** The product's open non-conformances as a POA&M; empty when there is none (a POA&M holds one item or more). */
    public Optional<ObjectNode> poam(Assessment assessment) {
        List<NonConformanceView> open = views.register(assessment, null);
        if (open.isEmpty()) {
            return Optional.empty();
        }
        AssessmentView view = views.assessment(assessment);
        Map<String, Response> stored = Answers.responsesInForce(assessment.id, null);
        var lastChange = open.stream().map(nc -> stored.get(nc.requirementId())).filter(Objects::nonNull)
                .map(r -> r.updatedAt).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(assessment.createdAt);
        Organisation supplier = Organisation.findById(assessment.supplierOds);
        var subject = new OscalPoam.Subject(assessment.id, Views.etag(assessment), view.productName(), view.productVersion(),
                assessment.supplierOds, supplier == null ? assessment.supplierOds : supplier.name, lastChange);
        List<OscalPoam.OpenItem> items = open.stream().map(nc -> new OscalPoam.OpenItem(nc.requirementId(), nc.answer(),
                nc.detail(), nc.mitigation(), nc.risk())).toList();
        return Optional.of(OscalPoam.of(subject, items, titles(assessment.templateId)));
    }

    private static Map<String, String> titles(UUID templateId) {
        Map<String, String> titles = new HashMap<>();
        RequirementRow.of(templateId).forEach(row -> titles.put(row.ref, row.title));
        return titles;
    }

    /** Where a file of the assessment (product or deployment) is downloaded; files are never deleted. */
    private static String evidenceHref(UUID assessmentId, String name, String sha256) {
        return Evidence.getEntityManager().createQuery("""
                select e.id from Evidence e, Response r where e.responseId = r.id and r.assessmentId = ?1
                and e.sha256 = ?2 and e.name = ?3 order by e.uploadedAt""", UUID.class)
                .setParameter(1, assessmentId).setParameter(2, sha256).setParameter(3, name).setMaxResults(1)
                .getResultStream().findFirst().map(id -> "/api/v1/assessments/" + assessmentId + "/evidence/" + id).orElse(null);
    }

    private JsonNode read(String content) {
        try {
            return json.readTree(content);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
