package io.tomassure.peer;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Where one phase of an assessment stands. */
@Entity
public class PhaseState extends PanacheEntityBase {
    @Id
    @GeneratedValue
    public Long id;
    @ManyToOne
    @JsonIgnore
    public Assessment assessment;
    public String phase;
    public String status;
    public Instant decidedAt;
}
