package io.tomassure.assessment.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;

import org.hibernate.annotations.SQLRestriction;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An answer to a requirement row: the product's (no deployment) or a deployment's own. */
@Entity
@SQLRestriction("retired_by is null") // answers set aside by an uplift are kept, out of every query of answers in force
public class Response extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID assessmentId;
    public UUID deploymentId;
    public String requirementRef;
    public String answer;
    public String implementationRef;
    public String notes;
    public String testRef;
    public String ncDetail;
    public String ncMitigation;
    public String ncRisk;
    public String score;
    public String scoreComment;
    /** Carried by a template uplift to a row that changed: the answerer confirms or changes it before submitting. */
    public boolean reattest;
    /** The uplift that set this answer aside (its row was removed, or another party answers it now); null in force. */
    public UUID retiredBy;
    @Version
    public long version;
    public String updatedBy;
    public Instant updatedAt;
    /**
     * Whether the row had evidence when {@code AnswerStore} wrote it; null when not read. FALSE spares the answer's
     * reply its query for the row's evidence.
     */
    @Transient
    public Boolean evidenceAttached;

    public Answer toAnswer() {
        return new Answer(requirementRef, answer, ncDetail, ncMitigation, ncRisk == null ? null : Rag.valueOf(ncRisk),
                reattest);
    }
}
