package io.pilotage.kpi.catalogue;

import io.pilotage.kpi.status.Direction;

import java.util.Set;

/**
 * A KPI of the {@code count} measure: the number of events of the given types of one project
 * (DESIGN §3.1). The other measure types of the KPI language are not built yet.
 *
 * @param key        KPI key, e.g. {@code erp.audit_errors}
 * @param project    the project whose events count
 * @param eventTypes the event types counted
 */
public record CountKpi(String key, String project, String name, String unit, Set<String> eventTypes,
                       Direction direction, Double target, Double critical, int version) {

    public CountKpi {
        eventTypes = Set.copyOf(eventTypes);
    }

    public boolean counts(String eventProject, String eventType) {
        return project.equals(eventProject) && eventTypes.contains(eventType);
    }
}
