package io.tomassure.peer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An assessment of a product version against a template, as a plain CRUD service would keep it. */
@Entity
public class Assessment extends PanacheEntityBase {
    @Id
    public UUID id;
    public String supplierOds;
    public UUID productVersionId;
    public UUID templateId;
    public String templateName;
    public String productName;
    public String status;
    public Instant createdAt;
    public Instant updatedAt;
    @OneToMany(mappedBy = "assessment")
    public List<PhaseState> phases = new ArrayList<>();
}
