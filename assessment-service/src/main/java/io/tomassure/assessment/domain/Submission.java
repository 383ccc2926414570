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

    /** SHA-256 of the content in RFC 8785's canonical form (JCS): what any party can recompute with a standard tool. */
    public static final String JCS = "sha-256/jcs";
    /**
     * SHA-256 of Jackson's output with sorted keys and nulls dropped: revisions hashed before JCS keep it, and their
     * stored content is still exactly the bytes hashed.
     */
    public static final String SORTED_JSON = "sha-256/sorted-json";

    @Id
    public UUID id;
    public UUID assessmentId;
    public UUID deploymentId;
    public String phase;
    public int revision;
    public String contentHash;
    /** How {@link #content} was written before it was hashed: {@link #JCS}, or {@link #SORTED_JSON} for old revisions. */
    public String hashAlgorithm;
    /** The exact text hashed (its UTF-8 bytes). */
    public String content;
    public String route;
    /** What changed since the revision last approved ({@code RevisionDelta}, JSON); null without one. */
    public String changes;
    public String submittedBy;
    public Instant submittedAt;
}
