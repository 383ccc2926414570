package io.tomassure.approval.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A conformance certificate: valid for the product version named on it. */
@Entity
public class Certificate extends PanacheEntityBase {

    @Id
    public String number;
    public UUID caseId;
    public UUID productId;
    public String productVersion;
    public String issuedBy;
    public Instant issuedAt;
}
