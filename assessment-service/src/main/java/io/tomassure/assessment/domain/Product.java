package io.tomassure.assessment.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A supplier's consuming application. */
@Entity
public class Product extends PanacheEntityBase {

    @Id
    public UUID id;
    public String supplierOds;
    public String name;
    public Instant createdAt;
}
