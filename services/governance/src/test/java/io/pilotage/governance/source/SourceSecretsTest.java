package io.pilotage.governance.source;

import io.pilotage.contracts.definition.SourceDefinition.SecretHash;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SourceSecretsTest {

    @Test
    void secretsAreRandomAndHashedAsSha256HexOfTheirUtf8Bytes() {
        String a = SourceSecrets.generate();
        assertThat(a).startsWith("pls_").hasSizeGreaterThan(40).isNotEqualTo(SourceSecrets.generate());
        // echo -n abc | sha256sum
        assertThat(SourceSecrets.sha256Hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void theSigningKeyIsTheHmacOfTheLabelKeyedByTheSecret() {
        // printf %s pilotage-source-signing-key/v1 | openssl dgst -sha256 -hmac abc
        assertThat(SecretHash.signingKey("abc", null).hash()).isEqualTo("b92941625289b52a345c04e958a302fbd5f27b318fe272d6d4e079e9d7757d88");
        assertThat(SecretHash.signingKey("abc", null).algorithm()).isEqualTo("hmac-sha256-key");
    }

    @Test
    void rotationKeepsThePreviousSecretForTheOverlapAndDropsExpiredOnes() {
        Instant now = Instant.parse("2026-11-02T10:00:00Z");
        List<SecretHash> before = List.of(new SecretHash("sha256", "current", null),
                new SecretHash("sha256", "expired", now.minusSeconds(1)),
                new SecretHash("sha256", "still-valid", now.plusSeconds(60)));
        List<SecretHash> after = SourceSecrets.rotate(before, "new", now, Duration.ofHours(24));
        assertThat(after).containsExactly(new SecretHash("sha256", SourceSecrets.sha256Hex("new"), null),
                SecretHash.signingKey("new", null),
                new SecretHash("sha256", "current", now.plus(Duration.ofHours(24))),
                new SecretHash("sha256", "still-valid", now.plusSeconds(60)));
        assertThat(SourceSecrets.rotate(before, "new", now, Duration.ZERO)).extracting(SecretHash::hash)
                .containsExactly(SourceSecrets.sha256Hex("new"), SecretHash.signingKey("new", null).hash(), "still-valid");
    }
}
