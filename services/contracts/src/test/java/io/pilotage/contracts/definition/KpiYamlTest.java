package io.pilotage.contracts.definition;

import io.pilotage.contracts.JsonCodec;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KpiYamlTest {

    @Test
    void theCatalogueHasTheSeventeenKpisOfTheThreeSeedProjects() {
        List<KpiDefinition> kpis = KpiYaml.catalogue();

        assertThat(kpis).hasSize(17);
        assertThat(kpis).extracting(KpiDefinition::project).containsOnly("erp", "mobile-app", "cybersecurity");
        assertThat(kpis).allSatisfy(k -> {
            assertThat(k.version()).isEqualTo(1);
            assertThat(k.measure().type()).isNotBlank();
            assertThat(k.direction()).isNotNull();
            assertThat(k.displayName("fr")).isNotBlank();
        });
        KpiDefinition mau = kpis.stream().filter(k -> k.key().equals("mobile.mau")).findFirst().orElseThrow();
        assertThat(mau.window().rolling()).isTrue();
        assertThat(mau.window().days()).isEqualTo(30);
        KpiDefinition sla = kpis.stream().filter(k -> k.key().equals("security.vulns_fixed_in_sla")).findFirst().orElseThrow();
        assertThat(sla.measure().limit().byValue()).containsEntry("critical", 7.0).containsEntry("low", 120.0);
    }

    @Test
    void aProjectFileRoundTripsThroughYaml() {
        KpiYaml.ProjectKpis erp = KpiYaml.catalogue("erp");

        KpiYaml.ProjectKpis again = KpiYaml.read(KpiYaml.write(erp));

        assertThat(again).isEqualTo(erp);
    }

    @Test
    void anUnknownPropertyIsRefusedWithItsName() {
        assertThatThrownBy(() -> KpiYaml.read("project: erp\nkpis:\n  - key: erp.x\n    treshold: 3\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("treshold");
    }

    @Test
    void definitionsRoundTripThroughJsonWithTheirTopicKeys() {
        KpiDefinition mau = KpiYaml.catalogue("mobile-app").kpis().getFirst();
        Definition kpi = Definition.of(mau, Instant.parse("2026-11-01T00:00:00Z"), "system", "seed");
        Definition project = Definition.of(KpiYaml.seedProjects().getFirst(), 1, Instant.EPOCH, "system", null);

        assertThat(JsonCodec.decode(JsonCodec.encode(kpi), Definition.class)).isEqualTo(kpi);
        assertThat(JsonCodec.decode(JsonCodec.encode(project), Definition.class)).isEqualTo(project);
        assertThat(kpi.key()).isEqualTo("mobile-app/mobile.mau");
        assertThat(project.key()).isEqualTo("project:erp");
        assertThat(project.project().isOwnedBy("owner")).isTrue();
        assertThat(project.project().isOwnedBy("owner-mobile")).isFalse();
    }

    @Test
    void aDefinitionMustCarryTheBodyItsKindNames() {
        assertThatThrownBy(() -> new Definition(Definition.Kind.KPI, 1, Instant.EPOCH, "x", null,
                null, KpiYaml.seedProjects().getFirst(), null)).isInstanceOf(IllegalArgumentException.class);
    }
}
