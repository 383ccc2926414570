package io.tomassure.assessment.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import org.hibernate.annotations.Immutable;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An immutable submitted revision of a phase: canonical content and its SHA-256. */
@Entity
@Immutable
public class Submission extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID assessmentId;
    public UUID deploymentId;
    public String phase;
    public int revision;
    public String contentHash;
    public String content;
    public String route;
    /** What changed since the revision last approved ({@code RevisionDelta}, JSON); null without one. */
    public String changes;
    public String submittedBy;
    public Instant submittedAt;
}
