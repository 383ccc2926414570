package io.tomassure.assessment.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.erdtman.jcs.JsonCanonicalizer;

import io.tomassure.assessment.domain.Answer;
import io.tomassure.assessment.domain.Assessment;
import io.tomassure.assessment.domain.Deployment;
import io.tomassure.assessment.domain.Evaluation;
import io.tomassure.assessment.domain.Evidence;
import io.tomassure.assessment.domain.NonConformance;
import io.tomassure.assessment.domain.Phase;
import io.tomassure.assessment.domain.PhaseStatus;
import io.tomassure.assessment.domain.Product;
import io.tomassure.assessment.domain.ProductVersion;
import io.tomassure.assessment.domain.Rag;
import io.tomassure.assessment.domain.Requirement;
import io.tomassure.assessment.domain.Response;
import io.tomassure.assessment.domain.RevisionDelta;
import io.tomassure.assessment.domain.Scope;
import io.tomassure.assessment.domain.Submission;
import io.tomassure.assessment.domain.SubmissionReadiness;
import io.tomassure.assessment.domain.Template;
import io.tomassure.events.assessment.AssessmentEvents;
import io.tomassure.events.assessment.AssessmentEvents.Completeness;
import io.tomassure.events.assessment.AssessmentEvents.NonConformanceSummary;
import io.tomassure.events.assessment.AssessmentEvents.RevisionChanges;
import io.tomassure.outbox.Outbox;
import io.tomassure.support.Ids;
import io.tomassure.support.problem.Problem;
import io.tomassure.support.problem.ProblemException;
import io.tomassure.support.security.Viewer;
import io.tomassure.support.time.TimeSource;

/**
 * Submitting a phase: refused with the list of what is missing, or frozen into an immutable revision whose
 * content (no timestamps), in RFC 8785's canonical form, hashes to the SHA-256 that every decision will quote.
 */
@ApplicationScoped
public class Submissions {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private final Access access;
    private final Catalogue catalogue;
    private final Outbox outbox;
    private final Uplifts uplifts;
    private final TimeSource time;
    private final RequiredEvidence requiredEvidence;

    Submissions(Access access, Catalogue catalogue, Outbox outbox, Uplifts uplifts, TimeSource time,
            RequiredEvidence requiredEvidence) {
        this.access = access;
        this.catalogue = catalogue;
        this.outbox = outbox;
        this.uplifts = uplifts;
        this.time = time;
        this.requiredEvidence = requiredEvidence;
    }

    /** The product's revisions of Phases 1A and 1B ({@code deployment} null), or a deployment's of Phase 2, oldest first. */
    public static List<Submission> revisions(UUID assessmentId, Deployment deployment) {
        return deployment == null
                ? Submission.list("assessmentId = ?1 and deploymentId is null order by phase, revision", assessmentId)
                : Submission.list("deploymentId = ?1 order by revision", deployment.id);
    }

    /** Phase 1A or 1B of the product, by its supplier. */
    @Transactional
    public Submission submitProductPhase(Viewer viewer, String username, UUID assessmentId, Phase phase) {
        Assessment assessment = access.assessment(assessmentId);
        if (!phase.isProductPhase()) {
            throw ProblemException.invalid("phase", "Phase 2 is submitted for a deployment, by its end-user organisation");
        }
        Assessments.requireSupplier(viewer, assessment);
        return submit(username, assessment, null, phase);
    }

    /** Phase 2 of a deployment, by its EUO, whatever the state of 1A and 1B. */
    @Transactional
    public Submission submitDeploymentPhase(Viewer viewer, String username, UUID deploymentId) {
        Deployment deployment = access.deployment(deploymentId);
        if (!viewer.isEuoOf(deployment.euoOds)) {
            throw ProblemException.forbidden("Phase 2 is submitted by the deploying organisation");
        }
        return submit(username, Assessment.findById(deployment.assessmentId), deployment, Phase.P2);
    }

    private Submission submit(String username, Assessment assessment, Deployment deployment, Phase phase) {
        UUID deploymentId = deployment == null ? null : deployment.id;
        Answers.lockForChange(assessment, deployment);
        PhaseStatus status = Phases.statusForUpdate(assessment.id, deploymentId, phase, time.now());
        if (Phases.State.SUBMITTED.name().equals(status.state)) {
            throw ProblemException.conflict("phase-under-review", "Already under review",
                    "Phase " + phase.label() + " revision " + status.revision + " is under review; wait for its decision");
        }
        Template template = catalogue.template(assessment.templateId);
        List<Requirement> rules = catalogue.rulesFor(assessment);
        Map<String, Answer> answers = Answers.inForce(assessment.id, deploymentId);
        Scope scope = deployment == null ? Scope.PRODUCT : Scope.DEPLOYMENT;
        List<SubmissionReadiness.Missing> missing = missing(assessment, deployment, rules, answers, phase);
        if (!missing.isEmpty()) {
            throw new ProblemException(Problem.of(422, "submission-incomplete", "Phase " + phase.label() + " is incomplete",
                    missing.size() + " row(s) must be answered, their non-conformance detailed or their evidence brought "
                            + "up to date before Phase " + phase.label() + " can be submitted").with("missing", missing));
        }
        Evaluation evaluation = Views.evaluate(assessment, deployment, rules, answers);
        List<Requirement> phaseRows = rules.stream().filter(r -> scope.carries(r) && r.phases().contains(phase)
                || scope.needsFor(r, phase)).toList();
        String content = canonicalContent(assessment, deployment, template, phase, phaseRows);
        RevisionChanges sinceApproved = sinceApproved(assessment, status, template, content);

        Submission submission = new Submission();
        submission.id = Ids.next();
        submission.assessmentId = assessment.id;
        submission.deploymentId = deploymentId;
        submission.phase = phase.label();
        submission.revision = status.revision + 1;
        submission.contentHash = Assessments.sha256(content.getBytes(StandardCharsets.UTF_8));
        submission.hashAlgorithm = Submission.JCS;
        submission.content = content;
        submission.route = evaluation.route().name();
        submission.changes = sinceApproved == null ? null : write(sinceApproved);
        submission.submittedBy = username;
        submission.submittedAt = time.now();
        submission.persist();

        status.state = Phases.State.SUBMITTED.name();
        status.revision = submission.revision;
        status.reason = null;
        status.updatedAt = submission.submittedAt;

        var completeness = evaluation.byPhase().get(phase);
        ProductVersion version = ProductVersion.findById(assessment.productVersionId);
        outbox.record(AssessmentEvents.PHASE_SUBMITTED, (deployment == null ? assessment.id : deployment.id).toString(),
                new AssessmentEvents.PhaseSubmitted(submission.id, assessment.id, deploymentId, assessment.supplierOds,
                        deployment == null ? null : deployment.euoOds, version.productId,
                        Product.<Product>findById(version.productId).name, version.version, phase.label(),
                        submission.revision, submission.contentHash,
                        new Completeness(completeness.answered(), completeness.required(), completeness.percent()),
                        summary(phaseRows, answers), evaluation.clinicalSafety().level(),
                        evaluation.requiredSignOffs().stream().map(Enum::name).toList(),
                        evaluation.clinicalSafety().escalation(), evaluation.ig().overall().name(), submission.route,
                        username, sinceApproved));
        return submission;
    }

    /**
     * What the revision changes since the phase's approved revision, if it has one: the reviewer's delta. The approved
     * rows are followed through the template uplifts since, so moved ids still meet their rows.
     */
    private RevisionChanges sinceApproved(Assessment assessment, PhaseStatus status, Template template, String content) {
        if (status.approvedRevision == null) {
            return null;
        }
        Submission approved = revision(assessment.id, status.deploymentId, status.phase, status.approvedRevision);
        JsonNode before = read(approved.content);
        RevisionDelta delta = RevisionDelta.between(rowsById(before), rowsById(read(content)),
                uplifts.stepsSince(assessment.id, approved.submittedAt));
        return new RevisionChanges(approved.revision, approved.contentHash, before.path("templateVersion").asText(),
                template.version, delta.added(), delta.changed(), delta.removed(), delta.requirementChanged(),
                delta.unchanged());
    }

    /** What a phase still lacks before it can be submitted: the rows a submission now would refuse, and why. */
    @Transactional
    public List<SubmissionReadiness.Missing> missing(Assessment assessment, Deployment deployment, Phase phase) {
        return missing(assessment, deployment, catalogue.rulesFor(assessment),
                Answers.inForce(assessment.id, deployment == null ? null : deployment.id), phase);
    }

    /** The rows not answered as the phase needs them, then those lacking evidence in date. */
    private List<SubmissionReadiness.Missing> missing(Assessment assessment, Deployment deployment, List<Requirement> rules,
            Map<String, Answer> answers, Phase phase) {
        Scope scope = deployment == null ? Scope.PRODUCT : Scope.DEPLOYMENT;
        List<SubmissionReadiness.Missing> missing = new ArrayList<>(
                SubmissionReadiness.missing(rules, answers, r -> scope.needsFor(r, phase)));
        missing.addAll(requiredEvidence.missing(assessment, deployment, rules, r -> scope.needsFor(r, phase)));
        return missing;
    }

    /** One row of a revision diff: {@code before} and {@code after} are the row as each revision froze it. */
    public record RowDiff(String requirementId, RowChange change, JsonNode before, JsonNode after) {
    }

    public enum RowChange {
        ADDED, CHANGED, REMOVED, REQUIREMENT_CHANGED
    }

    /** A revision against the previous revision of its phase: the rows that differ, and how many do not. */
    public record Comparison(int previousRevision, UUID previousSubmissionId, String previousContentHash, List<RowDiff> rows,
            int unchanged) {
    }

    /**
     * What a revision changes since the previous revision of the same phase (revision - 1), row by row, following ids
     * through the template uplifts between them; null for a first revision.
     */
    public Comparison sincePrevious(Submission current) {
        if (current.revision <= 1) {
            return null;
        }
        Submission previous = revision(current.assessmentId, current.deploymentId, current.phase, current.revision - 1);
        Map<String, JsonNode> before = rowsById(read(previous.content));
        Map<String, JsonNode> after = rowsById(read(current.content));
        List<RevisionDelta.Step> steps = uplifts.stepsSince(current.assessmentId, previous.submittedAt);
        RevisionDelta delta = RevisionDelta.between(before, after, steps);
        Map<String, JsonNode> followed = RevisionDelta.followed(before, steps);
        List<RowDiff> rows = new ArrayList<>();
        delta.added().forEach(id -> rows.add(new RowDiff(id, RowChange.ADDED, null, after.get(id))));
        delta.changed().forEach(id -> rows.add(new RowDiff(id, RowChange.CHANGED, followed.get(id), after.get(id))));
        delta.requirementChanged().forEach(id -> rows.add(
                new RowDiff(id, RowChange.REQUIREMENT_CHANGED, followed.get(id), after.get(id))));
        delta.removed().forEach(id -> rows.add(new RowDiff(id, RowChange.REMOVED, before.get(id), null)));
        rows.sort(Comparator.comparing(RowDiff::requirementId));
        return new Comparison(previous.revision, previous.id, previous.contentHash, rows, delta.unchanged());
    }

    /** A phase's revision of a product assessment (no deployment) or of a deployment. */
    private static Submission revision(UUID assessmentId, UUID deploymentId, String phase, int revision) {
        return (deploymentId == null
                ? Submission.find("assessmentId = ?1 and deploymentId is null and phase = ?2 and revision = ?3",
                        assessmentId, phase, revision)
                : Submission.find("deploymentId = ?1 and phase = ?2 and revision = ?3", deploymentId, phase, revision))
                .<Submission>firstResult();
    }

    /** A revision's rows by requirement id, each without it (an uplift may have moved it). */
    private static Map<String, JsonNode> rowsById(JsonNode content) {
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        content.path("rows").forEach(row -> rows.put(row.path("requirementId").asText(),
                ((ObjectNode) row).deepCopy().without("requirementId")));
        return rows;
    }

    private static JsonNode read(String content) {
        try {
            return CANONICAL.readTree(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String write(Object value) {
        try {
            return CANONICAL.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static NonConformanceSummary summary(List<Requirement> rows, Map<String, Answer> answers) {
        int red = 0;
        int amber = 0;
        int green = 0;
        int must = 0;
        List<String> ids = new ArrayList<>();
        for (Requirement row : rows) {
            Answer answer = answers.get(row.id());
            if (NonConformance.is(row, answer)) {
                ids.add(row.id());
                red += answer.ncRisk() == Rag.RED ? 1 : 0;
                amber += answer.ncRisk() == Rag.AMBER ? 1 : 0;
                green += answer.ncRisk() == Rag.GREEN ? 1 : 0;
                must += NonConformance.isMustNonCompliant(row, answer) ? 1 : 0;
            }
        }
        return new NonConformanceSummary(ids.size(), red, amber, green, must, ids);
    }

    /** The revision's content: what was answered, with evidence hashes; nothing that changes without an edit. */
    private static String canonicalContent(Assessment assessment, Deployment deployment, Template template, Phase phase,
            List<Requirement> phaseRows) {
        ProductVersion version = ProductVersion.findById(assessment.productVersionId);
        Product product = Product.findById(version.productId);
        Map<String, Object> content = new TreeMap<>();
        content.put("schema", 1);
        content.put("assessmentId", assessment.id.toString());
        content.put("phase", phase.label());
        content.put("programme", template.programmeCode);
        content.put("templateId", template.id.toString());
        content.put("templateVersion", template.version);
        content.put("productId", product.id.toString());
        content.put("productName", product.name);
        content.put("productVersion", version.version);
        content.put("supplierOds", assessment.supplierOds);
        content.put("impact", Views.impact(assessment));
        if (assessment.scope != null) {
            content.put("scope", assessment.scope.stream().sorted().toList()); // the hash covers what was left out
        }
        if (deployment != null) {
            content.put("deploymentId", deployment.id.toString());
            content.put("euoOds", deployment.euoOds);
            content.put("context", Views.context(deployment));
        }
        Map<String, Response> stored = Answers.responsesInForce(assessment.id, deployment == null ? null : deployment.id);
        List<Map<String, Object>> rows = new ArrayList<>();
        phaseRows.stream().sorted(Comparator.comparing(Requirement::id)).forEach(row -> {
            Response r = stored.get(row.id());
            if (r != null) {
                Map<String, Object> entry = new TreeMap<>();
                entry.put("requirementId", row.id());
                entry.put("answer", r.answer);
                entry.put("implementationRef", r.implementationRef);
                entry.put("notes", r.notes);
                entry.put("testRef", r.testRef);
                entry.put("ncDetail", r.ncDetail);
                entry.put("ncMitigation", r.ncMitigation);
                entry.put("ncRisk", r.ncRisk);
                entry.put("evidence", Evidence.<Evidence>list("responseId", r.id).stream()
                        .map(e -> Map.of("name", e.name, "sha256", e.sha256))
                        .sorted(Comparator.comparing(m -> m.get("sha256") + m.get("name"))).toList());
                entry.values().removeIf(Objects::isNull);
                rows.add(entry);
            }
        });
        content.put("rows", rows);
        return canonical(content);
    }

    /** RFC 8785 (JCS): the one canonical form of a JSON value, which any party can recompute with a standard tool. */
    private static String canonical(Object value) {
        try {
            return new JsonCanonicalizer(write(value)).getEncodedString();
        } catch (IOException e) { // the JSON just written is well-formed
            throw new IllegalStateException(e);
        }
    }
}
