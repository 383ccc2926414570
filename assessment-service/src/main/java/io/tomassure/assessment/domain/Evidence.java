package io.tomassure.assessment.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Basic;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A file that backs up an answer; its SHA-256 goes into the submitted revision's content. */
@Entity
public class Evidence extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID responseId;
    public String name;
    public String mediaType;
    public String sha256;
    public long sizeBytes;
    @Basic(fetch = FetchType.LAZY)
    public byte[] content;
    public java.time.LocalDate expiresOn;
    /** What it is, when its row requires a kind ({@link EvidenceKind}); null for any other file. */
    public String kind;
    /** The date it was issued or its assessment made, from which a programme ages its kind. */
    public java.time.LocalDate effectiveOn;
    public String uploadedBy;
    /** The organisation whose storage quota the file counts against: the product's supplier or the deploying EUO. */
    public String ownerOds;
    public Instant uploadedAt;
}
