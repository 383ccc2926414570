package io.tomassure.assessment.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.tomassure.events.approval.ApprovalEvents;
import io.tomassure.events.assessment.AssessmentEvents;

/**
 * A product assessment as its events tell it, folded in log order: what a replay of the audit log to an instant
 * rebuilds (the template version, the product facts, the scope, the answers in force and the phase states), which
 * the view then derives its results from as it does for the live assessment. Deployment events are passed over: they
 * change a deployment, not the product. An event that does not state its value (logged before events carried them)
 * leaves the history {@linkplain #gap() with a gap}: a replay over it would not be the truth.
 */
public final class AssessmentHistory {

    /** A phase's state as the assessment shows it: DRAFT, SUBMITTED, or a decision's outcome. */
    public record PhaseState(String state, int revision, String reason) {
    }

    private UUID templateId;
    private AssessmentEvents.ProductFacts facts = new AssessmentEvents.ProductFacts(false, false, false, false);
    private List<String> scope;
    private final Map<String, Answer> answers = new LinkedHashMap<>();
    private final Map<String, PhaseState> phases = new TreeMap<>();
    private String gap;

    public void created(AssessmentEvents.AssessmentCreated event) {
        templateId = event.templateId();
    }

    public void updated(AssessmentEvents.AssessmentUpdated event) {
        if (event.deploymentId() != null) {
            return;
        }
        switch (event.part()) {
            case "impact" -> {
                if (stated(event.impact(), event)) {
                    facts = event.impact();
                }
            }
            case "scope" -> scope = event.scope() == null ? null : List.copyOf(event.scope()); // null: every section
            case "response" -> {
                AssessmentEvents.ResponseStated r = event.response();
                if (stated(r, event)) {
                    answers.put(event.requirementId(), new Answer(event.requirementId(), r.answer(), r.ncDetail(),
                            r.ncMitigation(), r.ncRisk() == null ? null : Rag.valueOf(r.ncRisk()), r.reattest()));
                }
            }
            default -> { // a score changes no derived result; a deployment's context is not the product's
            }
        }
    }

    /** The answers follow their rows to the new version: moved, to confirm, or retired (no longer in force). */
    public void uplifted(AssessmentEvents.AssessmentUplifted event) {
        if (event.answers() == null) {
            gap = gap == null ? "the uplift to template " + event.toVersion() + " does not state what became of each answer" : gap;
            return;
        }
        templateId = event.toTemplateId();
        scope = event.scope() == null ? null : List.copyOf(event.scope());
        Map<String, Answer> carried = new LinkedHashMap<>();
        for (AssessmentEvents.AnswerCarried c : event.answers()) {
            Answer answer = c.deploymentId() == null ? answers.get(c.fromRequirementId()) : null;
            if (answer == null || "RETIRED".equals(c.fate())) {
                continue;
            }
            carried.put(c.toRequirementId(), new Answer(c.toRequirementId(), answer.answer(), answer.ncDetail(),
                    answer.ncMitigation(), answer.ncRisk(), answer.reattest() || !"CARRIED".equals(c.fate())));
        }
        answers.clear();
        answers.putAll(carried);
    }

    public void submitted(AssessmentEvents.PhaseSubmitted event) {
        if (event.deploymentId() == null) {
            phases.put(event.phase(), new PhaseState("SUBMITTED", event.revision(), null));
        }
    }

    /** A decision shows on its phase when it is about the latest revision, as the live assessment takes it. */
    public void decided(ApprovalEvents.PhaseDecided event) {
        PhaseState latest = event.deploymentId() == null ? phases.get(event.phase()) : null;
        if (latest != null && latest.revision() == event.revision()) {
            phases.put(event.phase(), new PhaseState(event.outcome(), latest.revision(), event.reason()));
        }
    }

    /** Whether the assessment existed: its creation was among the events folded. */
    public boolean exists() {
        return templateId != null;
    }

    public UUID templateId() {
        return templateId;
    }

    public AssessmentEvents.ProductFacts facts() {
        return facts;
    }

    public List<String> scope() {
        return scope;
    }

    public Map<String, Answer> answers() {
        return Map.copyOf(answers);
    }

    /** The state of a phase: DRAFT at revision 0 until it is first submitted. */
    public PhaseState phase(String label) {
        return phases.getOrDefault(label, new PhaseState("DRAFT", 0, null));
    }

    /** Why the events folded cannot be replayed faithfully; null when they can. */
    public String gap() {
        return gap;
    }

    /** Whether the event states its value; when it does not, the first such event is the history's gap. */
    private boolean stated(Object value, AssessmentEvents.AssessmentUpdated event) {
        if (value == null && gap == null) {
            gap = "the change of " + event.part() + (event.requirementId() == null ? "" : " of row " + event.requirementId())
                    + " was logged without its value";
        }
        return value != null;
    }
}
