package io.tomassure.approval.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** How a review case ended, bound to the SHA-256 of the revision decided. */
@Entity
public class Decision extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID caseId;
    public String outcome;
    public String detail;
    public String reason;
    public String areas;
    public String contentHash;
    public String decidedBy;
    public Instant decidedAt;
}
