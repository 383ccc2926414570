package io.tomassure.audit.repository;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.tomassure.events.approval.ApprovalEvents;
import io.tomassure.events.assessment.AssessmentEvents;

/**
 * NHS Digital's completeness audit of submitted TOMs: each submission's completeness, missing rows and open
 * non-conformances, and whether it has been audited. Fed by events; each update is idempotent.
 */
@ApplicationScoped
public class CompletenessStore {

    /** One submitted TOM as the audit sees it. */
    public record Item(UUID submissionId, UUID assessmentId, UUID deploymentId, String supplierOds, String euoOds,
            String phase, int revision, String contentHash, String route, int answered, int required, int missingRows,
            List<String> nonConformances, List<String> openNonConformances, String state, Instant submittedAt,
            Instant auditedAt, String auditedBy, String notes) {
    }

    private final DataSource dataSource;

    CompletenessStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void submitted(AssessmentEvents.PhaseSubmitted s, Instant at) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement("""
                insert into completeness_audit (submission_id, assessment_id, deployment_id, supplier_ods, euo_ods, phase,
                    revision, content_hash, route, answered, required, non_conformances, state, submitted_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'DUE', ?) on conflict do nothing""")) {
            insert.setObject(1, s.submissionId());
            insert.setObject(2, s.assessmentId());
            insert.setObject(3, s.deploymentId());
            insert.setString(4, s.supplierOds());
            insert.setString(5, s.euoOds());
            insert.setString(6, s.phase());
            insert.setInt(7, s.revision());
            insert.setString(8, s.contentHash());
            insert.setString(9, s.route());
            insert.setInt(10, s.completeness().answered());
            insert.setInt(11, s.completeness().required());
            insert.setArray(12, c.createArrayOf("text", s.nonConformances().requirementIds().toArray()));
            insert.setTimestamp(13, Timestamp.from(at));
            insert.executeUpdate();
        }
    }

    /** NHS Digital acknowledged a non-conformance: it is no longer open in that assessment's submissions. */
    public void reviewed(ApprovalEvents.NonConformanceReviewed r) throws SQLException {
        if (!"ACKNOWLEDGED".equals(r.review())) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement("""
                update completeness_audit set acknowledged = array_append(acknowledged, ?)
                where assessment_id = ? and not (acknowledged @> array[?]::text[])""")) {
            update.setString(1, r.requirementId());
            update.setObject(2, r.assessmentId());
            update.setString(3, r.requirementId());
            update.executeUpdate();
        }
    }

    public boolean audited(UUID submissionId, String by, String notes) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(
                "update completeness_audit set state = 'AUDITED', audited_at = now(), audited_by = ?, notes = ? "
                        + "where submission_id = ?")) {
            update.setString(1, by);
            update.setString(2, notes);
            update.setObject(3, submissionId);
            return update.executeUpdate() == 1;
        }
    }

    /** The report: TOMs by state (null: all), oldest first; {@code visibleTo} limits it to one organisation. */
    public List<Item> report(String state, String visibleTo) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement("""
                select submission_id, assessment_id, deployment_id, supplier_ods, euo_ods, phase, revision, content_hash,
                       route, answered, required, non_conformances, acknowledged, state, submitted_at, audited_at, audited_by,
                       notes
                from completeness_audit
                where (cast(? as text) is null or state = ?) and (cast(? as text) is null or supplier_ods = ? or euo_ods = ?)
                order by submitted_at, submission_id""")) {
            select.setString(1, state);
            select.setString(2, state);
            select.setString(3, visibleTo);
            select.setString(4, visibleTo);
            select.setString(5, visibleTo);
            List<Item> items = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    List<String> ncs = strings(rs.getArray(12));
                    List<String> acknowledged = strings(rs.getArray(13));
                    items.add(new Item(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7), rs.getString(8), rs.getString(9),
                            rs.getInt(10), rs.getInt(11), rs.getInt(11) - rs.getInt(10), ncs,
                            ncs.stream().filter(nc -> !acknowledged.contains(nc)).toList(), rs.getString(14),
                            rs.getTimestamp(15).toInstant(), rs.getTimestamp(16) == null ? null : rs.getTimestamp(16).toInstant(),
                            rs.getString(17), rs.getString(18)));
                }
            }
            return items;
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }
}
