package io.tomassure.assessment.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A version of a programme's TOM: a catalogue of sections and requirement rows. Immutable once published. */
@Entity
public class Template extends PanacheEntityBase {

    public enum Status {
        DRAFT, PUBLISHED
    }

    @Id
    public UUID id;
    public String programmeCode;
    public String version;
    public String status;
    public Instant publishedAt;
    public Instant createdAt;

    public boolean isPublished() {
        return Status.PUBLISHED.name().equals(status);
    }
}
