package io.pilotage.ingestion.dedupe;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerKeyTest {

    @Test
    void theSamePairAlwaysHasTheSameKey() {
        assertThat(LedgerKey.of(new EventRef("odoo-prod", "42"))).isEqualTo(LedgerKey.of(new EventRef("odoo-prod", "42")));
    }

    @Test
    void whereTheSourceEndsAndTheIdBeginsIsPartOfTheKey() {
        assertThat(LedgerKey.of(new EventRef("ab", "c"))).isNotEqualTo(LedgerKey.of(new EventRef("a", "bc")));
    }

    @Test
    void distinctPairsGetDistinctKeys() {
        Set<UUID> keys = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            keys.add(LedgerKey.of(new EventRef("src-" + (i % 7), "id-" + i)));
        }
        assertThat(keys).hasSize(100_000);
    }
}
