package io.pilotage.kpi.store;

import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.KpiValue;
import io.pilotage.contracts.definition.KpiDefinition;
import io.pilotage.kpi.compute.KpiCalculator;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;

/** The definitions in force and the latest published values, for the reporting views. */
public final class StoredValues {

    public void upsert(Connection c, List<KpiCalculator.Computed> values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into kpi_value (kpi, granularity, period_start, period_end, project, value, unit, target, status, sample_size,
                                       exact, error_bound, open_entities, definition_version, computed_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (kpi, granularity, period_start) do update set period_end = excluded.period_end, value = excluded.value,
                    unit = excluded.unit, target = excluded.target, status = excluded.status, sample_size = excluded.sample_size,
                    exact = excluded.exact, error_bound = excluded.error_bound, open_entities = excluded.open_entities,
                    definition_version = excluded.definition_version, computed_at = excluded.computed_at""")) {
            for (KpiCalculator.Computed cv : values) {
                KpiValue v = cv.value();
                ps.setString(1, v.kpi());
                ps.setString(2, v.period().granularity().wireName());
                ps.setDate(3, Date.valueOf(v.period().start()));
                ps.setDate(4, Date.valueOf(v.period().end()));
                ps.setString(5, v.project());
                ps.setObject(6, v.value(), Types.DOUBLE);
                ps.setString(7, v.unit());
                ps.setObject(8, v.target(), Types.DOUBLE);
                ps.setString(9, v.status().name());
                ps.setLong(10, v.sampleSize());
                ps.setBoolean(11, v.exact());
                ps.setObject(12, v.errorBound(), Types.DOUBLE);
                ps.setObject(13, cv.open(), Types.BIGINT);
                ps.setInt(14, v.definitionVersion());
                ps.setTimestamp(15, Timestamp.from(v.computedAt()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public void upsertDefinition(Connection c, KpiDefinition d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into kpi_definition (kpi, project, version, definition) values (?, ?, ?, ?::jsonb)
                on conflict (kpi) do update set project = excluded.project, version = excluded.version,
                    definition = excluded.definition, updated_at = now()
                where kpi_definition.version <= excluded.version""")) {
            ps.setString(1, d.key());
            ps.setString(2, d.project());
            ps.setInt(3, d.version());
            ps.setString(4, JsonCodec.encodeToString(d));
            ps.executeUpdate();
        }
    }

    public void deleteDefinition(Connection c, String kpi) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from kpi_definition where kpi = ?")) {
            ps.setString(1, kpi);
            ps.executeUpdate();
        }
    }
}
