package io.tomassure.notification.service;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.tomassure.events.EventEnvelope;
import io.tomassure.events.approval.ApprovalEvents;
import io.tomassure.events.assessment.AssessmentEvents;
import io.tomassure.notification.domain.WorkingDays;
import io.tomassure.support.time.TimeSource;

/**
 * Reminders, on the clock rather than on an event: agreements and evidence about to expire, reviews waiting longer
 * than their service level, deployments whose go-live gate stays closed long after Phase 2 was submitted. Each
 * reminder is a notice with an id derived from what it is about, so it goes out once.
 */
@ApplicationScoped
public class Reminders {

    public static final String AGREEMENT_EXPIRING = "tom.notification.reminder.agreement-expiring";
    public static final String REVIEW_OVERDUE = "tom.notification.reminder.review-overdue";
    public static final String EVIDENCE_EXPIRING = "tom.notification.reminder.evidence-expiring";
    public static final String GO_LIVE_STUCK = "tom.notification.reminder.go-live-stuck";
    private static final ZoneId ENGLAND = ZoneId.of("Europe/London");

    private final DataSource dataSource;
    private final Notices notices;
    private final TimeSource time;
    private final int expiryWarningDays;
    private final int reviewServiceLevelDays;
    private final int goLiveServiceLevelDays;
    private final ObjectMapper json = new ObjectMapper();

    Reminders(DataSource dataSource, Notices notices, TimeSource time,
            @ConfigProperty(name = "tom.notification.agreement-warning-days", defaultValue = "30") int expiryWarningDays,
            @ConfigProperty(name = "tom.notification.review-service-level-days", defaultValue = "5") int reviewServiceLevelDays,
            @ConfigProperty(name = "tom.notification.go-live-service-level-days", defaultValue = "10") int goLiveServiceLevelDays) {
        this.dataSource = dataSource;
        this.notices = notices;
        this.time = time;
        this.expiryWarningDays = expiryWarningDays;
        this.reviewServiceLevelDays = reviewServiceLevelDays;
        this.goLiveServiceLevelDays = goLiveServiceLevelDays;
    }

    /** What reminders watch, from the events that start and end it (in the consumer's transaction). */
    public void track(EventEnvelope event) throws SQLException {
        if (ApprovalEvents.AGREEMENT_SIGNED.name().equals(event.type())) {
            var signed = event.dataAs(ApprovalEvents.AGREEMENT_SIGNED);
            if (signed.expiresOn() != null) {
                execute("insert into tracked_agreement (agreement_id, kind, ods_code, expires_on) values (?, ?, ?, ?) "
                        + "on conflict do nothing", signed.agreementId(), signed.kind(), signed.organisation(),
                        Date.valueOf(signed.expiresOn()));
            }
        } else if (ApprovalEvents.CASE_OPENED.name().equals(event.type())) {
            var opened = event.dataAs(ApprovalEvents.CASE_OPENED);
            execute("insert into tracked_case (case_id, deployment_id, phase, supplier_ods, euo_ods, opened_at) "
                    + "values (?, ?, ?, ?, ?, ?) on conflict do nothing", opened.caseId(), opened.deploymentId(), opened.phase(),
                    opened.supplierOds(), opened.euoOds(), Timestamp.from(event.time().toInstant()));
        } else if (ApprovalEvents.PHASE_DECIDED.name().equals(event.type())) {
            execute("update tracked_case set decided = true where case_id = ?", event.dataAs(ApprovalEvents.PHASE_DECIDED).caseId());
        } else if (AssessmentEvents.EVIDENCE_ADDED.name().equals(event.type())) {
            var added = event.dataAs(AssessmentEvents.EVIDENCE_ADDED);
            if (added.expiresOn() != null) {
                execute("insert into tracked_evidence (evidence_id, requirement_id, name, supplier_ods, euo_ods, expires_on) "
                        + "values (?, ?, ?, ?, ?, ?) on conflict do nothing", added.evidenceId(), added.requirementId(),
                        added.name(), added.supplierOds(), added.euoOds(), Date.valueOf(added.expiresOn()));
            }
        } else if (AssessmentEvents.PHASE_SUBMITTED.name().equals(event.type())) {
            var submitted = event.dataAs(AssessmentEvents.PHASE_SUBMITTED);
            if (submitted.deploymentId() != null) {
                execute("insert into tracked_deployment (deployment_id, supplier_ods, euo_ods, waiting_since) values (?, ?, ?, ?) "
                        + "on conflict do nothing", submitted.deploymentId(), submitted.supplierOds(), submitted.euoOds(),
                        Timestamp.from(event.time().toInstant()));
            }
        } else if (ApprovalEvents.GO_LIVE_READY.name().equals(event.type())) {
            // The two topics are not ordered: the gate may open before the submission is seen here.
            var ready = event.dataAs(ApprovalEvents.GO_LIVE_READY);
            execute("insert into tracked_deployment (deployment_id, supplier_ods, euo_ods, waiting_since, ready) "
                    + "values (?, ?, ?, ?, true) on conflict (deployment_id) do update set ready = true",
                    ready.deploymentId(), ready.supplierOds(), ready.euoOds(), Timestamp.from(event.time().toInstant()));
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
            try {
                agreementsExpiring(today);
                evidenceExpiring(today);
                reviewsOverdue(today);
                goLiveStuck(today);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private void agreementsExpiring(LocalDate today) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "select agreement_id, kind, ods_code, expires_on from tracked_agreement where expires_on between ? and ?")) {
            select.setDate(1, Date.valueOf(today));
            select.setDate(2, Date.valueOf(today.plusDays(expiryWarningDays)));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String kind = rs.getString(2);
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("agreementId", rs.getString(1));
                    data.put("kind", kind);
                    data.put("title", title(kind));
                    data.put("expiresOn", rs.getDate(4).toString());
                    data.put("CONNECTION_AGREEMENT".equals(kind) ? "supplierOds" : "euoOds", rs.getString(3));
                    remind(AGREEMENT_EXPIRING, "agreement-expiring:" + rs.getString(1) + ":" + rs.getDate(4), rs.getString(3), data);
                }
            }
        }
    }

    private void reviewsOverdue(LocalDate today) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "select case_id, phase, supplier_ods, euo_ods, opened_at, deployment_id from tracked_case where not decided")) {
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    int days = WorkingDays.between(LocalDate.ofInstant(rs.getTimestamp(5).toInstant(), ENGLAND), today);
                    if (days > reviewServiceLevelDays) {
                        Map<String, Object> data = new LinkedHashMap<>();
                        data.put("caseId", rs.getString(1));
                        data.put("deploymentId", rs.getString(6));
                        data.put("phase", rs.getString(2));
                        data.put("supplierOds", rs.getString(3));
                        data.put("euoOds", rs.getString(4));
                        data.put("workingDays", days);
                        remind(REVIEW_OVERDUE, "review-overdue:" + rs.getString(1), rs.getString(1), data);
                    }
                }
            }
        }
    }

    private void evidenceExpiring(LocalDate today) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement("""
                select evidence_id, requirement_id, name, supplier_ods, euo_ods, expires_on from tracked_evidence
                where expires_on between ? and ?""")) {
            select.setDate(1, Date.valueOf(today));
            select.setDate(2, Date.valueOf(today.plusDays(expiryWarningDays)));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("evidenceId", rs.getString(1));
                    data.put("requirementId", rs.getString(2));
                    data.put("name", rs.getString(3));
                    data.put("expiresOn", rs.getDate(6).toString());
                    // The party that answers the row renews its evidence: the EUO for a deployment's own.
                    data.put(rs.getString(5) == null ? "supplierOds" : "euoOds", rs.getString(5) == null ? rs.getString(4) : rs.getString(5));
                    remind(EVIDENCE_EXPIRING, "evidence-expiring:" + rs.getString(1), rs.getString(1), data);
                }
            }
        }
    }

    private void goLiveStuck(LocalDate today) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "select deployment_id, supplier_ods, euo_ods, waiting_since from tracked_deployment where not ready")) {
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    int days = WorkingDays.between(LocalDate.ofInstant(rs.getTimestamp(4).toInstant(), ENGLAND), today);
                    if (days > goLiveServiceLevelDays) {
                        Map<String, Object> data = new LinkedHashMap<>();
                        data.put("deploymentId", rs.getString(1));
                        data.put("supplierOds", rs.getString(2));
                        data.put("euoOds", rs.getString(3));
                        data.put("workingDays", days);
                        remind(GO_LIVE_STUCK, "go-live-stuck:" + rs.getString(1), rs.getString(1), data);
                    }
                }
            }
        }
    }

    private void remind(String type, String key, String subject, Map<String, Object> data) throws SQLException {
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

    private void execute(String sql, Object... parameters) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
