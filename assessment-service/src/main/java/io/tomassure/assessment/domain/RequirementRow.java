package io.tomassure.assessment.domain;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A requirement row of a template, as stored; {@link #toRequirement} gives the rules' view of it. */
@Entity
@Table(name = "requirement")
public class RequirementRow extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID templateId;
    public String ref;
    public String sectionCode;
    public String title;
    public String description;
    public String guidance;
    public String level;
    public String rowType;
    public String answeredBy;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> phases;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> allowedAnswers;
    public String answerKind;
    /** The kind of evidence the row requires ({@link EvidenceKind}), or null. */
    public String evidenceKind;
    public int ordinal;

    public static List<RequirementRow> of(UUID templateId) {
        return list("templateId = ?1 order by ordinal", templateId);
    }

    public Requirement toRequirement(SectionKind sectionKind) {
        Set<Phase> phaseSet = EnumSet.noneOf(Phase.class);
        phases.forEach(p -> phaseSet.add(Phase.fromLabel(p)));
        return new Requirement(ref, sectionCode, sectionKind, level == null ? null : Level.valueOf(level),
                RowType.valueOf(rowType), Party.valueOf(answeredBy), phaseSet, AnswerKind.valueOf(answerKind), allowedAnswers);
    }
}
