package io.pilotage.kpi.catalogue;

import io.pilotage.kpi.period.PeriodCalendar;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.ZoneId;

/** Wires the plain-Java catalogue and calendar. */
@ApplicationScoped
public class CatalogueConfiguration {

    @Produces
    @ApplicationScoped
    KpiCatalogue catalogue() {
        return KpiCatalogue.builtIn();
    }

    @Produces
    @ApplicationScoped
    PeriodCalendar calendar(@ConfigProperty(name = "pilotage.kpi.zone") ZoneId zone) {
        return new PeriodCalendar(zone);
    }
}
