package io.tomassure.assessment.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A product assessment deployed by an end-user organisation, with its local context and own answers. */
@Entity
public class Deployment extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID assessmentId;
    public String euoOds;
    public boolean firstOfType;
    public String topology;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> endpoints;
    public String localChanges;
    public boolean affectsOtherOrganisations;
    @Version
    public long version;
    /** Bumped by the database on every change to the deployment's answers and Phase 2 state; read-only here. */
    @Column(insertable = false, updatable = false)
    public long answersRevision;
    public Instant createdAt;
}
