package io.pilotage.kpi.compute;

import io.pilotage.contracts.KpiValue.Period;
import io.pilotage.kpi.definition.CompiledKpi;
import io.pilotage.kpi.store.DayStates;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Computes the values of periods from their day states. Values are cached per window: a cached
 * value is used only while the window's day states are unchanged (same rows, write times and event
 * counts, read without the states themselves, so any instance's write invalidates it), and never
 * for a window not yet over whose measure depends on the computation time (uptime, within,
 * duration). Only the states of windows missing from the cache are read and merged.
 */
@ApplicationScoped
public class ValueReader {

    private static final int CACHE_SIZE = 20_000;

    private record WindowKey(String kpi, String measureHash, LocalDate first, LocalDate last) {
    }

    private record Cached(List<DayStates.Stamp> stamps, KpiCalculator.Computed value) {
    }

    private final DataSource db;
    private final DayStates states;
    private final KpiCalculator calculator;
    private final Map<WindowKey, Cached> cache = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<WindowKey, Cached> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    public ValueReader(DataSource db, DayStates states, KpiCalculator calculator) {
        this.db = db;
        this.states = states;
        this.calculator = calculator;
    }

    public List<KpiCalculator.Computed> values(CompiledKpi k, List<Period> periods, Instant asOf) {
        if (periods.isEmpty()) {
            return List.of();
        }
        LocalDate[] range = KpiCalculator.statesNeeded(k, periods);
        try (Connection c = db.getConnection()) {
            TreeMap<LocalDate, DayStates.Stamp> stamps = states.stamps(c, k.key(), k.measureHash(), range[0], range[1]);
            KpiCalculator.Computed[] out = new KpiCalculator.Computed[periods.size()];
            List<Integer> missing = new ArrayList<>();
            List<List<DayStates.Stamp>> missingStamps = new ArrayList<>();
            for (int i = 0; i < out.length; i++) {
                Period p = periods.get(i);
                LocalDate[] w = KpiCalculator.window(k, p);
                List<DayStates.Stamp> windowStamps = List.copyOf(
                        stamps.subMap(w[0].minusDays(k.measure().lookbackDays()), true, w[1], true).values());
                Cached hit;
                synchronized (cache) {
                    hit = cache.get(new WindowKey(k.key(), k.measureHash(), w[0], w[1]));
                }
                if (hit != null && hit.stamps().equals(windowStamps) && cacheable(k, w, asOf)) {
                    out[i] = new KpiCalculator.Computed(KpiCalculator.reevaluate(k.definition(), hit.value().value(), p),
                            hit.value().open());
                } else {
                    missing.add(i);
                    missingStamps.add(windowStamps);
                }
            }
            if (!missing.isEmpty()) {
                List<Period> todo = missing.stream().map(periods::get).toList();
                LocalDate[] need = KpiCalculator.statesNeeded(k, todo);
                TreeMap<LocalDate, byte[]> encoded = new TreeMap<>();
                states.load(c, k.key(), k.measureHash(), need[0], need[1]).forEach((d, row) -> encoded.put(d, row.state()));
                List<KpiCalculator.Computed> computed = calculator.values(k, todo, encoded, asOf);
                for (int j = 0; j < computed.size(); j++) {
                    out[missing.get(j)] = computed.get(j);
                    LocalDate[] w = KpiCalculator.window(k, todo.get(j));
                    if (cacheable(k, w, asOf)) {
                        synchronized (cache) {
                            cache.put(new WindowKey(k.key(), k.measureHash(), w[0], w[1]), new Cached(missingStamps.get(j), computed.get(j)));
                        }
                    }
                }
            }
            return List.of(out);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the states of " + k.key() + ": " + e.getMessage(), e);
        }
    }

    private boolean cacheable(CompiledKpi k, LocalDate[] window, Instant asOf) {
        return !k.measure().dependsOnTime() || !window[1].plusDays(1).atStartOfDay(calculator.zone()).toInstant().isAfter(asOf);
    }
}
