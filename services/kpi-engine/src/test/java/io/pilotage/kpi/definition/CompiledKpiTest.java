package io.pilotage.kpi.definition;

import io.pilotage.contracts.definition.KpiDefinition;
import io.pilotage.contracts.definition.KpiYaml;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class CompiledKpiTest {

    private static KpiDefinition catalogue(String key) {
        return KpiYaml.catalogue().stream().filter(d -> d.key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void theMeasureHashDoesNotDependOnTheOrderOfItsMaps() {
        KpiDefinition vulns = catalogue("security.vulns_fixed_in_sla");

        // Map.copyOf iterates in an order that changes with every JVM start: the hash reads the entries sorted
        assertThat(new String(CompiledKpi.canonical(vulns), StandardCharsets.UTF_8))
                .contains("\"byValue\":{\"critical\":7.0,\"high\":30.0,\"low\":120.0,\"medium\":90.0}");
        assertThat(CompiledKpi.of(vulns).measureHash()).isEqualTo(CompiledKpi.of(catalogue("security.vulns_fixed_in_sla")).measureHash())
                .isNotEqualTo(CompiledKpi.of(catalogue("security.mttr")).measureHash());
    }
}
