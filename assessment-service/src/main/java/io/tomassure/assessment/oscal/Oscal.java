package io.tomassure.assessment.oscal;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.f4b6a3.uuid.UuidCreator;

import io.tomassure.assessment.domain.Rag;

/**
 * What the OSCAL documents here share: the OSCAL version they follow, the namespace of our own properties, ids that
 * are the same on every export, OSCAL's rules for strings and tokens, and a non-conformance as an OSCAL risk.
 */
public final class Oscal {

    /** The OSCAL version the documents follow; tests validate them against NIST's JSON schemas of this version. */
    public static final String VERSION = "1.1.2";
    /** The namespace of TOM Assure's own properties: OSCAL props outside NIST's namespace must name theirs. */
    public static final String NS = "urn:tomassure:oscal";
    /** Under which every document's version-5 UUIDs are made (itself a random, fixed UUID). */
    private static final UUID NAMESPACE = UUID.fromString("6f1d52e4-8a63-4f0e-9c3b-2b8e7e5d1a47");
    /** The scheme of an organisation's ODS code (NHS Organisation Data Service). */
    static final String ODS = "https://digital.nhs.uk/services/organisation-data-service";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Oscal() {
    }

    /**
     * The same UUID for the same parts on every export (version 5: OSCAL takes versions 4 and 5 only, so our
     * version-7 ids cannot serve), so an export is reproducible and its parts can be referred to across exports.
     */
    public static UUID uuid(Object... parts) {
        return UuidCreator.getNameBasedSha1(NAMESPACE, Arrays.stream(parts).map(String::valueOf).collect(Collectors.joining("/")));
    }

    /**
     * A requirement id or section code as an OSCAL token (an XML NCName: a letter or '_' first, then letters, digits,
     * '.', '-' and '_'): any other character becomes '-', and a leading non-letter is prefixed with "r-".
     */
    public static String token(String id) {
        String cleaned = id.strip().replaceAll("[^\\p{L}\\p{N}._-]", "-");
        return cleaned.isEmpty() || !(Character.isLetter(cleaned.codePointAt(0)) || cleaned.charAt(0) == '_')
                ? "r-" + cleaned : cleaned;
    }

    /** Text as an OSCAL string (one line, nothing around it), or null when nothing is left. */
    public static String line(String text) {
        if (text == null) {
            return null;
        }
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.isEmpty() ? null : oneLine;
    }

    /** An instant as OSCAL's date-time with time zone. */
    static String timestamp(Instant instant) {
        return instant.toString();
    }

    static ObjectNode object() {
        return JSON.objectNode();
    }

    static ArrayNode array() {
        return JSON.arrayNode();
    }

    /** One of our properties; none when the value is blank (OSCAL's strings may not be empty). */
    static void prop(ArrayNode props, String name, String value) {
        String text = line(value);
        if (text != null) {
            props.add(object().put("name", name).put("ns", NS).put("value", text));
        }
    }

    static void props(ArrayNode props, String name, Collection<String> values) {
        values.stream().sorted().forEach(value -> prop(props, name, value));
    }

    /** Puts {@code field} unless the array is empty: OSCAL's arrays hold one item or more. */
    static void putIfAny(ObjectNode node, String field, ArrayNode items) {
        if (!items.isEmpty()) {
            node.set(field, items);
        }
    }

    /** An organisation by its ODS code, as a party of a document's metadata. */
    static ObjectNode party(String odsCode, String name) {
        ObjectNode party = object().put("uuid", partyUuid(odsCode).toString()).put("type", "organization")
                .put("name", line(name) == null ? odsCode : line(name));
        party.set("external-ids", array().add(object().put("scheme", ODS).put("id", odsCode)));
        return party;
    }

    static UUID partyUuid(String odsCode) {
        return uuid("party", odsCode);
    }

    /** The metadata every document starts with. */
    static ObjectNode metadata(String title, Instant lastModified, String version, ArrayNode props) {
        ObjectNode metadata = object().put("title", line(title)).put("last-modified", timestamp(lastModified))
                .put("version", line(version)).put("oscal-version", VERSION);
        putIfAny(metadata, "props", props);
        return metadata;
    }

    /**
     * A non-conformance as an OSCAL risk: its detail the statement, its RAG rating a property and a facet (rated by
     * the party that answered the row), its mitigation a mitigating factor; open until the row conforms.
     */
    static ObjectNode risk(UUID uuid, String requirementId, String rowTitle, String detail, String mitigation, Rag rag,
            UUID ratedBy) {
        String statement = line(detail) == null ? "Row " + requirementId + " does not conform." : detail.strip();
        ObjectNode risk = object().put("uuid", uuid.toString())
                .put("title", line("Non-conformance of " + requirementId + (line(rowTitle) == null ? "" : ": " + line(rowTitle))))
                .put("description", statement).put("statement", statement);
        ArrayNode props = array();
        prop(props, "requirement-id", requirementId);
        prop(props, "rag", rag == null ? null : rag.name());
        putIfAny(risk, "props", props);
        risk.put("status", "open");
        if (rag != null) {
            ObjectNode origin = object();
            origin.set("actors", array().add(object().put("type", "party").put("actor-uuid", ratedBy.toString())));
            ObjectNode characterization = object();
            characterization.set("origin", origin);
            characterization.set("facets", array().add(object().put("name", "risk").put("system", NS).put("value", rag.name())));
            risk.set("characterizations", array().add(characterization));
        }
        if (line(mitigation) != null) {
            risk.set("mitigating-factors", array().add(object().put("uuid", uuid(uuid, "mitigation").toString())
                    .put("description", mitigation.strip())));
        }
        return risk;
    }
}
