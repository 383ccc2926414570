package io.tomassure.assessment.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Where a phase stands, for the product (1A, 1B) or for a deployment (2). */
@Entity
public class PhaseStatus extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID assessmentId;
    public UUID deploymentId;
    public String phase;
    public String state;
    public int revision;
    /** The revision the phase's latest approval was of; null if it was never approved. */
    public Integer approvedRevision;
    public String reason;
    public Instant updatedAt;
}
