package io.tomassure.approval.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The gate's last known state for a deployment: a change of it is an event. */
@Entity
public class Gate extends PanacheEntityBase {

    @Id
    public UUID deploymentId;
    public boolean open;
    public boolean live;
    public boolean suspended;
    public String suspensionReason;
    public Instant updatedAt;
    @Version
    public long version;
}
