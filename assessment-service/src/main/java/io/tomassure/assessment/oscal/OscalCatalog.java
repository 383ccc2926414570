package io.tomassure.assessment.oscal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tomassure.assessment.domain.RequirementRow;
import io.tomassure.assessment.domain.Template;
import io.tomassure.assessment.domain.TemplateSection;

/**
 * A template version as an OSCAL catalog: each section a group, each requirement row a control whose statement is the
 * row's text and whose properties are its level, type, answering party, phases and allowed answers. Control ids are
 * the requirement ids as OSCAL tokens ({@link Oscal#token}), so assessment results and POA&Ms refer to them.
 */
public final class OscalCatalog {

    private OscalCatalog() {
    }

    public static ObjectNode of(Template template, List<TemplateSection> sections, List<RequirementRow> rows) {
        ArrayNode metadataProps = Oscal.array();
        Oscal.prop(metadataProps, "programme", template.programmeCode);
        Oscal.prop(metadataProps, "template-id", template.id.toString());
        Oscal.prop(metadataProps, "template-status", template.status);
        ObjectNode catalog = Oscal.object().put("uuid", Oscal.uuid("catalog", template.id).toString());
        catalog.set("metadata", Oscal.metadata(template.programmeCode + " TOM template " + template.version,
                template.publishedAt != null ? template.publishedAt : template.createdAt, template.version, metadataProps));

        Map<String, ArrayNode> controlsBySection = new LinkedHashMap<>();
        sections.forEach(section -> controlsBySection.put(section.code, Oscal.array()));
        rows.forEach(row -> controlsBySection.computeIfAbsent(row.sectionCode, code -> Oscal.array()).add(control(row)));
        ArrayNode groups = Oscal.array();
        for (TemplateSection section : sections) {
            ObjectNode group = Oscal.object().put("id", Oscal.token(section.code)).put("class", "tom-section")
                    .put("title", Oscal.line(section.title) == null ? section.code : Oscal.line(section.title));
            ArrayNode props = Oscal.array();
            Oscal.prop(props, "section-kind", section.kind);
            Oscal.putIfAny(group, "props", props);
            Oscal.putIfAny(group, "controls", controlsBySection.get(section.code));
            groups.add(group);
        }
        Oscal.putIfAny(catalog, "groups", groups);
        return Oscal.object().set("catalog", catalog);
    }

    static ObjectNode control(RequirementRow row) {
        String id = Oscal.token(row.ref);
        ObjectNode control = Oscal.object().put("id", id).put("class", "tom-requirement")
                .put("title", Oscal.line(row.title) == null ? row.ref : Oscal.line(row.title));
        ArrayNode props = Oscal.array();
        Oscal.prop(props, "requirement-id", row.ref);
        Oscal.prop(props, "level", row.level);
        Oscal.prop(props, "row-type", row.rowType);
        Oscal.prop(props, "answered-by", row.answeredBy);
        Oscal.props(props, "phase", row.phases == null ? List.of() : row.phases);
        if (row.allowedAnswers != null) {
            row.allowedAnswers.forEach(answer -> Oscal.prop(props, "allowed-answer", answer));
        }
        Oscal.putIfAny(control, "props", props);
        ArrayNode parts = Oscal.array();
        String statement = row.description == null || row.description.isBlank() ? row.title : row.description;
        if (statement != null && !statement.isBlank()) {
            parts.add(Oscal.object().put("id", id + "_smt").put("name", "statement").put("prose", statement.strip()));
        }
        if (row.guidance != null && !row.guidance.isBlank()) {
            parts.add(Oscal.object().put("id", id + "_gdn").put("name", "guidance").put("prose", row.guidance.strip()));
        }
        Oscal.putIfAny(control, "parts", parts);
        return control;
    }
}
