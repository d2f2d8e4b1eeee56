package io.pilotage.kpi.store;

import io.pilotage.contracts.CanonicalEvent;
import io.pilotage.kpi.definition.CompiledKpi;
import io.pilotage.kpi.measure.MeasureKind;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Adds events to the day states of the KPIs they concern, or rebuilds days from raw events. */
public final class StateUpdater {

    private final StoredEvents events;
    private final DayStates states;

    public StateUpdater(StoredEvents events, DayStates states) {
        this.events = events;
        this.states = states;
    }

    /**
     * Adds newly stored events to the states of every KPI of their project that accepts them.
     *
     * @return the days touched, per KPI key
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Map<String, Set<LocalDate>> add(Connection c, List<CanonicalEvent> fresh, Map<String, List<CompiledKpi>> kpisByProject)
            throws SQLException {
        Map<CompiledKpi, Map<LocalDate, List<CanonicalEvent>>> work = new TreeMap<>(
                java.util.Comparator.comparing(CompiledKpi::key));
        for (CanonicalEvent e : fresh) {
            for (CompiledKpi k : kpisByProject.getOrDefault(e.project(), List.of())) {
                if (k.measure().accepts(e)) {
                    work.computeIfAbsent(k, x -> new TreeMap<>()).computeIfAbsent(events.dayOf(e), d -> new ArrayList<>()).add(e);
                }
            }
        }
        Map<String, Set<LocalDate>> touched = new HashMap<>();
        for (Map.Entry<CompiledKpi, Map<LocalDate, List<CanonicalEvent>>> w : work.entrySet()) {
            CompiledKpi k = w.getKey();
            MeasureKind kind = k.measure();
            DayStates.lockKpi(c, k.key());
            TreeMap<LocalDate, DayStates.Row> current = states.load(c, k.key(), k.measureHash(), w.getValue().keySet());
            Map<LocalDate, DayStates.Row> updated = new TreeMap<>();
            for (Map.Entry<LocalDate, List<CanonicalEvent>> day : w.getValue().entrySet()) {
                DayStates.Row row = current.get(day.getKey());
                Object s = row == null ? kind.empty() : kind.decode(row.state());
                for (CanonicalEvent e : day.getValue()) {
                    s = kind.add(s, e);
                }
                updated.put(day.getKey(), new DayStates.Row(kind.encode(s), (row == null ? 0 : row.events()) + day.getValue().size()));
            }
            states.upsert(c, k.key(), k.measureHash(), updated);
            touched.put(k.key(), new TreeSet<>(w.getValue().keySet()));
        }
        return touched;
    }

    /**
     * Rebuilds one day of these KPIs (all of one project) from the retained raw events.
     *
     * @return the number of raw events read
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public long rebuild(Connection c, String project, List<CompiledKpi> kpis, LocalDate day) throws SQLException {
        List<CompiledKpi> sorted = kpis.stream().sorted(java.util.Comparator.comparing(CompiledKpi::key)).toList();
        for (CompiledKpi k : sorted) {
            DayStates.lockKpi(c, k.key());
        }
        Object[] acc = new Object[sorted.size()];
        long[] n = new long[sorted.size()];
        for (int i = 0; i < acc.length; i++) {
            acc[i] = sorted.get(i).measure().empty();
        }
        long read = events.forEachOfDay(c, project, day, e -> {
            for (int i = 0; i < acc.length; i++) {
                MeasureKind kind = sorted.get(i).measure();
                if (kind.accepts(e)) {
                    acc[i] = kind.add(acc[i], e);
                    n[i]++;
                }
            }
        });
        for (int i = 0; i < acc.length; i++) {
            CompiledKpi k = sorted.get(i);
            if (n[i] == 0) {
                states.delete(c, k.key(), day);
            } else {
                MeasureKind kind = k.measure();
                states.upsert(c, k.key(), k.measureHash(), Map.of(day, new DayStates.Row(kind.encode(acc[i]), n[i])));
            }
        }
        return read;
    }
}
