package io.pilotage.kpi.catalogue;

import io.pilotage.kpi.status.Direction;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The KPIs the engine computes. Until governance publishes definitions on
 * {@code pilotage.definitions.v1}, these are the count KPIs of the built-in catalogue
 * (DESIGN §3.2), with the example targets of the seed plan.
 */
public final class KpiCatalogue {

    private final List<CountKpi> kpis;

    public KpiCatalogue(List<CountKpi> kpis) {
        this.kpis = List.copyOf(kpis);
    }

    public static KpiCatalogue builtIn() {
        return new KpiCatalogue(List.of(
                new CountKpi("erp.audit_errors", "erp", "Errors found in audit", "count", Set.of("audit.error"),
                        Direction.LOWER_IS_BETTER, 5.0, 20.0, 1),
                new CountKpi("security.incidents_prevented", "cybersecurity", "Incidents prevented", "count",
                        Set.of("incident.prevented"), Direction.HIGHER_IS_BETTER, 10.0, 2.0, 1)));
    }

    public Optional<CountKpi> find(String key) {
        return kpis.stream().filter(k -> k.key().equals(key)).findFirst();
    }

    /** The KPIs an event of this project and type contributes to. */
    public List<CountKpi> countedBy(String project, String type) {
        return kpis.stream().filter(k -> k.counts(project, type)).toList();
    }

    public List<CountKpi> all() {
        return kpis;
    }
}
