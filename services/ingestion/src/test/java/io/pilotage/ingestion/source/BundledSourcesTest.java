package io.pilotage.ingestion.source;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which bundled demo sources ingestion loads (their secrets are public: the Helm chart loads none). */
class BundledSourcesTest {

    @Test
    void theConfiguredIdsAreLoadedAndNoneMeansNone() {
        assertThat(SourceDefinitions.bundledIds(Optional.of(List.of("odoo-prod", " ga4-mobile "))))
                .containsExactly("odoo-prod", "ga4-mobile");
        assertThat(SourceDefinitions.bundledIds(Optional.of(List.of("none")))).isEmpty();
        assertThat(SourceDefinitions.bundledIds(Optional.of(List.of("NONE", "")))).isEmpty();
        assertThat(SourceDefinitions.bundledIds(Optional.empty())).isEmpty();
    }
}
