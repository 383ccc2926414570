package io.tomassure.approval.domain;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * How a row requiring evidence stands, as assessment-service last said: in date when published, until
 * {@code lapsesOn} (null: nothing ends it). The owner is the deployment for an EUO's row, else the assessment.
 */
@Entity
@IdClass(EvidenceStanding.Key.class)
public class EvidenceStanding extends PanacheEntityBase {

    /** The composite key, as JPA wants it: fields named as the entity's ids, equality by value. */
    public static class Key implements Serializable {
        public UUID ownerId;
        public String requirementId;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(ownerId, key.ownerId)
                    && Objects.equals(requirementId, key.requirementId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(ownerId, requirementId);
        }
    }

    @Id
    public UUID ownerId;
    @Id
    public String requirementId;
    public UUID assessmentId;
    public UUID deploymentId;
    public String kind;
    public boolean inDate;
    public LocalDate lapsesOn;
    public String problem;
    public Instant updatedAt;
}
