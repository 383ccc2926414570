package io.tomassure.peer;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One requirement row's answer. The table and key are named, because the benchmark seeds them in SQL. No version:
 * the last writer wins, as in most CRUD services, so that two answers to one row never fail the load.
 */
@Entity
@Table(name = "answer", uniqueConstraints = @UniqueConstraint(columnNames = { "assessment_id", "requirement_id" }))
public class Answer extends PanacheEntityBase {
    @Id
    @GeneratedValue
    public UUID id;
    @ManyToOne(fetch = FetchType.LAZY)
    @JsonIgnore
    public Assessment assessment;
    @Column(name = "requirement_id")
    public String requirementId;
    public String answer;
    public String notes;
    public String answeredBy;
    public Instant answeredAt;
}
