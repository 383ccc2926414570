package io.tomassure.assessment.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.tomassure.assessment.config.AssessmentConfig;
import io.tomassure.assessment.domain.EvidenceKind;
import io.tomassure.assessment.domain.Answer;
import io.tomassure.assessment.domain.AssessmentHistory;
import io.tomassure.assessment.domain.Assessment;
import io.tomassure.assessment.domain.ClinicalSafety;
import io.tomassure.assessment.domain.Completeness;
import io.tomassure.assessment.domain.Deployment;
import io.tomassure.assessment.domain.Evaluation;
import io.tomassure.assessment.domain.Evidence;
import io.tomassure.assessment.domain.Phase;
import io.tomassure.assessment.domain.PhaseStatus;
import io.tomassure.assessment.domain.Product;
import io.tomassure.assessment.domain.ProductVersion;
import io.tomassure.assessment.domain.Requirement;
import io.tomassure.assessment.domain.Response;
import io.tomassure.assessment.domain.RowScore;
import io.tomassure.assessment.domain.Scope;
import io.tomassure.assessment.domain.SubmissionReadiness;
import io.tomassure.assessment.domain.Template;
import io.tomassure.assessment.service.AssessmentDtos.AssessmentSummary;
import io.tomassure.assessment.service.AssessmentDtos.AssessmentView;
import io.tomassure.assessment.service.AssessmentDtos.CompletenessView;
import io.tomassure.assessment.service.AssessmentDtos.DeploymentView;
import io.tomassure.assessment.service.AssessmentDtos.Derived;
import io.tomassure.assessment.service.AssessmentDtos.EvidenceView;
import io.tomassure.assessment.service.AssessmentDtos.Impact;
import io.tomassure.assessment.service.AssessmentDtos.LocalContext;
import io.tomassure.assessment.service.AssessmentDtos.NonConformanceDetails;
import io.tomassure.assessment.service.AssessmentDtos.NonConformanceView;
import io.tomassure.assessment.service.AssessmentDtos.Outstanding;
import io.tomassure.assessment.service.AssessmentDtos.PhaseView;
import io.tomassure.assessment.service.AssessmentDtos.ResponseView;
import io.tomassure.support.concurrency.Preconditions;

/** Assessments and deployments as clients see them: answers in force and everything derived from them. */
@ApplicationScoped
public class Views {

    private final Catalogue catalogue;
    private final ObjectMapper json;
    /** Each assessment's view as JSON, with the ETag it was built at (a few KB each). */
    private final Cache<UUID, SerializedView> serializedViews;

    Views(Catalogue catalogue, AssessmentConfig config, ObjectMapper json) {
        this.catalogue = catalogue;
        this.json = json;
        this.serializedViews = Caffeine.newBuilder().maximumSize(config.viewCacheSize()).build();
    }

    private record SerializedView(String etag, byte[] json) {
    }

    /** The evaluation of the product ({@code deployment} null) or of one deployment. */
    public Evaluation evaluate(Assessment assessment, Deployment deployment) {
        List<Requirement> rules = catalogue.rulesFor(assessment);
        return evaluate(assessment, deployment, rules, Answers.inForce(assessment.id, deployment == null ? null : deployment.id));
    }

    /** The evaluation over rules and answers the caller has loaded already. */
    public static Evaluation evaluate(Assessment assessment, Deployment deployment, List<Requirement> rules,
            Map<String, Answer> answers) {
        return Evaluation.of(rules, answers, deployment == null ? Scope.PRODUCT : Scope.DEPLOYMENT,
                profile(assessment, deployment), deployment != null && deployment.affectsOtherOrganisations);
    }

    public static ClinicalSafety.Profile profile(Assessment assessment, Deployment deployment) {
        boolean localChanges = assessment.changesLocalSystems
                || (deployment != null && deployment.localChanges != null && !deployment.localChanges.isBlank());
        return new ClinicalSafety.Profile(assessment.medicalDevice, assessment.updatesSpine,
                assessment.clinicalSafetyRelated, localChanges);
    }

    public AssessmentView assessment(Assessment assessment) {
        Map<String, PhaseStatus> statuses = Phases.productStatuses(assessment.id);
        Map<String, PhaseView> phases = new LinkedHashMap<>();
        for (Phase phase : List.of(Phase.P1A, Phase.P1B)) {
            phases.put(phase.label(), phase(Optional.ofNullable(statuses.get(phase.label()))));
        }
        return view(assessment, phases, derived(assessment), etag(assessment));
    }

    /**
     * The assessment as its history tells it at an earlier instant, derived as the live one is. Its identity (product,
     * version, supplier, creation) never changes; the rest is the history's. No ETag: a past state is no precondition.
     */
    public AssessmentView assessmentAsOf(Assessment live, AssessmentHistory history) {
        Assessment then = new Assessment(); // never persisted: the state then, to derive from
        then.id = live.id;
        then.productVersionId = live.productVersionId;
        then.supplierOds = live.supplierOds;
        then.createdAt = live.createdAt;
        then.templateId = history.templateId();
        then.scope = history.scope();
        then.medicalDevice = history.facts().medicalDevice();
        then.updatesSpine = history.facts().updatesSpine();
        then.clinicalSafetyRelated = history.facts().clinicalSafetyRelated();
        then.changesLocalSystems = history.facts().changesLocalSystems();
        Map<String, PhaseView> phases = new LinkedHashMap<>();
        for (Phase phase : List.of(Phase.P1A, Phase.P1B)) {
            AssessmentHistory.PhaseState state = history.phase(phase.label());
            phases.put(phase.label(), new PhaseView(state.state(), state.revision(), state.reason()));
        }
        Evaluation evaluation = evaluate(then, null, catalogue.rulesFor(then), history.answers());
        return view(then, phases, derived(evaluation), null);
    }

    private AssessmentView view(Assessment assessment, Map<String, PhaseView> phases, Derived derived, String etag) {
        ProductNames names = Product.getEntityManager().createQuery("""
                select p.id, p.name, v.version from ProductVersion v join Product p on p.id = v.productId where v.id = ?1""",
                ProductNames.class).setParameter(1, assessment.productVersionId).getSingleResult();
        Template template = catalogue.template(assessment.templateId);
        return new AssessmentView(assessment.id, names.productId(), names.productName(), assessment.productVersionId, names.version(),
                assessment.supplierOds, template.programmeCode, template.id, template.version, impact(assessment),
                assessment.scope == null ? null : assessment.scope.stream().sorted().toList(), phases, derived, etag,
                assessment.createdAt);
    }

    /**
     * The assessment's view as JSON, built and serialised once per change rather than on every read: it holds only
     * what its ETag covers. Only reads outside a transaction use the cache: what they read is committed, and the
     * versions only move forward, so an entry is never older than the tag it is filed under.
     */
    public byte[] assessmentJson(Assessment assessment) {
        String etag = etag(assessment);
        boolean cacheable = !QuarkusTransaction.isActive();
        SerializedView cached = cacheable ? serializedViews.getIfPresent(assessment.id) : null;
        if (cached != null && cached.etag().equals(etag)) {
            return cached.json();
        }
        byte[] view;
        try {
            view = json.writeValueAsBytes(assessment(assessment));
        } catch (JsonProcessingException e) { // a view is plain records
            throw new IllegalStateException(e);
        }
        if (cacheable) {
            serializedViews.put(assessment.id, new SerializedView(etag, view));
        }
        return view;
    }

    private Derived derived(Assessment assessment) {
        return derived(evaluate(assessment, null));
    }

    public DeploymentView deployment(Deployment deployment) {
        Assessment assessment = Assessment.findById(deployment.assessmentId);
        List<Requirement> rules = catalogue.rulesFor(assessment);
        Map<String, Answer> answers = Answers.inForce(assessment.id, deployment.id);
        Evaluation evaluation = evaluate(assessment, deployment, rules, answers);
        List<Outstanding> outstanding = SubmissionReadiness.missing(rules, answers, r -> Scope.DEPLOYMENT.needsFor(r, Phase.P2))
                .stream().map(m -> new Outstanding(m.requirementId(),
                        Answers.row(rules, m.requirementId()).answeredBy().name(), m.problem()))
                .toList();
        return new DeploymentView(deployment.id, assessment.id, assessment.supplierOds, deployment.euoOds,
                deployment.firstOfType, !deployment.firstOfType, context(deployment),
                phase(Phases.status(assessment.id, deployment.id, Phase.P2)), derived(evaluation), outstanding,
                etag(deployment, assessment), deployment.createdAt);
    }

    /**
     * The assessment's ETag: it moves with its facts and scope (its version) and with every change to its answers
     * and phase states (their revision), so a client revalidating with If-None-Match never keeps a stale view.
     */
    public static String etag(Assessment assessment) {
        return Preconditions.etag(assessment.version, assessment.answersRevision);
    }

    public String etag(Deployment deployment) {
        return etag(deployment, Assessment.findById(deployment.assessmentId));
    }

    /** A deployment's ETag: its own context and answers, and the product's facts and answers it is evaluated over. */
    public static String etag(Deployment deployment, Assessment assessment) {
        return Preconditions.etag(deployment.version, deployment.answersRevision, assessment.version, assessment.answersRevision);
    }

    public static Impact impact(Assessment a) {
        return new Impact(a.medicalDevice, a.updatesSpine, a.clinicalSafetyRelated, a.changesLocalSystems);
    }

    public static LocalContext context(Deployment d) {
        return new LocalContext(d.topology, d.endpoints, d.localChanges, d.affectsOtherOrganisations);
    }

    /** A product and the label of one of its versions, read together for an assessment's view. */
    private record ProductNames(UUID productId, String productName, String version) {
    }

    static PhaseView phase(Optional<PhaseStatus> status) {
        return status.map(s -> new PhaseView(s.state, s.revision, s.reason))
                .orElse(new PhaseView(Phases.State.DRAFT.name(), 0, null));
    }

    public static Derived derived(Evaluation e) {
        Map<String, CompletenessView> byPhase = new LinkedHashMap<>();
        e.byPhase().forEach((phase, c) -> byPhase.put(phase.label(), completeness(c)));
        Map<String, CompletenessView> bySection = new LinkedHashMap<>();
        e.bySection().forEach((section, c) -> bySection.put(section, completeness(c)));
        int undetailed = (int) e.nonConformances().stream().filter(r -> !r.missingDetails().isEmpty()).count();
        return new Derived(completeness(e.overall()), byPhase, bySection, e.ig().sections(), e.ig().overall(),
                e.clinicalSafety().level(), e.clinicalSafety().escalation(), e.requiredSignOffs(), e.route(),
                e.nonConformances().size(), undetailed);
    }

    static CompletenessView completeness(Completeness c) {
        return new CompletenessView(c.answered(), c.required(), c.percent());
    }

    /** The non-conformance register of the product ({@code deployment} null) or of a deployment, as it sees them. */
    public List<NonConformanceView> register(Assessment assessment, Deployment deployment) {
        return register(evaluate(assessment, deployment),
                Answers.responsesInForce(assessment.id, deployment == null ? null : deployment.id));
    }

    /** The product's own answers ({@code deployment} null), or a deployment's own, with their evidence and ETags. */
    public static List<ResponseView> responses(UUID assessmentId, Deployment deployment) {
        return Answers.responses(assessmentId, deployment == null ? null : deployment.id).values().stream()
                .map(Views::response).toList();
    }

    /** An assessment as listed: with its product's name and version. */
    public static AssessmentSummary summary(Assessment a) {
        ProductVersion version = ProductVersion.findById(a.productVersionId);
        Product product = Product.findById(version.productId);
        return new AssessmentSummary(a.id, product.id, product.name, version.version, a.supplierOds, a.templateId, a.createdAt);
    }

    public static List<NonConformanceView> register(Evaluation evaluation, Map<String, Response> stored) {
        return evaluation.nonConformances().stream().map(entry -> {
            Response response = stored.get(entry.row().id());
            return new NonConformanceView(entry.row().id(), response == null ? null : response.deploymentId,
                    entry.row().level() == null ? null : entry.row().level().name(), entry.row().type().name(),
                    entry.answer().answer(), entry.answer().ncDetail(), entry.answer().ncMitigation(), entry.answer().ncRisk(),
                    entry.row().phases().stream().map(Phase::label).sorted().toList(), entry.missingDetails());
        }).toList();
    }

    public static ResponseView response(Response r) {
        List<EvidenceView> evidence = Boolean.FALSE.equals(r.evidenceAttached) ? List.of()
                : Evidence.<Evidence>list("responseId = ?1 order by uploadedAt", r.id).stream().map(Views::evidence).toList();
        NonConformanceDetails nc = r.ncDetail == null && r.ncMitigation == null && r.ncRisk == null ? null
                : new NonConformanceDetails(r.ncDetail, r.ncMitigation, r.toAnswer().ncRisk());
        return new ResponseView(r.requirementRef, r.deploymentId, r.answer,
                r.answer == null ? null : r.toAnswer().compliance().name(), r.implementationRef, r.notes, r.testRef, nc,
                r.score == null ? null : RowScore.valueOf(r.score), r.scoreComment, evidence, r.reattest,
                Preconditions.etag(r.version), r.updatedBy, r.updatedAt);
    }

    public static EvidenceView evidence(Evidence e) {
        return new EvidenceView(e.id, e.name, e.mediaType, e.sha256, e.sizeBytes,
                e.kind == null ? null : EvidenceKind.valueOf(e.kind), e.effectiveOn, e.expiresOn, e.uploadedBy, e.uploadedAt);
    }
}
