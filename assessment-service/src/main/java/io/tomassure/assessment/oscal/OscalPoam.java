package io.tomassure.assessment.oscal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tomassure.assessment.domain.Rag;

/**
 * A product's open non-conformances as an OSCAL plan of action and milestones: one POA&M item and one risk per
 * Semi-compliant or Non-compliant answer in force, with its detail, RAG rating and mitigation. OSCAL's POA&M holds
 * one item or more, so there is none without an open non-conformance.
 */
public final class OscalPoam {

    private OscalPoam() {
    }

    /** An open non-conformance of the product. */
    public record OpenItem(String requirementId, String answer, String detail, String mitigation, Rag risk) {
    }

    /** The assessment being planned for. */
    public record Subject(UUID assessmentId, String etag, String productName, String productVersion, String supplierOds,
            String supplierName, Instant lastModified) {
    }

    /** @param titles each row's title by requirement id */
    public static ObjectNode of(Subject subject, List<OpenItem> open, Map<String, String> titles) {
        if (open.isEmpty()) {
            throw new IllegalArgumentException("a POA&M holds one item or more");
        }
        ArrayNode metadataProps = Oscal.array();
        Oscal.prop(metadataProps, "assessment-id", subject.assessmentId().toString());
        ObjectNode metadata = Oscal.metadata("Plan of action for " + subject.productName() + " " + subject.productVersion()
                + ": open non-conformances", subject.lastModified(), subject.etag().replace("\"", ""), metadataProps);
        metadata.set("parties", Oscal.array().add(Oscal.party(subject.supplierOds(), subject.supplierName())));
        UUID supplier = Oscal.partyUuid(subject.supplierOds());

        ArrayNode risks = Oscal.array();
        ArrayNode items = Oscal.array();
        for (OpenItem item : open) {
            UUID risk = Oscal.uuid(subject.assessmentId(), "risk", item.requirementId());
            risks.add(Oscal.risk(risk, item.requirementId(), titles.get(item.requirementId()), item.detail(),
                    item.mitigation(), item.risk(), supplier));
            String title = Oscal.line(titles.get(item.requirementId()));
            ObjectNode poamItem = Oscal.object().put("uuid", Oscal.uuid(subject.assessmentId(), "poam-item", item.requirementId()).toString())
                    .put("title", item.requirementId() + (title == null ? "" : ": " + title))
                    .put("description", Oscal.line(item.detail()) == null ? "Answered " + item.answer() : item.detail().strip());
            ArrayNode props = Oscal.array();
            Oscal.prop(props, "requirement-id", item.requirementId());
            Oscal.prop(props, "answer", item.answer());
            Oscal.prop(props, "rag", item.risk() == null ? null : item.risk().name());
            Oscal.putIfAny(poamItem, "props", props);
            poamItem.set("related-risks", Oscal.array().add(Oscal.object().put("risk-uuid", risk.toString())));
            items.add(poamItem);
        }
        ObjectNode poam = Oscal.object().put("uuid", Oscal.uuid("poam", subject.assessmentId(), subject.etag()).toString());
        poam.set("metadata", metadata);
        poam.set("system-id", Oscal.object().put("identifier-type", Oscal.NS + ":assessment")
                .put("id", subject.assessmentId().toString()));
        poam.set("risks", risks);
        poam.set("poam-items", items);
        return Oscal.object().set("plan-of-action-and-milestones", poam);
    }
}
