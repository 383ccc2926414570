package io.tomassure.notification.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.tomassure.events.EventEnvelope;
import io.tomassure.events.approval.ApprovalEvents;
import io.tomassure.events.assessment.AssessmentEvents;
import io.tomassure.notification.config.NotificationConfig;
import io.tomassure.notification.domain.LapseWindows;
import io.tomassure.notification.domain.WorkingDays;
import io.tomassure.notification.repository.ReminderRepository;
import io.tomassure.notification.repository.ReminderRepository.TrackedAgreement;
import io.tomassure.notification.repository.ReminderRepository.TrackedCase;
import io.tomassure.notification.repository.ReminderRepository.TrackedDeployment;
import io.tomassure.notification.repository.ReminderRepository.TrackedEvidence;
import io.tomassure.notification.repository.ReminderRepository.TrackedRequiredEvidence;
import io.tomassure.support.time.TimeSource;

/**
 * Reminders, on the clock rather than on an event: agreements and evidence about to expire, required evidence about
 * to go out of date (30 and 7 days ahead), reviews waiting longer
 * than their service level, deployments whose go-live gate stays closed long after Phase 2 was submitted. Each
 * reminder is a notice with an id derived from what it is about, so it goes out once.
 */
@ApplicationScoped
public class Reminders {

    public static final String AGREEMENT_EXPIRING = "tom.notification.reminder.agreement-expiring";
    public static final String REVIEW_OVERDUE = "tom.notification.reminder.review-overdue";
    public static final String EVIDENCE_EXPIRING = "tom.notification.reminder.evidence-expiring";
    public static final String EVIDENCE_LAPSING = "tom.notification.reminder.evidence-lapsing";
    public static final String GO_LIVE_STUCK = "tom.notification.reminder.go-live-stuck";
    private static final ZoneId ENGLAND = ZoneId.of("Europe/London");

    private final ReminderRepository tracked;
    private final Notices notices;
    private final TimeSource time;
    private final NotificationConfig config;
    private final ObjectMapper json = new ObjectMapper();

    Reminders(ReminderRepository tracked, Notices notices, TimeSource time, NotificationConfig config) {
        this.tracked = tracked;
        this.notices = notices;
        this.time = time;
        this.config = config;
    }

    /** What reminders watch, from the events that start and end it (in the consumer's transaction). */
    public void track(EventEnvelope event) {
        if (ApprovalEvents.AGREEMENT_SIGNED.name().equals(event.type())) {
            var signed = event.dataAs(ApprovalEvents.AGREEMENT_SIGNED);
            if (signed.expiresOn() != null) {
                tracked.trackAgreement(signed.agreementId(), signed.kind(), signed.organisation(), signed.expiresOn());
            }
        } else if (ApprovalEvents.CASE_OPENED.name().equals(event.type())) {
            var opened = event.dataAs(ApprovalEvents.CASE_OPENED);
            tracked.trackCase(opened.caseId(), opened.deploymentId(), opened.phase(), opened.supplierOds(), opened.euoOds(),
                    event.time().toInstant());
        } else if (ApprovalEvents.PHASE_DECIDED.name().equals(event.type())) {
            tracked.caseDecided(event.dataAs(ApprovalEvents.PHASE_DECIDED).caseId());
        } else if (AssessmentEvents.EVIDENCE_ADDED.name().equals(event.type())) {
            var added = event.dataAs(AssessmentEvents.EVIDENCE_ADDED);
            if (added.expiresOn() != null) {
                tracked.trackEvidence(added.evidenceId(), added.requirementId(), added.name(), added.supplierOds(),
                        added.euoOds(), added.expiresOn());
            }
        } else if (AssessmentEvents.REQUIRED_EVIDENCE_CHANGED.name().equals(event.type())) {
            var changed = event.dataAs(AssessmentEvents.REQUIRED_EVIDENCE_CHANGED);
            tracked.trackRequiredEvidence(changed.deploymentId() != null ? changed.deploymentId() : changed.assessmentId(),
                    changed.requirementId(), changed.kind(), changed.supplierOds(), changed.euoOds(),
                    changed.inDate() ? changed.lapsesOn() : null);
        } else if (AssessmentEvents.PHASE_SUBMITTED.name().equals(event.type())) {
            var submitted = event.dataAs(AssessmentEvents.PHASE_SUBMITTED);
            if (submitted.deploymentId() != null) {
                tracked.trackDeployment(submitted.deploymentId(), submitted.supplierOds(), submitted.euoOds(),
                        event.time().toInstant());
            }
        } else if (ApprovalEvents.GO_LIVE_READY.name().equals(event.type())) {
            // The two topics are not ordered: the gate may open before the submission is seen here.
            var ready = event.dataAs(ApprovalEvents.GO_LIVE_READY);
            tracked.deploymentReady(ready.deploymentId(), ready.supplierOds(), ready.euoOds(), event.time().toInstant());
        }
    }

    @Scheduled(cron = "${tom.notification.reminders-cron:0 0 7 * * ?}")
    void daily() {
        sendDue(time.now());
    }

    /** Creates the reminders due at {@code now} (the scheduler passes the clock; tests pass any time they like). */
    public void sendDue(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ENGLAND);
        QuarkusTransaction.requiringNew().run(() -> {
            agreementsExpiring(today);
            evidenceExpiring(today);
            requiredEvidenceLapsing(today);
            reviewsOverdue(today);
            goLiveStuck(today);
        });
    }

    private void agreementsExpiring(LocalDate today) {
        for (TrackedAgreement agreement : tracked.agreementsExpiring(today, today.plusDays(config.agreementWarningDays()))) {
            String kind = agreement.kind();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("agreementId", agreement.agreementId());
            data.put("kind", kind);
            data.put("title", title(kind));
            data.put("expiresOn", agreement.expiresOn().toString());
            data.put("CONNECTION_AGREEMENT".equals(kind) ? "supplierOds" : "euoOds", agreement.odsCode());
            remind(AGREEMENT_EXPIRING, "agreement-expiring:" + agreement.agreementId() + ":" + agreement.expiresOn(),
                    agreement.odsCode(), data);
        }
    }

    private void reviewsOverdue(LocalDate today) {
        for (TrackedCase review : tracked.undecidedCases()) {
            int days = WorkingDays.between(LocalDate.ofInstant(review.openedAt(), ENGLAND), today);
            if (days > config.reviewServiceLevelDays()) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("caseId", review.caseId());
                data.put("deploymentId", review.deploymentId());
                data.put("phase", review.phase());
                data.put("supplierOds", review.supplierOds());
                data.put("euoOds", review.euoOds());
                data.put("workingDays", days);
                remind(REVIEW_OVERDUE, "review-overdue:" + review.caseId(), review.caseId(), data);
            }
        }
    }

    private void evidenceExpiring(LocalDate today) {
        for (TrackedEvidence evidence : tracked.evidenceExpiring(today, today.plusDays(config.agreementWarningDays()))) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("evidenceId", evidence.evidenceId());
            data.put("requirementId", evidence.requirementId());
            data.put("name", evidence.name());
            data.put("expiresOn", evidence.expiresOn().toString());
            // The party that answers the row renews its evidence: the EUO for a deployment's own.
            data.put(evidence.euoOds() == null ? "supplierOds" : "euoOds",
                    evidence.euoOds() == null ? evidence.supplierOds() : evidence.euoOds());
            remind(EVIDENCE_EXPIRING, "evidence-expiring:" + evidence.evidenceId(), evidence.evidenceId(), data);
        }
    }

    /** Before a row's required evidence goes out of date: one reminder in each window (30 days, then 7). */
    private void requiredEvidenceLapsing(LocalDate today) {
        List<Integer> windows = config.evidenceReminderDays();
        int widest = windows.stream().mapToInt(Integer::intValue).max().orElse(0);
        for (TrackedRequiredEvidence evidence : tracked.requiredEvidenceLapsing(today, today.plusDays(widest))) {
            long daysLeft = ChronoUnit.DAYS.between(today, evidence.lapsesOn());
            LapseWindows.window(windows, daysLeft).ifPresent(window -> {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("requirementId", evidence.requirementId());
                data.put("kind", evidence.kind());
                data.put("lapsesOn", evidence.lapsesOn().toString());
                data.put("daysLeft", daysLeft);
                data.put("window", window);
                data.put(evidence.euoOds() == null ? "supplierOds" : "euoOds",
                        evidence.euoOds() == null ? evidence.supplierOds() : evidence.euoOds());
                remind(EVIDENCE_LAPSING, "evidence-lapsing:" + evidence.ownerId() + ":" + evidence.requirementId() + ":"
                        + evidence.lapsesOn() + ":" + window, evidence.ownerId(), data);
            });
        }
    }

    private void goLiveStuck(LocalDate today) {
        for (TrackedDeployment deployment : tracked.deploymentsNotReady()) {
            int days = WorkingDays.between(LocalDate.ofInstant(deployment.waitingSince(), ENGLAND), today);
            if (days > config.goLiveServiceLevelDays()) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("deploymentId", deployment.deploymentId());
                data.put("supplierOds", deployment.supplierOds());
                data.put("euoOds", deployment.euoOds());
                data.put("workingDays", days);
                remind(GO_LIVE_STUCK, "go-live-stuck:" + deployment.deploymentId(), deployment.deploymentId(), data);
            }
        }
    }

    private void remind(String type, String key, String subject, Map<String, Object> data) {
        UUID id = UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
        notices.notify(new EventEnvelope(EventEnvelope.SPEC_VERSION, id, type, Notices.SELF, subject,
                OffsetDateTime.ofInstant(time.now(), ZoneOffset.UTC), EventEnvelope.JSON, null, json.valueToTree(data)));
    }

    private static String title(String kind) {
        return switch (kind) {
            case "CONNECTION_AGREEMENT" -> "Connection Agreement";
            case "END_USER_POLICY" -> "End User Policy";
            case "DSA" -> "Data Sharing Agreement";
            default -> "Data Sharing Framework Contract";
        };
    }
}
