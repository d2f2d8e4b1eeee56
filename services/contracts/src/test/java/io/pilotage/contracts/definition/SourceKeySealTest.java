package io.pilotage.contracts.definition;

import io.pilotage.contracts.JsonCodec;
import io.pilotage.contracts.definition.SourceDefinition.SecretHash;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceKeySealTest {

    private final SourceKeySeal seal = new SourceKeySeal("a-seal-secret-of-32-bytes-or-so!");

    @Test
    void aSealedSigningKeyOpensToTheKeyAndShowsNothingOfIt() {
        SecretHash key = SecretHash.signingKey("source-secret", null);

        SecretHash sealed = seal.seal(key);

        assertThat(sealed.algorithm()).isEqualTo(SourceKeySeal.ALGORITHM);
        assertThat(sealed.hash()).doesNotContain(key.hash());
        assertThat(seal.open(sealed)).hasValueSatisfying(k -> assertThat(HexFormat.of().formatHex(k)).isEqualTo(key.hash()));
        assertThat(seal.seal(key).hash()).as("a fresh nonce every time").isNotEqualTo(sealed.hash());
    }

    @Test
    void onlyTheSameSecretOpensASealedKeyAndAnAlteredOneDoesNotOpen() {
        SecretHash sealed = seal.seal(SecretHash.signingKey("source-secret", null));

        assertThat(new SourceKeySeal("another-secret-of-enough-bytes").open(sealed)).isEmpty();
        char[] chars = sealed.hash().toCharArray();
        chars[20] = chars[20] == 'A' ? 'B' : 'A';
        assertThat(seal.open(new SecretHash(sealed.algorithm(), new String(chars), null))).isEmpty();
        assertThat(seal.open(new SecretHash(sealed.algorithm(), "not base64 at all!", null))).isEmpty();
        assertThat(seal.open(new SecretHash(SecretHash.SIGNING_KEY, sealed.hash(), null))).isEmpty();
    }

    @Test
    void sealAllSealsTheSigningKeysAndKeepsHashesAndExpiries() {
        Instant notAfter = Instant.parse("2026-12-01T00:00:00Z");
        List<SecretHash> secrets = List.of(SecretHash.sha256("new", null), SecretHash.signingKey("new", null),
                SecretHash.sha256("old", notAfter), SecretHash.signingKey("old", notAfter));

        List<SecretHash> sealed = seal.sealAll(secrets);

        assertThat(sealed).extracting(SecretHash::algorithm).containsExactly(SecretHash.SHA256, SourceKeySeal.ALGORITHM,
                SecretHash.SHA256, SourceKeySeal.ALGORITHM);
        assertThat(sealed.get(0)).isEqualTo(secrets.get(0));
        assertThat(sealed.get(3).notAfter()).isEqualTo(notAfter);
        assertThat(seal.sealAll(sealed)).as("sealing twice changes nothing").isEqualTo(sealed);
        assertThat(JsonCodec.encodeToString(sealed)).doesNotContain(secrets.get(1).hash(), secrets.get(3).hash());
    }

    @Test
    void openAllGivesBackThePlainKeysAndLeavesOutWhatDoesNotOpen() {
        Instant notAfter = Instant.parse("2026-12-01T00:00:00Z");
        List<SecretHash> plain = List.of(SecretHash.sha256("new", null), SecretHash.signingKey("new", null),
                SecretHash.signingKey("old", notAfter));
        SecretHash foreign = new SourceKeySeal("another-secret-of-enough-bytes").seal(SecretHash.signingKey("x", null));
        List<SecretHash> sealed = new java.util.ArrayList<>(seal.sealAll(plain));
        sealed.add(foreign);

        assertThat(seal.openAll(sealed)).isEqualTo(plain);
    }

    @Test
    void aMissingOrShortSecretIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> new SourceKeySeal(null)).hasMessageContaining("PILOTAGE_SOURCE_KEY_SECRET");
        assertThatThrownBy(() -> new SourceKeySeal("short")).hasMessageContaining("at least 16 bytes");
    }
}
