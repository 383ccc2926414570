package io.tomassure.approval.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The EUO's local acceptance of a non-conformance's risk. */
@Entity
public class NcAcceptance extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID deploymentId;
    public String requirementId;
    public String comment;
    public String acceptedBy;
    public Instant acceptedAt;
}
