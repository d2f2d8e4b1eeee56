package io.pilotage.alerting.notification;

import io.pilotage.alerting.rule.Severity;
import io.pilotage.contracts.definition.KpiDefinition;
import io.pilotage.contracts.definition.ProjectDefinition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OwnerSubscriptionPlanTest {

    private static final OwnerSubscriptions.Contacts CONTACTS = new OwnerSubscriptions.Contacts(
            "<username>@pilotage.local", "fr", Map.of("committee", "comite@example.org"), Map.of("owner-mobile", "en"));

    private static KpiDefinition kpi(String key, String owner) {
        return new KpiDefinition(key, "erp", Map.of(), "%", null, null, null, "monthly", owner, null, null, 1);
    }

    @Test
    void projectOwnersGetEveryKpiOfTheProjectKpiOwnersTheirKpi() {
        ProjectDefinition erp = new ProjectDefinition("erp", "ERP", null, null, List.of("owner", "owner-mobile"), "active");
        List<OwnerSubscriptions.Wanted> wanted = OwnerSubscriptions.wanted(erp, List.of(kpi("erp.uptime", "owner"),
                kpi("erp.cost", "finance@example.org"), kpi("erp.tickets", "committee"), kpi("erp.other", null)), CONTACTS);

        assertThat(wanted).extracting(OwnerSubscriptions.Wanted::owner)
                .containsExactly("owner", "owner-mobile", "finance@example.org", "committee");
        Subscription owner = wanted.get(0).subscription();
        assertThat(owner.project()).isEqualTo("erp");
        assertThat(owner.kpi()).as("every KPI of the project").isNull();
        assertThat(owner.channel()).isEqualTo(ChannelType.EMAIL);
        assertThat(owner.minSeverity()).isEqualTo(Severity.WARNING);
        assertThat(owner.target()).isEqualTo("owner@pilotage.local");
        assertThat(owner.language()).isEqualTo("fr");
        assertThat(wanted.get(1).subscription().language()).isEqualTo("en");
        assertThat(wanted.get(2).subscription().kpi()).isEqualTo("erp.cost");
        assertThat(wanted.get(2).subscription().target()).as("an address as owner").isEqualTo("finance@example.org");
        assertThat(wanted.get(3).subscription().target()).as("a configured address").isEqualTo("comite@example.org");
    }

    @Test
    void idsAreTheSameOnEveryReplicaAndDifferPerProjectKpiAndOwner() {
        assertThat(OwnerSubscriptions.id("erp", "", "owner")).isEqualTo(OwnerSubscriptions.id("erp", "", "owner"))
                .startsWith("o-")
                .isNotEqualTo(OwnerSubscriptions.id("erp", "erp.uptime", "owner"))
                .isNotEqualTo(OwnerSubscriptions.id("mobile-app", "", "owner"));
        assertThat(OwnerSubscriptions.wanted(null, List.of(), CONTACTS)).as("no project: nobody").isEmpty();
    }
}
