package io.tomassure.approval.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A signed agreement: per product (Connection Agreement) or per deployment. */
@Entity
public class Agreement extends PanacheEntityBase {

    @Id
    public UUID id;
    public String kind;
    public UUID productId;
    public UUID deploymentId;
    public String organisation;
    public String signatory;
    public String signatoryRole;
    public LocalDate signedOn;
    public String documentVersion;
    public LocalDate expiresOn;
    public String recordedBy;
    public Instant recordedAt;
}
