package io.tomassure.notification.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.tomassure.events.assessment.AssessmentEvents;
import io.tomassure.support.jdbc.DataAccessException;

/**
 * Organisations and their recipients, as assessment-service publishes them, in plain JDBC: small rows replaced per
 * event and read by organisation and role on the delivery path, where an entity session would add nothing. Callers
 * bring the transaction.
 */
@ApplicationScoped
public class DirectoryRepository {

    private final DataSource dataSource;

    DirectoryRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records an organisation, or its new kinds. */
    public void saveOrganisation(String odsCode, List<String> kinds) {
        try (Connection c = dataSource.getConnection(); PreparedStatement upsert = c.prepareStatement(
                "insert into organisation (ods_code, kinds) values (?, ?) on conflict (ods_code) do update set kinds = excluded.kinds")) {
            upsert.setString(1, odsCode);
            upsert.setArray(2, c.createArrayOf("text", kinds.toArray()));
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** Replaces an organisation's recipients with {@code contacts}. */
    public void replaceRecipients(String odsCode, List<AssessmentEvents.Contact> contacts) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement delete = c.prepareStatement("delete from recipient where ods_code = ?")) {
                delete.setString(1, odsCode);
                delete.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "insert into recipient (ods_code, role, name, email) values (?, ?, ?, ?) on conflict do nothing")) {
                for (AssessmentEvents.Contact contact : contacts) {
                    insert.setString(1, odsCode);
                    insert.setString(2, contact.role());
                    insert.setString(3, contact.name());
                    insert.setString(4, contact.email());
                    insert.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** Every NHS Digital organisation. */
    public List<String> nhsDigitalOrganisations() {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "select ods_code from organisation where kinds @> array['NHS_DIGITAL'] order by ods_code")) {
            return Jdbc.list(select, rs -> rs.getString(1));
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** The distinct email addresses of an organisation's recipients in any of {@code roles}. */
    public List<String> emails(String odsCode, List<String> roles) {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "select distinct email from recipient where ods_code = ? and role = any(?) order by email")) {
            select.setString(1, odsCode);
            select.setArray(2, c.createArrayOf("text", roles.toArray()));
            return Jdbc.list(select, rs -> rs.getString(1));
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }
}
