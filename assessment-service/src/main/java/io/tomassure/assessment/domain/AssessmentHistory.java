package io.tomassure.assessment.domain;

import java.util.HashMap;
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
    /** Decisions logged before the submission they decide, by phase and revision. */
    private final Map<String, ApprovalEvents.PhaseDecided> undecided = new HashMap<>();
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
            case "scope" -> {
                if (stated(event.scope(), event)) { // a declared scope is a list: null only before events stated it
                    scope = List.copyOf(event.scope());
                }
            }
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

    /**
     * The answers follow their rows to the new version: the ones the event lists moved, to confirm, or retired (no
     * longer in force); the others stay as they stand.
     */
    public void uplifted(AssessmentEvents.AssessmentUplifted event) {
        if (event.answers() == null) {
            gapped("the uplift to template " + event.toVersion() + " does not state what became of each answer");
            return;
        }
        templateId = event.toTemplateId();
        scope = event.scope() == null ? null : List.copyOf(event.scope());
        List<AssessmentEvents.AnswerCarried> listed = event.answers().stream().filter(c -> c.deploymentId() == null).toList();
        Map<String, Answer> moving = new LinkedHashMap<>();
        listed.forEach(c -> moving.put(c.fromRequirementId(), answers.remove(c.fromRequirementId())));
        for (AssessmentEvents.AnswerCarried c : listed) { // removed first, then placed: row ids may swap
            Answer answer = moving.get(c.fromRequirementId());
            if (answer != null && !"RETIRED".equals(c.fate())) {
                answers.put(c.toRequirementId(), new Answer(c.toRequirementId(), answer.answer(), answer.ncDetail(),
                        answer.ncMitigation(), answer.ncRisk(), answer.reattest() || !"CARRIED".equals(c.fate())));
            }
        }
    }

    public void submitted(AssessmentEvents.PhaseSubmitted event) {
        if (event.deploymentId() == null) {
            phases.put(event.phase(), new PhaseState("SUBMITTED", event.revision(), null));
            ApprovalEvents.PhaseDecided early = undecided.remove(event.phase() + "/" + event.revision());
            if (early != null) {
                decided(early);
            }
        }
    }

    /**
     * A decision shows on its phase when it is about the latest revision, as the live assessment takes it. The log
     * takes in each service's topic at its own pace, so a decision may be logged before the submission it decides:
     * it waits for it.
     */
    public void decided(ApprovalEvents.PhaseDecided event) {
        if (event.deploymentId() != null) {
            return;
        }
        PhaseState latest = phases.get(event.phase());
        if (latest == null || latest.revision() < event.revision()) {
            undecided.put(event.phase() + "/" + event.revision(), event);
        } else if (latest.revision() == event.revision()) {
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
        if (gap == null && !undecided.isEmpty()) {
            return "the decision on phase " + undecided.keySet().iterator().next() + " is logged, its submission not yet";
        }
        return gap;
    }

    /** An entry of the log that could not be read as its type says: the history has a gap there. */
    public void unreadable(String why) {
        gapped(why);
    }

    private void gapped(String why) {
        if (gap == null) {
            gap = why;
        }
    }

    /** Whether the event states its value; when it does not, the first such event is the history's gap. */
    private boolean stated(Object value, AssessmentEvents.AssessmentUpdated event) {
        if (value == null) {
            gapped("the change of " + event.part() + (event.requirementId() == null ? "" : " of row " + event.requirementId())
                    + " was logged without its value");
        }
        return value != null;
    }
}
