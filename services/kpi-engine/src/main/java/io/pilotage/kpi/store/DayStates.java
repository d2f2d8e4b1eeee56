package io.pilotage.kpi.store;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-KPI per-day measure states ({@code kpi_day_state}). A row built with another measure hash
 * is stale and reads as absent (it is replaced when its day is written or rebuilt).
 */
public final class DayStates {

    /** An encoded state and the number of events in it. */
    public record Row(byte[] state, long events) {
    }

    public TreeMap<LocalDate, Row> load(Connection c, String kpi, String hash, LocalDate from, LocalDate to) throws SQLException {
        TreeMap<LocalDate, Row> rows = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select day, state, events from kpi_day_state where kpi = ? and measure_hash = ? and day between ? and ?")) {
            ps.setString(1, kpi);
            ps.setString(2, hash);
            ps.setDate(3, Date.valueOf(from));
            ps.setDate(4, Date.valueOf(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getDate(1).toLocalDate(), new Row(rs.getBytes(2), rs.getLong(3)));
                }
            }
        }
        return rows;
    }

    /** What identifies the content of a day's state without reading it: when it was written and how many events it holds. */
    public record Stamp(long updatedMicros, long events) {
    }

    public TreeMap<LocalDate, Stamp> stamps(Connection c, String kpi, String hash, LocalDate from, LocalDate to) throws SQLException {
        TreeMap<LocalDate, Stamp> rows = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("select day, (extract(epoch from updated_at) * 1000000)::bigint, events "
                + "from kpi_day_state where kpi = ? and measure_hash = ? and day between ? and ?")) {
            ps.setString(1, kpi);
            ps.setString(2, hash);
            ps.setDate(3, Date.valueOf(from));
            ps.setDate(4, Date.valueOf(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getDate(1).toLocalDate(), new Stamp(rs.getLong(2), rs.getLong(3)));
                }
            }
        }
        return rows;
    }

    public TreeMap<LocalDate, Row> load(Connection c, String kpi, String hash, Collection<LocalDate> days) throws SQLException {
        TreeMap<LocalDate, Row> rows = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select day, state, events from kpi_day_state where kpi = ? and measure_hash = ? and day = any(?)")) {
            ps.setString(1, kpi);
            ps.setString(2, hash);
            ps.setArray(3, c.createArrayOf("date", days.stream().map(Date::valueOf).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getDate(1).toLocalDate(), new Row(rs.getBytes(2), rs.getLong(3)));
                }
            }
        }
        return rows;
    }

    public void upsert(Connection c, String kpi, String hash, Map<LocalDate, Row> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into kpi_day_state (kpi, day, measure_hash, state, events) values (?, ?, ?, ?, ?)
                on conflict (kpi, day) do update set measure_hash = excluded.measure_hash, state = excluded.state,
                    events = excluded.events, updated_at = now()""")) {
            for (Map.Entry<LocalDate, Row> r : rows.entrySet()) {
                ps.setString(1, kpi);
                ps.setDate(2, Date.valueOf(r.getKey()));
                ps.setString(3, hash);
                ps.setBytes(4, r.getValue().state());
                ps.setLong(5, r.getValue().events());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public void delete(Connection c, String kpi, LocalDate day) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from kpi_day_state where kpi = ? and day = ?")) {
            ps.setString(1, kpi);
            ps.setDate(2, Date.valueOf(day));
            ps.executeUpdate();
        }
    }

    /** Serialises writers of one KPI's states for the rest of the transaction (consumer vs backfill). */
    public static void lockKpi(Connection c, String kpi) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(hashtext(?))")) {
            ps.setString(1, "kpi:" + kpi);
            ps.execute();
        }
    }

    /** Key of the registry barrier: consumers hold it shared; a backfill waits for them once before it starts. */
    public static final long REGISTRY_BARRIER = 7_361_001L;

    public static void enterConsumerSection(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock_shared(?)")) {
            ps.setLong(1, REGISTRY_BARRIER);
            ps.execute();
        }
    }

    /** Waits until every consumer transaction that started before now has finished. */
    public static void awaitConsumersInFlight(Connection c) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("select pg_advisory_lock(?)");
             PreparedStatement unlock = c.prepareStatement("select pg_advisory_unlock(?)")) {
            lock.setLong(1, REGISTRY_BARRIER);
            lock.execute();
            unlock.setLong(1, REGISTRY_BARRIER);
            unlock.execute();
        }
    }
}
