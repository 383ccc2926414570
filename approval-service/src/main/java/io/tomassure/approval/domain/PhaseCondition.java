package io.tomassure.approval.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A Phase 1A condition that blocks go-live until discharged, with evidence and who discharged it. */
@Entity
public class PhaseCondition extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID caseId;
    public UUID assessmentId;
    public String description;
    public Instant dischargedAt;
    public String dischargedBy;
    public String evidence;
}
