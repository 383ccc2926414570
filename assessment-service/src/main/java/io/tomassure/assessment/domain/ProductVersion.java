package io.tomassure.assessment.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A version of a product: what an assessment, and a conformance certificate, is about. */
@Entity
public class ProductVersion extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID productId;
    public String version;
    public Instant createdAt;
}
