package io.tomassure.assessment.domain;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A national API programme (e-RS APIs, SMSP/PDS, ...) whose TOM templates are versioned. */
@Entity
public class Programme extends PanacheEntityBase {

    @Id
    public String code;
    public String name;
    public Instant createdAt;
}
