package io.pilotage.governance.kpi;

import io.pilotage.contracts.definition.KpiDefinition;
import io.pilotage.contracts.definition.KpiYaml;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KpiPlanTest {

    private final List<KpiDefinition> erp = KpiYaml.catalogue("erp").kpis();

    private Map<String, KpiDefinition> current() {
        Map<String, KpiDefinition> m = new HashMap<>();
        erp.forEach(k -> m.put(k.key(), k.withVersion(3)));
        return m;
    }

    private static List<KpiPlan.FileKpi> file(List<KpiDefinition> kpis, Integer version) {
        return kpis.stream().map(k -> new KpiPlan.FileKpi(k, version)).toList();
    }

    @Test
    void theSameFileChangesNothing() {
        KpiPlan plan = KpiPlan.of("erp", "erp", file(erp, null), current(), false);
        assertThat(plan.errors()).isEmpty();
        assertThat(plan.changes()).extracting(KpiPlan.KpiChange::action).containsOnly(KpiPlan.UNCHANGED);
    }

    @Test
    void aChangedTargetIsDiffedFieldByFieldAndBumpsTheVersion() {
        KpiDefinition k = erp.getFirst();
        KpiDefinition changed = new KpiDefinition(k.key(), k.project(), k.name(), k.unit(), k.direction(), 85.0,
                k.thresholds(), k.frequency(), k.owner(), k.window(), k.measure(), 1);
        KpiPlan plan = KpiPlan.of("erp", "erp", file(List.of(changed), null), current(), false);
        KpiPlan.KpiChange c = plan.changes().getFirst();
        assertThat(c.action()).isEqualTo(KpiPlan.UPDATE);
        assertThat(c.fromVersion()).isEqualTo(3);
        assertThat(c.toVersion()).isEqualTo(4);
        assertThat(c.fields()).extracting(KpiPlan.FieldChange::field).containsExactly("target");
        assertThat(c.fields().getFirst().before().doubleValue()).isEqualTo(k.target());
        assertThat(plan.changes()).filteredOn(x -> x.action().equals(KpiPlan.KEEP)).hasSize(erp.size() - 1);
        assertThat(KpiPlan.of("erp", "erp", file(List.of(changed), null), current(), true).changes())
                .filteredOn(x -> x.action().equals(KpiPlan.DELETE)).hasSize(erp.size() - 1);
    }

    @Test
    void aFileBasedOnAnOldVersionIsAConflict() {
        KpiPlan plan = KpiPlan.of("erp", "erp", file(erp.subList(0, 1), 2), current(), false);
        assertThat(plan.onlyVersionConflicts()).isTrue();
        assertThat(plan.errors().getFirst().field()).isEqualTo("kpis[0].version");
    }

    @Test
    void wrongProjectDuplicatesAndForeignKeysAreErrors() {
        Map<String, KpiDefinition> cur = current();
        KpiDefinition mau = KpiYaml.catalogue("mobile-app").kpis().getFirst();
        cur.put(mau.key(), mau);
        KpiDefinition stolen = new KpiDefinition(mau.key(), null, mau.name(), mau.unit(), mau.direction(), mau.target(),
                mau.thresholds(), mau.frequency(), mau.owner(), mau.window(), mau.measure(), 1);
        KpiPlan plan = KpiPlan.of("erp", "mobile-app", file(List.of(erp.getFirst(), erp.getFirst(), stolen), null), cur, false);
        assertThat(plan.errors()).extracting(e -> e.field())
                .containsExactlyInAnyOrder("project", "kpis[1].key", "kpis[2].key");
        assertThat(plan.onlyVersionConflicts()).isFalse();
    }
}
