package io.pilotage.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"abc", "3f2c9a1e-1b2c-4d5e-8f90-123456789abc", "01HZX3V6W9B8K7J6H5G4F3E2D1", "trace:span.1_2-3"})
    void keepsSaneIds(String id) {
        assertThat(RequestIds.acceptOrGenerate(id)).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a b", "id\r\nX-Injected: 1", "<script>", "é", "a/b", "a;b", "a\"b"})
    void replacesInsaneIds(String id) {
        String accepted = RequestIds.acceptOrGenerate(id);
        assertThat(accepted).isNotEqualTo(id);
        assertThat(UUID.fromString(accepted).version()).isEqualTo(4);
    }

    @Test
    void replacesMissingAndOverlongIds() {
        assertThat(RequestIds.isSane(null)).isFalse();
        assertThat(RequestIds.isSane("a".repeat(128))).isTrue();
        assertThat(RequestIds.isSane("a".repeat(129))).isFalse();
    }

    @Test
    void generatesDistinctVersion4Uuids() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestIds.generate();
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(id).isEqualTo(uuid.toString());
            ids.add(id);
        }
        assertThat(ids).hasSize(10_000);
    }
}
