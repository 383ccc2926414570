package io.tomassure.approval.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A clinical-safety escalation to NHS Digital (level 4 or 5) that must be resolved before go-live. */
@Entity
public class Escalation extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID assessmentId;
    public UUID deploymentId;
    public int level;
    public String reason;
    public Instant raisedAt;
    public Instant resolvedAt;
    public String resolvedBy;
    public String resolution;
}
