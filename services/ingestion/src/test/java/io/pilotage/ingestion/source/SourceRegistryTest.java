package io.pilotage.ingestion.source;

import io.pilotage.contracts.definition.QualityRule;
import io.pilotage.contracts.definition.SourceDefinition;
import io.pilotage.ingestion.event.PersonalDataScrubber.Policy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the registry keeps of each source for the intake: plain Java. */
class SourceRegistryTest {

    private static QualityRule rule(String name, String type, String field) {
        return new QualityRule(name, type, field, null, null, null, null, null, null, null, null);
    }

    private static SourceDefinition source(String id, String policy, List<String> personal, List<QualityRule> rules) {
        return new SourceDefinition(id, "erp", "generic", List.of(), policy == null ? Map.of() : Map.of("personalData", policy),
                personal, rules, null, null);
    }

    @Test
    void theIntakeSettingsOfASourceAreDerivedFromItsDefinitionAndFollowItsVersions() {
        SourceRegistry registry = new SourceRegistry();
        registry.put(source("crm", "reject", List.of("email", "attributes.phone"),
                List.of(rule("one-order", "unique", "attributes.order"), rule("amount", "not_null", "value"))), 2);

        SourceRegistry.Intake intake = registry.intakeOf("crm");
        assertThat(intake.definition().id()).isEqualTo("crm");
        assertThat(intake.personalFields()).containsExactlyInAnyOrder("email", "attributes.phone");
        assertThat(intake.personalDataPolicy()).isEqualTo(Policy.REJECT);
        assertThat(intake.uniqueRules()).extracting(QualityRule::name).containsExactly("one-order");

        registry.put(source("crm", null, List.of(), List.of()), 1);
        assertThat(registry.intakeOf("crm").personalDataPolicy()).as("an older version is ignored").isEqualTo(Policy.REJECT);

        registry.put(source("crm", null, List.of(), List.of()), 3);
        assertThat(registry.intakeOf("crm").personalFields()).isEmpty();
        assertThat(registry.intakeOf("crm").personalDataPolicy()).isEqualTo(Policy.PSEUDONYMISE);
        assertThat(registry.intakeOf("crm").uniqueRules()).isEmpty();
        assertThat(registry.find("crm")).map(SourceDefinition::personalFields).contains(List.of());
    }

    @Test
    void anUnregisteredOrRemovedSourceGetsTheGenericDefaults() {
        SourceRegistry registry = new SourceRegistry();
        registry.put(source("crm", "reject", List.of("email"), List.of()), 1);
        registry.remove("crm");

        for (String id : new String[] {"crm", "never-seen", null}) {
            SourceRegistry.Intake intake = registry.intakeOf(id);
            assertThat(intake.definition().kind()).isEqualTo("generic");
            assertThat(intake.personalFields()).isEmpty();
            assertThat(intake.personalDataPolicy()).isEqualTo(Policy.PSEUDONYMISE);
            assertThat(intake.uniqueRules()).isEmpty();
        }
        assertThat(registry.find("crm")).isEmpty();
        assertThat(registry.all()).isEmpty();
    }
}
