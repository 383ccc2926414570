package io.tomassure.approval.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** What this service knows of an assessment: the product version it is about. */
@Entity
public class AssessmentRef extends PanacheEntityBase {

    @Id
    public UUID assessmentId;
    public UUID productId;
    public String productVersion;
    public String supplierOds;
    /** Its programme's code (null when only a submission has been seen). */
    public String programme;
    public Instant updatedAt;
}
