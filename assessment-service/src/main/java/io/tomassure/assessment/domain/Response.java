package io.tomassure.assessment.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An answer to a requirement row: the product's (no deployment) or a deployment's own. */
@Entity
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
    @Version
    public long version;
    public String updatedBy;
    public Instant updatedAt;

    public Answer toAnswer() {
        return new Answer(requirementRef, answer, ncDetail, ncMitigation, ncRisk == null ? null : Rag.valueOf(ncRisk));
    }
}
