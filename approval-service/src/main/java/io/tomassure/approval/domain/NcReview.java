package io.tomassure.approval.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** NHS Digital's central review of a non-conformance. */
@Entity
public class NcReview extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID assessmentId;
    public String requirementId;
    public String review;
    public String comment;
    public String reviewedBy;
    public Instant reviewedAt;
}
