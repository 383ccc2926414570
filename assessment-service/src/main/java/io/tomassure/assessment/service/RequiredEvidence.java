package io.tomassure.assessment.service;

import java.time.LocalDate;
import java.time.Period;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.tomassure.assessment.domain.Assessment;
import io.tomassure.assessment.domain.Deployment;
import io.tomassure.assessment.domain.Evidence;
import io.tomassure.assessment.domain.EvidenceKind;
import io.tomassure.assessment.domain.EvidencePolicy;
import io.tomassure.assessment.domain.Party;
import io.tomassure.assessment.domain.Programme;
import io.tomassure.assessment.domain.Requirement;
import io.tomassure.assessment.domain.SubmissionReadiness.Missing;
import io.tomassure.assessment.domain.Template;
import io.tomassure.events.assessment.AssessmentEvents;
import io.tomassure.outbox.Outbox;
import io.tomassure.support.problem.ProblemException;
import io.tomassure.support.time.TimeSource;

/**
 * Evidence that goes out of date: the programme's maximum age per kind, what a submission lacks because of it, and
 * how each row requiring evidence stands, published whenever that may have changed (a piece attached, the policy
 * changed) so that the go-live gate closes on lapsed evidence and reminders go out before it lapses.
 */
@ApplicationScoped
public class RequiredEvidence {

    private final Catalogue catalogue;
    private final Outbox outbox;
    private final TimeSource time;

    RequiredEvidence(Catalogue catalogue, Outbox outbox, TimeSource time) {
        this.catalogue = catalogue;
        this.outbox = outbox;
        this.time = time;
    }

    public EvidencePolicy policy(String programme) {
        requireProgramme(programme);
        Map<EvidenceKind, Period> maxAge = new EnumMap<>(EvidenceKind.class);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Programme.getEntityManager().createNativeQuery(
                "select kind, max_age from evidence_max_age where programme_code = ?1").setParameter(1, programme)
                .getResultList();
        for (Object[] row : rows) {
            maxAge.put(EvidenceKind.valueOf((String) row[0]), Period.parse((String) row[1]));
        }
        return new EvidencePolicy(maxAge);
    }

    /**
     * Replaces the programme's policy, whole, and publishes how every row requiring evidence now stands in every
     * assessment and deployment of the programme: a shorter maximum age may put evidence out of date at once.
     */
    @Transactional
    public EvidencePolicy setPolicy(String programme, Map<EvidenceKind, Period> maxAge, String by) {
        requireProgramme(programme);
        maxAge.forEach((kind, age) -> {
            if (age.isNegative() || age.isZero()) {
                throw ProblemException.invalid("maxAge." + kind, "a maximum age is a positive period, such as P12M");
            }
        });
        var em = Programme.getEntityManager();
        em.createNativeQuery("select 1 from programme where code = ?1 for update").setParameter(1, programme).getResultList();
        em.createNativeQuery("delete from evidence_max_age where programme_code = ?1").setParameter(1, programme).executeUpdate();
        maxAge.forEach((kind, age) -> em.createNativeQuery(
                "insert into evidence_max_age (programme_code, kind, max_age) values (?1, ?2, ?3)")
                .setParameter(1, programme).setParameter(2, kind.name()).setParameter(3, age.toString()).executeUpdate());
        EvidencePolicy policy = new EvidencePolicy(maxAge);
        outbox.record(AssessmentEvents.EVIDENCE_POLICY_CHANGED, programme, new AssessmentEvents.EvidencePolicyChanged(
                programme, new TreeMap<>(maxAge.entrySet().stream().collect(Collectors.toMap(
                        e -> e.getKey().name(), e -> e.getValue().toString()))), by));
        for (Template template : Template.<Template>list("programmeCode", programme)) {
            Set<String> rows = catalogue.evidenceRequired(template).keySet();
            if (rows.isEmpty()) {
                continue;
            }
            for (Assessment assessment : Assessment.<Assessment>list("templateId", template.id)) {
                List<Deployment> deployments = Deployment.list("assessmentId", assessment.id);
                for (Requirement row : catalogue.rulesFor(assessment)) {
                    if (!rows.contains(row.id())) {
                        continue;
                    }
                    if (row.answeredBy() == Party.EUO) {
                        deployments.forEach(d -> publish(policy, assessment, d, row.id(), by));
                    } else {
                        publish(policy, assessment, null, row.id(), by);
                    }
                }
            }
        }
        return policy;
    }

    /** What a submission lacks in evidence: each row of {@code inScope} requiring a kind that is not in date today. */
    public List<Missing> missing(Assessment assessment, Deployment deployment, List<Requirement> rules,
            Predicate<Requirement> inScope) {
        Map<String, EvidenceKind> required = required(assessment);
        if (required.isEmpty()) {
            return List.of();
        }
        EvidencePolicy policy = policy(programmeOf(assessment));
        Map<String, List<EvidencePolicy.Held>> held = held(assessment.id, deployment == null ? null : deployment.id,
                required.keySet());
        LocalDate today = time.today();
        return rules.stream().filter(row -> required.containsKey(row.id()) && inScope.test(row))
                .map(row -> new Missing(row.id(), policy.standing(required.get(row.id()),
                        held.getOrDefault(row.id(), List.of()), today).problem()))
                .filter(missing -> missing.problem() != null).toList();
    }

    /** After a piece was attached to {@code ref}: publishes how the row stands, if it requires evidence. */
    public void attached(Assessment assessment, Deployment deployment, String ref, String by) {
        if (required(assessment).containsKey(ref)) {
            publish(policy(programmeOf(assessment)), assessment, deployment, ref, by);
        }
    }

    /** The kind a row requires, if any: a piece attached to it is of that kind. */
    public EvidenceKind kindRequired(Assessment assessment, String ref) {
        return required(assessment).get(ref);
    }

    /** Whether the programme ages {@code kind}, so that a piece of it needs its effective date. */
    public boolean aged(Assessment assessment, EvidenceKind kind) {
        return policy(programmeOf(assessment)).maxAge().containsKey(kind);
    }

    private void publish(EvidencePolicy policy, Assessment assessment, Deployment deployment, String ref, String by) {
        UUID deploymentId = deployment == null ? null : deployment.id;
        EvidenceKind kind = required(assessment).get(ref);
        var standing = policy.standing(kind, held(assessment.id, deploymentId, Set.of(ref)).getOrDefault(ref, List.of()),
                time.today());
        LocalDate lapsesOn = LocalDate.MAX.equals(standing.lapsesOn()) ? null : standing.lapsesOn();
        outbox.record(AssessmentEvents.REQUIRED_EVIDENCE_CHANGED, (deploymentId == null ? assessment.id : deploymentId)
                .toString(), new AssessmentEvents.RequiredEvidenceChanged(assessment.id, deploymentId,
                        assessment.supplierOds, deployment == null ? null : deployment.euoOds, ref, kind.name(),
                        standing.inDate(), lapsesOn, standing.problem(), by));
    }

    /** The evidence attached to the given rows of the product ({@code deploymentId} null) or of one deployment. */
    private static Map<String, List<EvidencePolicy.Held>> held(UUID assessmentId, UUID deploymentId, Set<String> refs) {
        List<Object[]> rows = Evidence.getEntityManager().createQuery("""
                select r.requirementRef, e.kind, e.effectiveOn, e.expiresOn from Evidence e, Response r
                where e.responseId = r.id and r.assessmentId = ?1 and (r.deploymentId is null or r.deploymentId = ?2)
                and r.requirementRef in ?3""", Object[].class).setParameter(1, assessmentId).setParameter(2, deploymentId)
                .setParameter(3, refs).getResultList();
        return rows.stream().collect(Collectors.groupingBy(row -> (String) row[0], Collectors.mapping(
                row -> new EvidencePolicy.Held(row[1] == null ? null : EvidenceKind.valueOf((String) row[1]),
                        (LocalDate) row[2], (LocalDate) row[3]), Collectors.toList())));
    }

    /** The kind each row of the assessment's template requires, by requirement id. */
    private Map<String, EvidenceKind> required(Assessment assessment) {
        return catalogue.evidenceRequired(catalogue.template(assessment.templateId));
    }

    private String programmeOf(Assessment assessment) {
        return catalogue.template(assessment.templateId).programmeCode;
    }

    private static void requireProgramme(String programme) {
        if (Programme.findById(programme) == null) {
            throw ProblemException.notFound("Programme " + programme);
        }
    }
}
