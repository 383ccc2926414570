package io.tomassure.approval.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A submitted revision of a phase under review; decided once, superseded by a newer revision. */
@Entity
public class ReviewCase extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID submissionId;
    public UUID assessmentId;
    public UUID deploymentId;
    public String phase;
    public int revision;
    public String contentHash;
    public String supplierOds;
    public String euoOds;
    public UUID productId;
    public String productName;
    public String productVersion;
    public String route;
    public int clinicalSafetyLevel;
    public boolean escalationRequired;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> requiredSignOffs;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> nonConformances;
    /** JSON: what the revision changes since the phase's approved revision ({@code RevisionChanges}); null before one. */
    public String sinceApproved;
    /** JSON: the phase's completeness when submitted ({@code Completeness}). */
    public String completeness;
    /** JSON: the revision's non-conformances by RAG risk ({@code NonConformanceSummary}). */
    public String nonConformanceRisk;
    public String igOutcome;
    public String state;
    public Instant openedAt;
    @Version
    public long version;
}
