package io.tomassure.assessment.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.tomassure.assessment.domain.Assessment;
import io.tomassure.assessment.domain.AssessmentHistory;
import io.tomassure.assessment.service.AssessmentDtos.AssessmentView;
import io.tomassure.assessment.service.AssessmentDtos.Replayed;
import io.tomassure.events.EventRouter;
import io.tomassure.events.approval.ApprovalEvents;
import io.tomassure.events.assessment.AssessmentEvents;
import io.tomassure.support.auditlog.AuditLogReader;
import io.tomassure.support.auditlog.AuditLogReader.Logged;
import io.tomassure.support.problem.ProblemException;
import io.tomassure.support.time.TimeSource;

/**
 * The state of a TOM at an earlier instant, replayed from the central audit log (the log is the source of truth,
 * not this service's tables), for whoever may see the TOM now.
 */
@ApplicationScoped
public class Replays {

    /** What each logged event does to the history; events that change nothing the product's view shows are passed over. */
    private static final EventRouter<AssessmentHistory> FOLD = new EventRouter<AssessmentHistory>()
            .on(AssessmentEvents.CREATED, AssessmentHistory::created)
            .on(AssessmentEvents.UPDATED, AssessmentHistory::updated)
            .on(AssessmentEvents.UPLIFTED, AssessmentHistory::uplifted)
            .on(AssessmentEvents.PHASE_SUBMITTED, AssessmentHistory::submitted)
            .on(ApprovalEvents.PHASE_DECIDED, AssessmentHistory::decided);

    private final Access access;
    private final AuditLogReader log;
    private final Views views;
    private final TimeSource time;

    Replays(Access access, AuditLogReader log, Views views, TimeSource time) {
        this.access = access;
        this.log = log;
        this.views = views;
        this.time = time;
    }

    /** The product assessment as it stood at {@code asOf}, derived as the live one is. */
    public Replayed<AssessmentView> assessment(UUID id, Instant asOf) {
        Assessment live = access.assessment(id);
        AuditLogReader.requirePast(asOf, time.now());
        List<Logged> logged = log.upTo(asOf, AuditLogReader.Filter.assessment(id));
        AssessmentHistory history = new AssessmentHistory();
        AuditLogReader.fold(logged, FOLD, history, AssessmentHistory::unreadable);
        if (!history.exists()) {
            throw ProblemException.notFound("Assessment " + id + " as of " + asOf + " (it was opened later)");
        }
        if (history.gap() != null) {
            throw AuditLogReader.incomplete("The assessment", asOf, history.gap());
        }
        return new Replayed<>(asOf, views.assessmentAsOf(live, history), log.anchor(logged));
    }
}
