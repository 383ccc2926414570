package io.tomassure.assessment.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The TOM of one product version against one template version, with the product facts the rules need. */
@Entity
public class Assessment extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID productVersionId;
    public UUID templateId;
    public String supplierOds;
    public boolean medicalDevice;
    public boolean updatesSpine;
    public boolean clinicalSafetyRelated;
    public boolean changesLocalSystems;
    /** The API sections that apply to the product ({@link SectionScope}); null: every section. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> scope;
    @Version
    public long version;
    /**
     * Bumped by the database on every change to the product's answers and phase states ({@code Answers.revise});
     * read-only here, so that it never makes the assessment's own version move.
     */
    @Column(insertable = false, updatable = false)
    public long answersRevision;
    public Instant createdAt;
}
