package io.pilotage.kpi;

import io.pilotage.kpi.compute.KpiCalculator;
import io.pilotage.kpi.definition.KpiRegistry;
import io.pilotage.kpi.period.PeriodCalendar;
import io.pilotage.kpi.store.DayStates;
import io.pilotage.kpi.store.StateUpdater;
import io.pilotage.kpi.store.StoredEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.ZoneId;

/** Wires the plain-Java parts of the engine. */
@ApplicationScoped
public class EngineConfiguration {

    @Produces
    @ApplicationScoped
    PeriodCalendar calendar(@ConfigProperty(name = "pilotage.kpi.zone") ZoneId zone) {
        return new PeriodCalendar(zone);
    }

    @Produces
    @ApplicationScoped
    KpiRegistry registry() {
        return new KpiRegistry();
    }

    @Produces
    @ApplicationScoped
    StoredEvents storedEvents(@ConfigProperty(name = "pilotage.kpi.zone") ZoneId zone) {
        return new StoredEvents(zone);
    }

    @Produces
    @ApplicationScoped
    DayStates dayStates() {
        return new DayStates();
    }

    @Produces
    @ApplicationScoped
    StateUpdater stateUpdater(StoredEvents events, DayStates states) {
        return new StateUpdater(events, states);
    }

    @Produces
    @ApplicationScoped
    io.pilotage.kpi.store.StoredValues storedValues() {
        return new io.pilotage.kpi.store.StoredValues();
    }

    @Produces
    @ApplicationScoped
    io.pilotage.kpi.explain.ExplainService explainService(javax.sql.DataSource db, StoredEvents events, DayStates states,
                                                         io.pilotage.kpi.compute.ValueReader reader,
                                                         @ConfigProperty(name = "pilotage.kpi.zone") ZoneId zone) {
        return new io.pilotage.kpi.explain.ExplainService(db, events, states, reader, zone);
    }

    @Produces
    @ApplicationScoped
    KpiCalculator calculator(@ConfigProperty(name = "pilotage.kpi.zone") ZoneId zone) {
        return new KpiCalculator(zone);
    }
}
