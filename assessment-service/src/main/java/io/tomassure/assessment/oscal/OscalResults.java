package io.tomassure.assessment.oscal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tomassure.assessment.domain.Answer;
import io.tomassure.assessment.domain.NonConformance;
import io.tomassure.assessment.domain.Phase;
import io.tomassure.assessment.domain.Rag;
import io.tomassure.assessment.domain.Requirement;
import io.tomassure.assessment.domain.SectionScope;

/**
 * A submitted revision as OSCAL assessment results: the metadata names the revision's hash, the reviewed controls are
 * the phase's rows in scope, each answered row is an observation with its evidence (back-matter resources carrying
 * their SHA-256), and each non-conformance a finding with its risk. Everything comes from the revision's frozen
 * content, so the document says what was submitted, whatever changed since.
 */
public final class OscalResults {

    private OscalResults() {
    }

    /** A submitted revision, as the export reads it. */
    public record Revision(UUID submissionId, String phase, int revision, String contentHash, String hashAlgorithm,
            Instant submittedAt, String submittedBy, JsonNode content) {
    }

    /** Where a file of the revision can be fetched; null when it cannot. */
    public interface EvidenceLinks {
        String href(String requirementId, String name, String sha256);
    }

    /**
     * @param rules the rows of the revision's template
     * @param titles each row's title by requirement id
     * @param names each organisation's name by ODS code
     */
    public static ObjectNode of(Revision revision, List<Requirement> rules, Map<String, String> titles,
            Map<String, String> names, EvidenceLinks links) {
        JsonNode content = revision.content();
        UUID id = revision.submissionId();
        String supplier = content.path("supplierOds").asText();
        String euo = content.path("euoOds").asText(null);
        String answeredBy = euo != null ? euo : supplier;

        ArrayNode metadataProps = Oscal.array();
        Oscal.prop(metadataProps, "revision-hash", revision.contentHash());
        Oscal.prop(metadataProps, "hash-algorithm", revision.hashAlgorithm());
        Oscal.prop(metadataProps, "submission-id", id.toString());
        Oscal.prop(metadataProps, "assessment-id", content.path("assessmentId").asText(null));
        Oscal.prop(metadataProps, "deployment-id", content.path("deploymentId").asText(null));
        Oscal.prop(metadataProps, "phase", revision.phase());
        Oscal.prop(metadataProps, "programme", content.path("programme").asText(null));
        Oscal.prop(metadataProps, "template-version", content.path("templateVersion").asText(null));
        Oscal.prop(metadataProps, "submitted-by", revision.submittedBy());
        ObjectNode metadata = Oscal.metadata("TOM self-assessment of " + content.path("productName").asText() + " "
                + content.path("productVersion").asText() + ": Phase " + revision.phase() + ", revision " + revision.revision(),
                revision.submittedAt(), String.valueOf(revision.revision()), metadataProps);
        ArrayNode parties = Oscal.array().add(Oscal.party(supplier, names.get(supplier)));
        if (euo != null) {
            parties.add(Oscal.party(euo, names.get(euo)));
        }
        metadata.set("parties", parties);

        ArrayNode resources = Oscal.array();
        UUID plan = Oscal.uuid(id, "plan");
        ObjectNode planResource = Oscal.object().put("uuid", plan.toString())
                .put("title", "The assessment plan: TOM template " + content.path("programme").asText() + " "
                        + content.path("templateVersion").asText());
        planResource.set("rlinks", Oscal.array().add(Oscal.object()
                .put("href", "/api/v1/templates/" + content.path("templateId").asText() + "/oscal")
                .put("media-type", "application/json")));
        resources.add(planResource);

        Map<String, Requirement> rulesById = new LinkedHashMap<>();
        rules.forEach(rule -> rulesById.put(rule.id(), rule));
        ArrayNode observations = Oscal.array();
        ArrayNode findings = Oscal.array();
        ArrayNode risks = Oscal.array();
        Map<String, ObjectNode> evidence = new LinkedHashMap<>();
        for (JsonNode row : content.path("rows")) {
            String requirementId = row.path("requirementId").asText();
            UUID observation = Oscal.uuid(id, "observation", requirementId);
            observations.add(observation(observation, row, revision.submittedAt(), evidence, links));
            Answer answer = new Answer(requirementId, row.path("answer").asText(null), row.path("ncDetail").asText(null),
                    row.path("ncMitigation").asText(null), row.hasNonNull("ncRisk") ? Rag.valueOf(row.path("ncRisk").asText()) : null);
            Requirement rule = rulesById.get(requirementId);
            if (rule == null ? answer.ncRisk() != null : NonConformance.is(rule, answer)) {
                UUID risk = Oscal.uuid(id, "risk", requirementId);
                risks.add(Oscal.risk(risk, requirementId, titles.get(requirementId), answer.ncDetail(), answer.ncMitigation(),
                        answer.ncRisk(), Oscal.partyUuid(answeredBy)));
                findings.add(finding(Oscal.uuid(id, "finding", requirementId), requirementId, answer, observation, risk));
            }
        }
        evidence.values().forEach(resources::add);

        Phase phase = Phase.fromLabel(revision.phase());
        SectionScope scope = SectionScope.of(content.has("scope")
                ? java.util.stream.StreamSupport.stream(content.path("scope").spliterator(), false).map(JsonNode::asText).toList()
                : null);
        ArrayNode controls = Oscal.array();
        scope.of(rules).stream().filter(rule -> rule.phases().contains(phase))
                .forEach(rule -> controls.add(Oscal.object().put("control-id", Oscal.token(rule.id()))));
        ObjectNode selection = Oscal.object();
        if (controls.isEmpty()) {
            selection.set("include-all", Oscal.object());
        } else {
            selection.set("include-controls", controls);
        }
        ObjectNode reviewed = Oscal.object();
        reviewed.set("control-selections", Oscal.array().add(selection));

        ObjectNode result = Oscal.object().put("uuid", Oscal.uuid(id, "result").toString())
                .put("title", "Phase " + revision.phase() + ", revision " + revision.revision())
                .put("description", "The answers of Phase " + revision.phase() + " as frozen in revision " + revision.revision()
                        + ", whose canonical content has the SHA-256 " + revision.contentHash() + " (" + revision.hashAlgorithm() + ").")
                .put("start", Oscal.timestamp(revision.submittedAt()));
        result.set("reviewed-controls", reviewed);
        Oscal.putIfAny(result, "observations", observations);
        Oscal.putIfAny(result, "risks", risks);
        Oscal.putIfAny(result, "findings", findings);

        ObjectNode results = Oscal.object().put("uuid", Oscal.uuid(id, "assessment-results").toString());
        results.set("metadata", metadata);
        results.set("import-ap", Oscal.object().put("href", "#" + plan));
        results.set("results", Oscal.array().add(result));
        results.set("back-matter", Oscal.object().set("resources", resources));
        return Oscal.object().set("assessment-results", results);
    }

    private static ObjectNode observation(UUID uuid, JsonNode row, Instant collected, Map<String, ObjectNode> evidence,
            EvidenceLinks links) {
        String requirementId = row.path("requirementId").asText();
        String answer = row.path("answer").asText("");
        StringBuilder description = new StringBuilder("Answered ").append(answer.isBlank() ? "(no answer)" : answer.strip())
                .append(" to ").append(requirementId).append('.');
        if (row.hasNonNull("notes") && !row.path("notes").asText().isBlank()) {
            description.append("\n\n").append(row.path("notes").asText().strip());
        }
        ObjectNode observation = Oscal.object().put("uuid", uuid.toString()).put("title", Oscal.line("Answer to " + requirementId))
                .put("description", description.toString());
        ArrayNode props = Oscal.array();
        Oscal.prop(props, "requirement-id", requirementId);
        Oscal.prop(props, "answer", answer);
        Oscal.prop(props, "implementation-ref", row.path("implementationRef").asText(null));
        Oscal.prop(props, "test-ref", row.path("testRef").asText(null));
        Oscal.putIfAny(observation, "props", props);
        observation.set("methods", Oscal.array().add("EXAMINE"));
        ArrayNode relevant = Oscal.array();
        for (JsonNode file : row.path("evidence")) {
            String name = file.path("name").asText();
            String sha256 = file.path("sha256").asText();
            UUID resource = Oscal.uuid("evidence", sha256, name);
            evidence.computeIfAbsent(resource.toString(), key -> evidenceResource(resource, requirementId, name, sha256, links));
            relevant.add(Oscal.object().put("href", "#" + resource).put("description", Oscal.line(name) == null ? sha256 : name.strip()));
        }
        Oscal.putIfAny(observation, "relevant-evidence", relevant);
        observation.put("collected", Oscal.timestamp(collected));
        return observation;
    }

    private static ObjectNode evidenceResource(UUID uuid, String requirementId, String name, String sha256, EvidenceLinks links) {
        ObjectNode resource = Oscal.object().put("uuid", uuid.toString()).put("title", Oscal.line(name) == null ? sha256 : Oscal.line(name));
        String href = links.href(requirementId, name, sha256);
        ObjectNode hash = Oscal.object().put("algorithm", "SHA-256").put("value", sha256);
        if (href != null) {
            resource.set("rlinks", Oscal.array().add(Oscal.object().put("href", href).set("hashes", Oscal.array().add(hash))));
        } else {
            ArrayNode props = Oscal.array();
            Oscal.prop(props, "sha256", sha256);
            resource.set("props", props);
        }
        return resource;
    }

    private static ObjectNode finding(UUID uuid, String requirementId, Answer answer, UUID observation, UUID risk) {
        ObjectNode finding = Oscal.object().put("uuid", uuid.toString())
                .put("title", "Non-conformance of " + requirementId)
                .put("description", Oscal.line(answer.ncDetail()) == null ? "Answered " + answer.answer() : answer.ncDetail().strip());
        ObjectNode target = Oscal.object().put("type", "statement-id").put("target-id", Oscal.token(requirementId) + "_smt");
        target.set("status", Oscal.object().put("state", "not-satisfied"));
        finding.set("target", target);
        finding.set("related-observations", Oscal.array().add(Oscal.object().put("observation-uuid", observation.toString())));
        finding.set("related-risks", Oscal.array().add(Oscal.object().put("risk-uuid", risk.toString())));
        return finding;
    }
}
