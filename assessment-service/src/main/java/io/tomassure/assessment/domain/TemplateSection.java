package io.tomassure.assessment.domain;

import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A section of a template: a workbook tab (contact log, usage and settings, IG and security, 9.1, ...). */
@Entity
public class TemplateSection extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID templateId;
    public String code;
    public String title;
    public String kind;
    public int ordinal;

    public static List<TemplateSection> of(UUID templateId) {
        return list("templateId = ?1 order by ordinal", templateId);
    }
}
