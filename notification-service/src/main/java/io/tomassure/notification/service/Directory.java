package io.tomassure.notification.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.tomassure.events.assessment.AssessmentEvents;
import io.tomassure.notification.domain.Rule;

/** Who is who: organisations and their contacts by TOM role, as assessment-service publishes them. */
@ApplicationScoped
public class Directory {

    private final DataSource dataSource;

    Directory(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void registered(AssessmentEvents.OrganisationRegistered o) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement upsert = c.prepareStatement(
                "insert into organisation (ods_code, kinds) values (?, ?) on conflict (ods_code) do update set kinds = excluded.kinds")) {
            upsert.setString(1, o.odsCode());
            upsert.setArray(2, c.createArrayOf("text", o.kinds().toArray()));
            upsert.executeUpdate();
        }
    }

    /** Replaces an organisation's recipients with its new contact log (people without an email cannot be told). */
    public void contactsChanged(AssessmentEvents.ContactsChanged changed) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement delete = c.prepareStatement("delete from recipient where ods_code = ?")) {
                delete.setString(1, changed.odsCode());
                delete.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "insert into recipient (ods_code, role, name, email) values (?, ?, ?, ?) on conflict do nothing")) {
                for (AssessmentEvents.Contact contact : changed.contacts()) {
                    if (contact.email() == null || contact.email().isBlank()) {
                        continue;
                    }
                    insert.setString(1, changed.odsCode());
                    insert.setString(2, contact.role());
                    insert.setString(3, contact.name());
                    insert.setString(4, contact.email());
                    insert.executeUpdate();
                }
            }
        }
    }

    /**
     * The organisations a rule's target names in this event's data: one, or several where the field is a list (the
     * EUOs deploying an uplifted assessment). NHS Digital: every NHS Digital organisation.
     */
    public List<String> organisations(Rule.Party party, JsonNode data) throws SQLException {
        if (party.field() != null) {
            JsonNode value = data == null ? null : data.get(party.field());
            if (value == null || value.isNull()) {
                return List.of();
            }
            List<String> named = new ArrayList<>();
            (value.isArray() ? value : List.of(value)).forEach(v -> named.add(v.asText()));
            return named;
        }
        return strings("select ods_code from organisation where kinds @> array['NHS_DIGITAL'] order by ods_code");
    }

    public List<String> emails(String odsCode, List<String> roles) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "select distinct email from recipient where ods_code = ? and role = any(?) order by email")) {
            select.setString(1, odsCode);
            select.setArray(2, c.createArrayOf("text", roles.toArray()));
            return read(select);
        }
    }

    private List<String> strings(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql)) {
            return read(select);
        }
    }

    private static List<String> read(PreparedStatement select) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
