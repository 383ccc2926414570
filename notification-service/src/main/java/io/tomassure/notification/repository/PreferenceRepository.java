package io.tomassure.notification.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.tomassure.notification.domain.Channel;
import io.tomassure.support.jdbc.DataAccessException;

/**
 * Organisations' mutes, in plain JDBC: a handful of rows per organisation, read by organisation (and event type on
 * the delivery path) and upserted, where an entity session would add nothing. Callers bring the transaction.
 */
@ApplicationScoped
public class PreferenceRepository {

    /** A channel muted or not for an event type: read here, and sent and shown by the API (the name is its schema's). */
    public record PreferenceView(@NotBlank @Size(max = 200) String eventType, @NotNull Channel channel, boolean muted) {
    }

    private final DataSource dataSource;

    PreferenceRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<PreferenceView> of(String organisation) {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "select event_type, channel, muted from preference where ods_code = ? order by event_type, channel")) {
            select.setString(1, organisation);
            return Jdbc.list(select, rs -> new PreferenceView(rs.getString(1), Channel.valueOf(rs.getString(2)),
                    rs.getBoolean(3)));
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** Sets each of {@code preferences} for {@code organisation}, leaving its other ones as they are. */
    public void save(String organisation, List<PreferenceView> preferences) {
        try (Connection c = dataSource.getConnection(); PreparedStatement upsert = c.prepareStatement("""
                insert into preference (ods_code, event_type, channel, muted) values (?, ?, ?, ?)
                on conflict (ods_code, event_type, channel) do update set muted = excluded.muted""")) {
            for (PreferenceView preference : preferences) {
                upsert.setString(1, organisation);
                upsert.setString(2, preference.eventType());
                upsert.setString(3, preference.channel().name());
                upsert.setBoolean(4, preference.muted());
                upsert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** The channels {@code organisation} muted for {@code eventType}. */
    public Set<Channel> muted(String organisation, String eventType) {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "select channel from preference where ods_code = ? and event_type = ? and muted")) {
            select.setString(1, organisation);
            select.setString(2, eventType);
            Set<Channel> muted = EnumSet.noneOf(Channel.class);
            muted.addAll(Jdbc.list(select, rs -> Channel.valueOf(rs.getString(1))));
            return muted;
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }
}
