package io.tomassure.assessment.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tomassure.assessment.domain.Assessment;
import io.tomassure.assessment.domain.Deployment;
import io.tomassure.assessment.domain.Phase;
import io.tomassure.assessment.domain.PhaseStatus;
import io.tomassure.assessment.domain.Requirement;
import io.tomassure.assessment.domain.RequirementRow;
import io.tomassure.assessment.domain.Response;
import io.tomassure.assessment.domain.RevisionDelta;
import io.tomassure.assessment.domain.RowChange;
import io.tomassure.assessment.domain.RowChange.Carry;
import io.tomassure.assessment.domain.RowChange.Change;
import io.tomassure.assessment.domain.SectionKind;
import io.tomassure.assessment.domain.Template;
import io.tomassure.assessment.domain.TemplateDelta;
import io.tomassure.assessment.domain.TemplateRow;
import io.tomassure.assessment.domain.TemplateSection;
import io.tomassure.assessment.domain.Uplift;
import io.tomassure.assessment.domain.VersionLabels;
import io.tomassure.assessment.domain.Wording;
import io.tomassure.assessment.service.UpliftDtos.AnswerFate;
import io.tomassure.assessment.service.UpliftDtos.RowDelta;
import io.tomassure.assessment.service.UpliftDtos.Shift;
import io.tomassure.assessment.service.UpliftDtos.TemplateRef;
import io.tomassure.assessment.service.UpliftDtos.UpliftReport;
import io.tomassure.assessment.workbook.RowIds;
import io.tomassure.events.assessment.AssessmentEvents;
import io.tomassure.events.assessment.AssessmentEvents.UpliftCounts;
import io.tomassure.outbox.Outbox;
import io.tomassure.support.Ids;
import io.tomassure.support.concurrency.Preconditions;
import io.tomassure.support.problem.Problem;
import io.tomassure.support.problem.ProblemException;
import io.tomassure.support.security.Viewer;
import io.tomassure.support.time.TimeSource;

/**
 * Moving an assessment to a newer template version of its programme. Rows are paired ({@link TemplateDelta}); each
 * answer, with its evidence and non-conformance, follows its row to its new id, to be confirmed where the row now asks
 * something else; an answer with no row to go to is kept, set aside, and named in the report. The deployments follow,
 * being answers to the same assessment. All of it happens in one transaction, or not at all.
 */
@ApplicationScoped
public class Uplifts {

    private final Access access;
    private final Catalogue catalogue;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final TimeSource time;

    Uplifts(Access access, Catalogue catalogue, Outbox outbox, ObjectMapper json, TimeSource time) {
        this.access = access;
        this.catalogue = catalogue;
        this.outbox = outbox;
        this.json = json;
        this.time = time;
    }

    /** The uplift's delta report; a dry run changes nothing and needs no If-Match. */
    @Transactional
    public UpliftReport uplift(Viewer viewer, String username, UUID assessmentId, UUID targetId, boolean dryRun,
            String ifMatch) {
        Assessment assessment = access.assessment(assessmentId);
        Assessments.requireSupplier(viewer, assessment);
        if (!dryRun) {
            Preconditions.requireMatch(ifMatch, Views.etag(assessment));
        }
        Template from = catalogue.template(assessment.templateId);
        Template to = requireTarget(assessment, from, targetId);
        List<Deployment> deployments = Deployment.list("assessmentId", assessment.id);
        if (!dryRun) {
            Answers.lockForChange(assessment, null); // as a submission does: none can start while the rows move
            deployments.forEach(d -> Answers.lockForChange(assessment, d));
            requireNothingUnderReview(assessment, deployments);
        }
        List<RowChange> delta = TemplateDelta.compare(rows(from), rows(to));
        Map<String, RowChange> byOldId = new HashMap<>();
        delta.stream().filter(c -> c.from() != null).forEach(c -> byOldId.put(c.from().id(), c));
        List<Response> responses = Response.list("assessmentId", assessment.id);
        Map<Response, Carry> fates = new LinkedHashMap<>();
        responses.forEach(r -> fates.put(r, fate(byOldId.get(r.requirementRef), r)));

        List<String> api = TemplateSection.of(to.id).stream()
                .filter(s -> SectionKind.API_REQUIREMENTS.name().equals(s.kind)).map(s -> s.code).toList();
        List<String> scope = assessment.scope == null ? null : assessment.scope.stream().filter(api::contains).toList();
        List<String> scopeDropped = assessment.scope == null ? List.of()
                : assessment.scope.stream().filter(s -> !api.contains(s)).toList();

        UUID upliftId = dryRun ? null : Ids.next();
        Instant now = time.now();
        UpliftReport report = new UpliftReport(upliftId, assessment.id, dryRun, ref(from), ref(to), counts(delta, fates),
                rowDeltas(delta, fates), scopeDropped, dryRun ? null : username, dryRun ? null : now);
        if (dryRun) {
            return report;
        }
        Uplift uplift = new Uplift();
        uplift.id = upliftId;
        uplift.assessmentId = assessment.id;
        uplift.fromTemplateId = from.id;
        uplift.toTemplateId = to.id;
        uplift.report = write(report);
        uplift.renamed = write(renamed(delta));
        uplift.requirementsChanged = delta.stream().filter(c -> c.to() != null && (c.from() == null || c.asksAnew()))
                .map(RowChange::id).toList();
        uplift.upliftedBy = username;
        uplift.upliftedAt = now;
        uplift.persistAndFlush();
        List<AssessmentEvents.AnswerCarried> carried = carried(fates, byOldId);
        move(fates, byOldId, upliftId);
        assessment.templateId = to.id;
        assessment.scope = scope;
        assessment.persistAndFlush();

        List<String> euos = deployments.stream().map(d -> d.euoOds).sorted().toList();
        outbox.record(AssessmentEvents.UPLIFTED, assessment.id.toString(), new AssessmentEvents.AssessmentUplifted(
                upliftId, assessment.id, assessment.supplierOds, euos, from.programmeCode, from.id, from.version, to.id,
                to.version, report.counts(), username, scope, carried));
        return report;
    }

    /** The assessment's uplifts, oldest first, as their reports. */
    public List<UpliftReport> reports(UUID assessmentId) {
        return Uplift.<Uplift>list("assessmentId = ?1 order by upliftedAt", assessmentId).stream()
                .map(u -> read(u.report, new TypeReference<UpliftReport>() { })).toList();
    }

    /** The uplifts since {@code since}, as the revision delta follows them. */
    public List<RevisionDelta.Step> stepsSince(UUID assessmentId, Instant since) {
        return Uplift.since(assessmentId, since).stream().map(u -> new RevisionDelta.Step(
                read(u.renamed, new TypeReference<Map<String, String>>() { }), Set.copyOf(u.requirementsChanged))).toList();
    }

    private Template requireTarget(Assessment assessment, Template from, UUID targetId) {
        Template to = Template.findById(targetId);
        if (to == null) {
            throw ProblemException.invalid("templateId", "there is no template " + targetId);
        }
        if (!to.programmeCode.equals(from.programmeCode)) {
            throw new ProblemException(Problem.of(422, "uplift-other-programme", "Another programme's template",
                    "Template " + to.id + " is version " + to.version + " of programme '" + to.programmeCode
                            + "'; an assessment of '" + from.programmeCode + "' moves only to a newer version of its own")
                    .with("programme", from.programmeCode));
        }
        if (VersionLabels.compare(to.version, from.version) <= 0) {
            throw new ProblemException(Problem.of(422, "uplift-not-newer", "Not a newer version",
                    "The assessment is on version " + from.version + "; version " + to.version
                            + " is not newer, and an uplift only moves forward")
                    .with("currentVersion", from.version));
        }
        if (!to.isPublished()) {
            throw ProblemException.conflict("template-draft", "Template not published",
                    "Version " + to.version + " is a draft; assessments move to published versions only");
        }
        Assessment other = Assessment.find("productVersionId = ?1 and templateId = ?2", assessment.productVersionId, to.id)
                .firstResult();
        if (other != null) {
            throw ProblemException.conflict("duplicate", "Assessment exists", "This product version already has "
                    + "assessment " + other.id + " against version " + to.version);
        }
        return to;
    }

    /** The rows move only while no decision is pending on them: a reviewer must decide on what was submitted. */
    private static void requireNothingUnderReview(Assessment assessment, List<Deployment> deployments) {
        List<PhaseStatus> statuses = new ArrayList<>(Phases.productStatuses(assessment.id).values());
        deployments.forEach(d -> Phases.status(assessment.id, d.id, Phase.P2).ifPresent(statuses::add));
        for (PhaseStatus status : statuses) {
            if (Phases.State.SUBMITTED.name().equals(status.state)) {
                throw ProblemException.conflict("phase-under-review", "A phase is under review", "Phase " + status.phase
                        + " revision " + status.revision + (status.deploymentId == null ? "" : " of deployment "
                                + status.deploymentId) + " is under review; uplift once it is decided or returned");
            }
        }
    }

    private static Carry fate(RowChange change, Response response) {
        return change == null ? Carry.RETIRED : change.carry(response.answer);
    }

    private List<TemplateRow> rows(Template template) {
        Map<String, RequirementRow> stored = RequirementRow.of(template.id).stream()
                .collect(Collectors.toMap(r -> r.ref, Function.identity()));
        return catalogue.rules(template).stream().map(rule -> {
            RequirementRow row = stored.get(rule.id());
            return new TemplateRow(rule, row.title, row.description, row.guidance, RowIds.isDerived(rule.id()));
        }).toList();
    }

    /**
     * Carried answers take their row's new id. Ids can swap places (a row inserted above derived ids shifts them all),
     * so the moving answers first step aside to ids of their own, then take the new ones.
     */
    /**
     * What the uplift did with the product's answers, as its event states it for a replay of the log, read before the
     * answers move: each one that was not simply carried to a row of the same id. The deployments' answers are left
     * out, so that the event stays small and tells no EUO of another's answers.
     */
    private static List<AssessmentEvents.AnswerCarried> carried(Map<Response, Carry> fates, Map<String, RowChange> byOldId) {
        List<AssessmentEvents.AnswerCarried> carried = new ArrayList<>();
        fates.forEach((response, carry) -> {
            String to = carry == Carry.RETIRED ? null : byOldId.get(response.requirementRef).id();
            if (response.deploymentId == null && (carry != Carry.CARRIED || !response.requirementRef.equals(to))) {
                carried.add(new AssessmentEvents.AnswerCarried(null, response.requirementRef, to, carry.name()));
            }
        });
        return carried;
    }

    private static void move(Map<Response, Carry> fates, Map<String, RowChange> byOldId, UUID upliftId) {
        Map<Response, String> moving = new LinkedHashMap<>();
        fates.forEach((response, carry) -> {
            if (carry == Carry.RETIRED) {
                response.retiredBy = upliftId;
                return;
            }
            response.reattest |= carry != Carry.CARRIED;
            String newId = byOldId.get(response.requirementRef).id();
            if (!newId.equals(response.requirementRef)) {
                moving.put(response, newId);
                response.requirementRef = "uplift:" + response.id;
            }
        });
        Response.flush();
        moving.forEach((response, newId) -> response.requirementRef = newId);
        Response.flush();
    }

    private static Map<String, String> renamed(List<RowChange> delta) {
        Map<String, String> renamed = new HashMap<>();
        for (RowChange change : delta) {
            if (change.from() != null && (change.to() == null || !change.to().id().equals(change.from().id()))) {
                renamed.put(change.from().id(), change.to() == null ? null : change.to().id());
            }
        }
        return renamed;
    }

    private static UpliftCounts counts(List<RowChange> delta, Map<Response, Carry> fates) {
        Map<Change, Integer> rows = new EnumMap<>(Change.class);
        delta.forEach(c -> c.changes().forEach(change -> rows.merge(change, 1, Integer::sum)));
        Map<Carry, Integer> answers = new EnumMap<>(Carry.class);
        fates.values().forEach(carry -> answers.merge(carry, 1, Integer::sum));
        return new UpliftCounts((int) delta.stream().filter(RowChange::unchanged).count(), n(rows, Change.MOVED),
                n(rows, Change.REWORDED), n(rows, Change.GUIDANCE_CHANGED), n(rows, Change.RELEVELLED),
                n(rows, Change.REPHASED), n(rows, Change.ANSWERS_CHANGED), n(rows, Change.PARTY_CHANGED),
                n(rows, Change.ADDED), n(rows, Change.REMOVED), n(answers, Carry.CARRIED), n(answers, Carry.REATTEST),
                n(answers, Carry.NOT_ALLOWED), n(answers, Carry.RETIRED));
    }

    private static <K> int n(Map<K, Integer> counts, K key) {
        return counts.getOrDefault(key, 0);
    }

    private static List<RowDelta> rowDeltas(List<RowChange> delta, Map<Response, Carry> fates) {
        Map<String, List<AnswerFate>> byOldId = new HashMap<>();
        fates.forEach((r, carry) -> byOldId.computeIfAbsent(r.requirementRef, k -> new ArrayList<>())
                .add(new AnswerFate(r.deploymentId, r.answer, carry)));
        return delta.stream().filter(c -> !c.unchanged()).map(c -> rowDelta(c,
                c.from() == null ? List.of() : byOldId.getOrDefault(c.from().id(), List.of()))).toList();
    }

    private static RowDelta rowDelta(RowChange c, List<AnswerFate> answers) {
        TemplateRow a = c.from();
        TemplateRow b = c.to();
        boolean reworded = c.changes().contains(Change.REWORDED);
        return new RowDelta(b == null ? null : b.id(), a == null || b != null && a.id().equals(b.id()) ? null : a.id(),
                b == null ? null : b.requirement().sectionCode(),
                a == null || b != null && a.requirement().sectionCode().equals(b.requirement().sectionCode()) ? null
                        : a.requirement().sectionCode(),
                Objects.requireNonNullElse(b, a).title(), c.changes(),
                reworded && !Wording.same(a.title(), b.title()) ? Wording.diff(a.title(), b.title()) : null,
                reworded && !Wording.same(a.description(), b.description()) ? Wording.diff(a.description(), b.description()) : null,
                shift(c, Change.RELEVELLED, r -> r.level() == null ? null : r.level().name()),
                shift(c, Change.RELEVELLED, r -> r.type().name()),
                shift(c, Change.REPHASED, r -> r.phases().stream().map(Phase::label).sorted().toList()),
                shift(c, Change.ANSWERS_CHANGED, r -> r.allowedAnswers()),
                shift(c, Change.PARTY_CHANGED, r -> r.answeredBy().name()), answers);
    }

    private static <T> Shift<T> shift(RowChange c, Change change, Function<Requirement, T> value) {
        if (!c.changes().contains(change)) {
            return null;
        }
        T from = value.apply(c.from().requirement());
        T to = value.apply(c.to().requirement());
        return Objects.equals(from, to) ? null : new Shift<>(from, to);
    }

    private static TemplateRef ref(Template template) {
        return new TemplateRef(template.id, template.version);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
