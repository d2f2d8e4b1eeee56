package io.pilotage.kpi.explain;

import io.pilotage.contracts.definition.KpiDefinition;
import io.pilotage.contracts.definition.KpiYaml;

/** KPI definitions written in YAML, as in "KPIs as code" files. */
final class RendererFixture {

    private RendererFixture() {
    }

    /** A KPI of project {@code p} with key {@code p.k}, unit {@code unit}, the given measure and window (YAML flow maps). */
    static KpiDefinition kpi(String unit, String measure, String window) {
        return KpiYaml.read("""
                project: p
                kpis:
                  - key: p.k
                    name: { en: K }
                    unit: "%s"
                    direction: higher_is_better
                    frequency: monthly
                    window: %s
                    measure: %s
                """.formatted(unit, window, measure)).kpis().getFirst();
    }

    static KpiDefinition kpi(String unit, String measure) {
        return kpi(unit, measure, "{ kind: calendar }");
    }

    static Sentence definition(String unit, String measure) {
        return DefinitionRenderer.of(kpi(unit, measure));
    }
}
