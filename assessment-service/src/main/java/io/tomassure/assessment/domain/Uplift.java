package io.tomassure.assessment.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * An assessment's move to a newer template version of its programme, with the delta report it returned, the ids it
 * changed and the rows whose requirement it changed (for the next submissions' deltas).
 */
@Entity
@Immutable
public class Uplift extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID assessmentId;
    public UUID fromTemplateId;
    public UUID toTemplateId;
    /** JSON: the delta report. */
    public String report;
    /** JSON: the requirement ids it changed, old to new. */
    public String renamed;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> requirementsChanged;
    public String upliftedBy;
    public Instant upliftedAt;

    /** The assessment's uplifts after {@code since}, oldest first. */
    public static List<Uplift> since(UUID assessmentId, Instant since) {
        return list("assessmentId = ?1 and upliftedAt > ?2 order by upliftedAt", assessmentId, since);
    }
}
