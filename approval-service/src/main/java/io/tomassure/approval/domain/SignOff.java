package io.tomassure.approval.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A sign-off that the derived outcomes require, recorded by the right role. */
@Entity
public class SignOff extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID deploymentId;
    public String kind;
    public String signedBy;
    public Instant signedAt;
}
