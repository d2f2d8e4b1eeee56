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
import java.util.List;
import java.util.TreeMap;

/** Loads the day states a list of periods needs and computes their values. */
@ApplicationScoped
public class ValueReader {

    private final DataSource db;
    private final DayStates states;
    private final KpiCalculator calculator;

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
        TreeMap<LocalDate, byte[]> encoded = new TreeMap<>();
        try (Connection c = db.getConnection()) {
            states.load(c, k.key(), k.measureHash(), range[0], range[1]).forEach((d, row) -> encoded.put(d, row.state()));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the states of " + k.key() + ": " + e.getMessage(), e);
        }
        return calculator.values(k, periods, encoded, asOf);
    }
}
