package io.tomassure.assessment.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.tomassure.assessment.domain.Response;

/**
 * Answers written in plain SQL: the write callers make by the thousand. Through Hibernate an answer took a query for
 * the row's answer in force, one for each phase that could lock it, and a flush; here it is one statement that
 * checks what those queries checked. Nothing is written while a phase the row belongs to is under review, nor over a
 * stored answer that is not at the version the caller quoted. The caller holds the answers' revision lock
 * ({@code Answers.lockForChange}), taken in a statement before this one, so these checks see every committed change.
 * Inside the caller's JTA transaction the pool hands out the transaction's own connection, the one Hibernate uses.
 */
@ApplicationScoped
public class AnswerStore {

    private static final String WRITE = """
            insert into response as r (id, assessment_id, deployment_id, requirement_ref, answer, implementation_ref,
                notes, test_ref, nc_detail, nc_mitigation, nc_risk, reattest, version, updated_by, updated_at)
            select ?, ?, ?::uuid, ?, ?, ?, ?, ?, ?, ?, ?, false, 0, ?, ?::timestamptz
            where not exists (select 1 from phase_status p where p.assessment_id = ?
                and p.deployment_id is not distinct from ?::uuid and p.phase = any (?) and p.state = 'SUBMITTED')
            on conflict (assessment_id, deployment_id, requirement_ref) where retired_by is null do update set
                answer = excluded.answer, implementation_ref = excluded.implementation_ref, notes = excluded.notes,
                test_ref = excluded.test_ref, nc_detail = excluded.nc_detail, nc_mitigation = excluded.nc_mitigation,
                nc_risk = excluded.nc_risk, reattest = false, version = r.version + 1, updated_by = excluded.updated_by,
                updated_at = excluded.updated_at
            where ? or r.version = ?
            returning r.id, r.version, r.score, r.score_comment,
                exists (select 1 from evidence e where e.response_id = r.id)""";

    private final DataSource dataSource;

    AnswerStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores {@code answer} as the row's answer in force, unless one of {@code lockingPhases} (labels) is under review
     * or an answer is stored at another version than {@code expectedVersion} (-1: none is expected) while
     * {@code anyVersion} is false. Returns the row as stored (its id, version and score filled in, and whether
     * evidence is attached to it), or empty when nothing was written.
     */
    @Transactional(TxType.MANDATORY)
    public Optional<Response> write(Response answer, boolean anyVersion, long expectedVersion,
            List<String> lockingPhases) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement write = connection.prepareStatement(WRITE)) {
            int i = 0;
            write.setObject(++i, answer.id);
            write.setObject(++i, answer.assessmentId);
            write.setObject(++i, answer.deploymentId, Types.OTHER);
            write.setString(++i, answer.requirementRef);
            write.setString(++i, answer.answer);
            write.setString(++i, answer.implementationRef);
            write.setString(++i, answer.notes);
            write.setString(++i, answer.testRef);
            write.setString(++i, answer.ncDetail);
            write.setString(++i, answer.ncMitigation);
            write.setString(++i, answer.ncRisk);
            write.setString(++i, answer.updatedBy);
            write.setObject(++i, OffsetDateTime.ofInstant(answer.updatedAt, ZoneOffset.UTC));
            write.setObject(++i, answer.assessmentId);
            write.setObject(++i, answer.deploymentId, Types.OTHER);
            write.setArray(++i, connection.createArrayOf("text", lockingPhases.toArray()));
            write.setBoolean(++i, anyVersion);
            write.setLong(++i, expectedVersion);
            try (ResultSet stored = write.executeQuery()) {
                if (!stored.next()) {
                    return Optional.empty();
                }
                answer.id = stored.getObject(1, UUID.class);
                answer.version = stored.getLong(2);
                answer.score = stored.getString(3);
                answer.scoreComment = stored.getString(4);
                answer.evidenceAttached = stored.getBoolean(5);
                return Optional.of(answer);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the answer to row " + answer.requirementRef, e);
        }
    }
}
