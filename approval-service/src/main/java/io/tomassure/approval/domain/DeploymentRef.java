package io.tomassure.approval.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** What this service knows of a deployment. */
@Entity
public class DeploymentRef extends PanacheEntityBase {

    @Id
    public UUID deploymentId;
    public UUID assessmentId;
    public String supplierOds;
    public String euoOds;
    public Instant createdAt;
}
