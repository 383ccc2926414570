package io.tomassure.audit.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Which entries a query, stream or export wants; {@code visibleTo} (an ODS code) restricts a supplier or EUO to
 * entries about its own organisation, whatever else it asks for.
 */
public record EntryFilter(String organisation, UUID assessmentId, UUID deploymentId, String type, String actor,
        Instant from, Instant to, String visibleTo) {

    /** Every entry {@code visibleTo} may see. */
    public static EntryFilter visibleTo(String visibleTo) {
        return new EntryFilter(null, null, null, null, null, null, null, visibleTo);
    }

    /** The SQL condition and its parameters, in order. */
    public record Sql(String where, List<Object> parameters) {
    }

    public Sql sql(long afterSeq) {
        StringBuilder where = new StringBuilder("seq > ?");
        List<Object> parameters = new ArrayList<>(List.of(afterSeq));
        if (organisation != null) {
            where.append(" and organisations @> array[?]::text[]");
            parameters.add(organisation);
        }
        if (visibleTo != null) {
            where.append(" and organisations @> array[?]::text[]");
            parameters.add(visibleTo);
        }
        if (assessmentId != null) {
            where.append(" and assessment_id = ?");
            parameters.add(assessmentId);
        }
        if (deploymentId != null) {
            where.append(" and deployment_id = ?");
            parameters.add(deploymentId);
        }
        if (type != null) {
            where.append(" and type = ?");
            parameters.add(type);
        }
        if (actor != null) {
            where.append(" and actor = ?");
            parameters.add(actor);
        }
        if (from != null) {
            where.append(" and recorded_at >= ?");
            parameters.add(java.sql.Timestamp.from(from));
        }
        if (to != null) {
            where.append(" and recorded_at < ?");
            parameters.add(java.sql.Timestamp.from(to));
        }
        return new Sql(where.toString(), parameters);
    }

    public boolean filtered() {
        return organisation != null || assessmentId != null || deploymentId != null || type != null || actor != null
                || from != null || to != null || visibleTo != null;
    }
}
