package io.tomassure.assessment.service;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.tomassure.assessment.config.AssessmentConfig;
import io.tomassure.assessment.domain.Assessment;
import io.tomassure.assessment.domain.Deployment;
import io.tomassure.assessment.domain.Evidence;
import io.tomassure.assessment.domain.EvidenceKind;
import io.tomassure.assessment.domain.Phase;
import io.tomassure.assessment.domain.Product;
import io.tomassure.assessment.domain.ProductVersion;
import io.tomassure.assessment.domain.Requirement;
import io.tomassure.assessment.domain.Response;
import io.tomassure.assessment.domain.SectionKind;
import io.tomassure.assessment.domain.Template;
import io.tomassure.assessment.domain.TemplateSection;
import io.tomassure.assessment.service.AssessmentDtos.EvidenceFile;
import io.tomassure.assessment.service.AssessmentDtos.Impact;
import io.tomassure.assessment.service.AssessmentDtos.ScoreRequest;
import io.tomassure.events.assessment.AssessmentEvents;
import io.tomassure.outbox.Outbox;
import io.tomassure.support.Ids;
import io.tomassure.support.concurrency.Preconditions;
import io.tomassure.support.problem.Problem;
import io.tomassure.support.problem.ProblemException;
import io.tomassure.support.security.Viewer;
import io.tomassure.support.time.TimeSource;

/** Product assessments: creation, product facts, NHS Digital row scores and evidence. */
@ApplicationScoped
public class Assessments {

    private final Access access;
    private final Catalogue catalogue;
    private final Outbox outbox;
    private final TimeSource time;
    private final RequiredEvidence requiredEvidence;
    private final long evidenceMaxBytes;
    private final long evidenceQuotaBytes;

    Assessments(Access access, Catalogue catalogue, Outbox outbox, TimeSource time, RequiredEvidence requiredEvidence,
            AssessmentConfig config) {
        this.access = access;
        this.catalogue = catalogue;
        this.outbox = outbox;
        this.time = time;
        this.requiredEvidence = requiredEvidence;
        this.evidenceMaxBytes = config.evidence().maxBytes();
        this.evidenceQuotaBytes = config.evidence().quotaBytes();
    }

    /** One assessment per product version and template version, opened by the product's supplier. */
    @Transactional
    public Assessment create(Viewer viewer, String username, UUID productVersionId, UUID templateId) {
        ProductVersion version = ProductVersion.findById(productVersionId);
        Product product = version == null ? null : Product.findById(version.productId);
        if (product == null || !viewer.isSupplierOf(product.supplierOds)) {
            throw ProblemException.notFound("Product version " + productVersionId);
        }
        Template template = catalogue.template(templateId);
        if (!template.isPublished()) {
            throw ProblemException.conflict("template-draft", "Template not published",
                    "Template " + templateId + " is a draft; assessments use published templates only");
        }
        if (Assessment.count("productVersionId = ?1 and templateId = ?2", productVersionId, templateId) > 0) {
            throw ProblemException.conflict("duplicate", "Assessment exists",
                    "This product version already has an assessment against template " + templateId);
        }
        Assessment assessment = new Assessment();
        assessment.id = Ids.next();
        assessment.productVersionId = productVersionId;
        assessment.templateId = templateId;
        assessment.supplierOds = product.supplierOds;
        assessment.createdAt = time.now();
        assessment.persist();
        outbox.record(AssessmentEvents.CREATED, assessment.id.toString(), new AssessmentEvents.AssessmentCreated(
                assessment.id, product.id, product.name, version.version, product.supplierOds, template.programmeCode,
                template.id, template.version, username));
        return assessment;
    }

    /**
     * The product facts decide the clinical-safety level and the sign-offs every deployment needs, so they are held
     * like answers: once Phase 1A or 1B is submitted they stay as submitted, and as approved.
     */
    @Transactional
    public Assessment setImpact(Viewer viewer, String username, UUID id, Impact impact, String ifMatch) {
        Assessment assessment = access.assessment(id);
        requireSupplier(viewer, assessment);
        Preconditions.requireMatch(ifMatch, Views.etag(assessment));
        requireFactsOpen(assessment, "product facts");
        assessment.medicalDevice = impact.medicalDevice();
        assessment.updatesSpine = impact.updatesSpine();
        assessment.clinicalSafetyRelated = impact.clinicalSafetyRelated();
        assessment.changesLocalSystems = impact.changesLocalSystems();
        assessment.persistAndFlush();
        outbox.record(AssessmentEvents.UPDATED, id.toString(), new AssessmentEvents.AssessmentUpdated(id, null,
                assessment.supplierOds, null, "impact", null, username, null, new AssessmentEvents.ProductFacts(
                        impact.medicalDevice(), impact.updatesSpine(), impact.clinicalSafetyRelated(),
                        impact.changesLocalSystems()), null, null, null));
        return assessment;
    }

    /**
     * Declares which API sections apply to the product, as the SCAL's "services and APIs required" does: the others'
     * rows are not asked for. Held like the product facts once Phase 1A or 1B is submitted.
     */
    @Transactional
    public Assessment setScope(Viewer viewer, String username, UUID id, List<String> sections, String ifMatch) {
        Assessment assessment = access.assessment(id);
        requireSupplier(viewer, assessment);
        Preconditions.requireMatch(ifMatch, Views.etag(assessment));
        requireFactsOpen(assessment, "scope");
        List<String> api = TemplateSection.of(assessment.templateId).stream()
                .filter(s -> SectionKind.API_REQUIREMENTS.name().equals(s.kind)).map(s -> s.code).toList();
        List<Problem.FieldError> unknown = new ArrayList<>();
        for (int i = 0; i < sections.size(); i++) {
            if (!api.contains(sections.get(i))) {
                unknown.add(new Problem.FieldError("sections[" + i + "]", "'" + sections.get(i)
                        + "' is not an API section of the assessment's template (" + String.join(", ", api) + ")"));
            }
        }
        if (!unknown.isEmpty()) {
            throw ProblemException.invalid(unknown.size() + " section(s) are not the template's API sections", unknown);
        }
        assessment.scope = sections.stream().distinct().sorted().toList();
        assessment.persistAndFlush();
        outbox.record(AssessmentEvents.UPDATED, id.toString(), new AssessmentEvents.AssessmentUpdated(id, null,
                assessment.supplierOds, null, "scope", null, username, null, null, assessment.scope, null, null));
        return assessment;
    }

    /** Facts a submitted phase rests on change only while no product phase holds them (under review or approved). */
    private static void requireFactsOpen(Assessment assessment, String facts) {
        Answers.lockForChange(assessment, null); // as a submission does: the check below cannot race one
        for (Phase phase : List.of(Phase.P1A, Phase.P1B)) {
            var status = Phases.status(assessment.id, null, phase);
            if (status.isPresent() && Phases.holdsFacts(status.get().state)) {
                throw Phases.factsHeld(facts, phase, status.get());
            }
        }
    }

    /** NHS Digital scores a product row it assesses (Not Yet Assessed / OK / Not OK / Queries). */
    @Transactional
    public Response score(String username, UUID assessmentId, String ref, ScoreRequest request, String ifMatch) {
        Assessment assessment = access.assessment(assessmentId);
        Requirement row = catalogue.requirement(assessment, ref);
        Response response = Answers.existing(assessment.id, null, row.id()).orElseThrow(() -> ProblemException.conflict(
                "row-not-answered", "Not answered", "Row " + ref + " has no product answer to score yet"));
        Preconditions.requireMatch(ifMatch, response.version);
        Answers.lockForChange(assessment, null); // a score is part of the answers' revision
        response.score = request.score().name();
        response.scoreComment = request.comment();
        response.persistAndFlush();
        outbox.record(AssessmentEvents.UPDATED, assessment.id.toString(), new AssessmentEvents.AssessmentUpdated(
                assessment.id, null, assessment.supplierOds, null, "score", row.id(), username, null, null, null, null,
                new AssessmentEvents.ScoreStated(response.score, response.scoreComment)));
        return response;
    }

    /**
     * Attaches a file to an answered row, for the party that answers it; its SHA-256 joins the next revision. A row
     * that requires a kind of evidence takes that kind only, dated when its programme ages the kind.
     */
    @Transactional
    public Attached addEvidence(Viewer viewer, String username, UUID assessmentId, UUID deploymentId, String ref,
            EvidenceFile file) {
        Access.Target target = access.target(assessmentId, deploymentId);
        Assessment assessment = target.assessment();
        Deployment deployment = target.deployment();
        Requirement row = catalogue.requirement(assessment, ref);
        Answers.requireAnswerer(viewer, assessment, deployment, row);
        Answers.lockForChange(assessment, deployment);
        Answers.requireEditable(assessment, deployment, row);
        byte[] content = file.content();
        if (content.length > evidenceMaxBytes) {
            throw tooLarge(content.length);
        }
        if (content.length == 0) {
            throw ProblemException.invalid("body", "the evidence file is empty");
        }
        EvidenceKind kind = kindFor(assessment, ref, file);
        Response response = Answers.existing(assessment.id, deployment == null ? null : deployment.id, row.id())
                .orElseThrow(() -> ProblemException.conflict("row-not-answered", "Not answered",
                        "Answer row " + ref + " before attaching evidence to it"));
        String owner = deployment == null ? assessment.supplierOds : deployment.euoOds;
        requireRoomFor(owner, content.length);
        Evidence evidence = new Evidence();
        evidence.id = Ids.next();
        evidence.responseId = response.id;
        evidence.name = file.name();
        evidence.mediaType = file.mediaType();
        evidence.sha256 = sha256(content);
        evidence.sizeBytes = content.length;
        evidence.content = content;
        evidence.kind = kind == null ? null : kind.name();
        evidence.effectiveOn = file.effectiveOn();
        evidence.expiresOn = file.expiresOn();
        evidence.uploadedBy = username;
        evidence.ownerOds = owner;
        evidence.uploadedAt = time.now();
        evidence.persist();
        String subject = (deployment == null ? assessment.id : deployment.id).toString();
        outbox.record(AssessmentEvents.EVIDENCE_ADDED, subject, new AssessmentEvents.EvidenceAdded(assessment.id,
                deployment == null ? null : deployment.id, assessment.supplierOds,
                deployment == null ? null : deployment.euoOds, ref, evidence.id, file.name(), evidence.sha256,
                evidence.sizeBytes, file.expiresOn(), evidence.kind, file.effectiveOn(), username));
        requiredEvidence.attached(assessment, deployment, ref, username);
        return new Attached(assessment.id, evidence);
    }

    /** A piece of evidence attached, with the assessment that serves it. */
    public record Attached(UUID assessmentId, Evidence evidence) {
    }

    /** The kind of the file: the row's, when it requires one (no other is taken); its dates checked against today. */
    private EvidenceKind kindFor(Assessment assessment, String ref, EvidenceFile file) {
        EvidenceKind required = requiredEvidence.kindRequired(assessment, ref);
        if (required != null && file.kind() != null && file.kind() != required) {
            throw ProblemException.invalid("kind", "row " + ref + " requires a " + required.title() + " (" + required
                    + "), not a " + file.kind().title());
        }
        EvidenceKind kind = required != null ? required : file.kind();
        LocalDate today = time.today();
        if (file.effectiveOn() != null && file.effectiveOn().isAfter(today)) {
            throw ProblemException.invalid("effectiveOn", "effectiveOn is the date it was issued: not after today, " + today);
        }
        if (file.effectiveOn() != null && file.expiresOn() != null && file.expiresOn().isBefore(file.effectiveOn())) {
            throw ProblemException.invalid("expiresOn", "evidence cannot expire before its effective date");
        }
        if (kind != null && file.effectiveOn() == null && requiredEvidence.aged(assessment, kind)) {
            throw ProblemException.invalid("effectiveOn", "a " + kind.title() + " is aged from the date it was issued: "
                    + "give it as effectiveOn (YYYY-MM-DD)");
        }
        return kind;
    }

    /**
     * Evidence is kept in the database, so one organisation's uploads would otherwise fill it for everyone: each has a
     * quota. Uploads of one organisation are serialised (a transaction lock) so that two cannot both fit the last room.
     */
    private void requireRoomFor(String owner, long size) {
        var em = Evidence.getEntityManager();
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('evidence:' || ?1))").setParameter(1, owner)
                .getSingleResult();
        long used = ((Number) em.createNativeQuery("select coalesce(sum(size_bytes), 0) from evidence where owner_ods = ?1")
                .setParameter(1, owner).getSingleResult()).longValue();
        if (used + size > evidenceQuotaBytes) {
            throw new ProblemException(Problem.of(413, "evidence-quota-exceeded", "Evidence quota exceeded",
                    owner + " keeps " + used + " bytes of evidence; this file of " + size + " bytes would pass its quota of "
                            + evidenceQuotaBytes + ". Remove files no longer needed, or ask NHS Digital for more room.")
                    .with("quotaBytes", evidenceQuotaBytes).with("usedBytes", used));
        }
    }

    public long evidenceMaxBytes() {
        return evidenceMaxBytes;
    }

    public ProblemException tooLarge(long size) {
        return new ProblemException(Problem.of(413, "payload-too-large", "Evidence too large",
                "Evidence files are limited to " + evidenceMaxBytes + " bytes; this one has " + size)
                .with("maxBytes", evidenceMaxBytes));
    }

    static void requireSupplier(Viewer viewer, Assessment assessment) {
        if (assessment == null || !viewer.isSupplierOf(assessment.supplierOds)) {
            throw ProblemException.forbidden("Only the product's supplier changes its assessment");
        }
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
