package io.tomassure.notification.repository;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.tomassure.support.jdbc.DataAccessException;

/**
 * What reminders watch (the tracked_* tables), in plain JDBC: small rows written once per event, flagged by id and
 * read whole once a day, where an entity session would add nothing. Callers bring the transaction. The rows read back
 * keep their ids as text, as reminders only put them in their keys and data.
 */
@ApplicationScoped
public class ReminderRepository {

    public record TrackedAgreement(String agreementId, String kind, String odsCode, LocalDate expiresOn) {
    }

    public record TrackedCase(String caseId, String phase, String supplierOds, String euoOds, Instant openedAt,
            String deploymentId) {
    }

    /** Evidence to renew; {@code euoOds} is set for a deployment's own evidence. */
    public record TrackedEvidence(String evidenceId, String requirementId, String name, String supplierOds, String euoOds,
            LocalDate expiresOn) {
    }

    /** A row requiring evidence, in date through {@code lapsesOn}; {@code euoOds} is set for a deployment's own row. */
    public record TrackedRequiredEvidence(String ownerId, String requirementId, String kind, String supplierOds,
            String euoOds, LocalDate lapsesOn) {
    }

    public record TrackedDeployment(String deploymentId, String supplierOds, String euoOds, Instant waitingSince) {
    }

    private final DataSource dataSource;

    ReminderRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void trackAgreement(UUID agreementId, String kind, String odsCode, LocalDate expiresOn) {
        execute("insert into tracked_agreement (agreement_id, kind, ods_code, expires_on) values (?, ?, ?, ?) "
                + "on conflict do nothing", agreementId, kind, odsCode, Date.valueOf(expiresOn));
    }

    public void trackCase(UUID caseId, UUID deploymentId, String phase, String supplierOds, String euoOds,
            Instant openedAt) {
        execute("insert into tracked_case (case_id, deployment_id, phase, supplier_ods, euo_ods, opened_at) "
                + "values (?, ?, ?, ?, ?, ?) on conflict do nothing", caseId, deploymentId, phase, supplierOds, euoOds,
                Timestamp.from(openedAt));
    }

    public void caseDecided(UUID caseId) {
        execute("update tracked_case set decided = true where case_id = ?", caseId);
    }

    public void trackEvidence(UUID evidenceId, String requirementId, String name, String supplierOds, String euoOds,
            LocalDate expiresOn) {
        execute("insert into tracked_evidence (evidence_id, requirement_id, name, supplier_ods, euo_ods, expires_on) "
                + "values (?, ?, ?, ?, ?, ?) on conflict do nothing", evidenceId, requirementId, name, supplierOds,
                euoOds, Date.valueOf(expiresOn));
    }

    /** A row's evidence now in date through {@code lapsesOn}, or (null) nothing to remind of. */
    public void trackRequiredEvidence(UUID ownerId, String requirementId, String kind, String supplierOds, String euoOds,
            LocalDate lapsesOn) {
        if (lapsesOn == null) {
            execute("delete from tracked_required_evidence where owner_id = ? and requirement_id = ?", ownerId, requirementId);
            return;
        }
        execute("""
                insert into tracked_required_evidence (owner_id, requirement_id, kind, supplier_ods, euo_ods, lapses_on)
                values (?, ?, ?, ?, ?, ?) on conflict (owner_id, requirement_id)
                do update set kind = excluded.kind, lapses_on = excluded.lapses_on""",
                ownerId, requirementId, kind, supplierOds, euoOds, Date.valueOf(lapsesOn));
    }

    /** A deployment waiting for its go-live gate since {@code waitingSince}. */
    public void trackDeployment(UUID deploymentId, String supplierOds, String euoOds, Instant waitingSince) {
        execute("insert into tracked_deployment (deployment_id, supplier_ods, euo_ods, waiting_since) values (?, ?, ?, ?) "
                + "on conflict do nothing", deploymentId, supplierOds, euoOds, Timestamp.from(waitingSince));
    }

    /** The deployment's gate opened; tracked from {@code waitingSince} if it was not yet. */
    public void deploymentReady(UUID deploymentId, String supplierOds, String euoOds, Instant waitingSince) {
        execute("insert into tracked_deployment (deployment_id, supplier_ods, euo_ods, waiting_since, ready) "
                + "values (?, ?, ?, ?, true) on conflict (deployment_id) do update set ready = true",
                deploymentId, supplierOds, euoOds, Timestamp.from(waitingSince));
    }

    /** Agreements expiring from {@code from} to {@code to}, both included. */
    public List<TrackedAgreement> agreementsExpiring(LocalDate from, LocalDate to) {
        return between("select agreement_id, kind, ods_code, expires_on from tracked_agreement where expires_on between ? and ?",
                from, to, rs -> new TrackedAgreement(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class)));
    }

    public List<TrackedCase> undecidedCases() {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "select case_id, phase, supplier_ods, euo_ods, opened_at, deployment_id from tracked_case where not decided")) {
            return Jdbc.list(select, rs -> new TrackedCase(rs.getString(1), rs.getString(2), rs.getString(3),
                    rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getString(6)));
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** Evidence expiring from {@code from} to {@code to}, both included. */
    public List<TrackedEvidence> evidenceExpiring(LocalDate from, LocalDate to) {
        return between("""
                select evidence_id, requirement_id, name, supplier_ods, euo_ods, expires_on from tracked_evidence
                where expires_on between ? and ?""", from, to, rs -> new TrackedEvidence(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getObject(6, LocalDate.class)));
    }

    /** Required evidence going out of date from {@code from} to {@code to}, both included. */
    public List<TrackedRequiredEvidence> requiredEvidenceLapsing(LocalDate from, LocalDate to) {
        return between("""
                select owner_id, requirement_id, kind, supplier_ods, euo_ods, lapses_on from tracked_required_evidence
                where lapses_on between ? and ?""", from, to, rs -> new TrackedRequiredEvidence(rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getObject(6, LocalDate.class)));
    }

    /** The rows of a query whose two parameters are the first and last day of a period. */
    private <T> List<T> between(String sql, LocalDate from, LocalDate to, Jdbc.Row<T> row) {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql)) {
            select.setDate(1, Date.valueOf(from));
            select.setDate(2, Date.valueOf(to));
            return Jdbc.list(select, row);
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** Deployments whose go-live gate has not opened. */
    public List<TrackedDeployment> deploymentsNotReady() {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "select deployment_id, supplier_ods, euo_ods, waiting_since from tracked_deployment where not ready")) {
            return Jdbc.list(select, rs -> new TrackedDeployment(rs.getString(1), rs.getString(2), rs.getString(3),
                    rs.getTimestamp(4).toInstant()));
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    private void execute(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }
}
