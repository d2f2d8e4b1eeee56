package io.pilotage.ingestion.source;

import io.pilotage.contracts.definition.SourceDefinition;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** HMAC-signature source authentication, in plain Java. */
class SignatureVerifierTest {

    private static final Instant NOW = Instant.parse("2026-11-27T03:00:00Z");
    private static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final String SECRET = "qradar-soc-demo-token";
    private static final byte[] BODY = "{\"id\":42,\"status\":\"OPEN\"}".getBytes(StandardCharsets.UTF_8);

    private static SourceDefinition source(SourceDefinition.SecretHash... secrets) {
        return new SourceDefinition("signed-source", "cybersecurity", "qradar", List.of(secrets), null, null, null,
                null, null);
    }

    private static SourceDefinition.SecretHash key(String secret, Instant notAfter) {
        return new SourceDefinition.SecretHash(SignatureVerifier.ALGORITHM, SignatureVerifier.signingKey(secret), notAfter);
    }

    private static String ts(Instant at) {
        return Long.toString(at.getEpochSecond());
    }

    private static String sign(String secret, String timestamp, byte[] body) {
        return SignatureVerifier.signatureHeader(SignatureVerifier.signingKey(secret), timestamp, body);
    }

    @Test
    void theRightSignatureOfAFreshRequestIsAccepted() {
        String t = ts(NOW.minusSeconds(30));
        assertThat(SignatureVerifier.accepts(source(key(SECRET, null)), t, sign(SECRET, t, BODY), BODY, NOW, TOLERANCE))
                .isTrue();
    }

    @Test
    void aSignatureMadeWithAnotherSecretIsRefused() {
        String t = ts(NOW);
        assertThat(SignatureVerifier.accepts(source(key(SECRET, null)), t, sign("another-secret", t, BODY), BODY, NOW,
                TOLERANCE)).isFalse();
    }

    @Test
    void aTamperedBodyOrTimestampIsRefused() {
        String t = ts(NOW);
        String signature = sign(SECRET, t, BODY);
        byte[] tampered = "{\"id\":42,\"status\":\"CLOSED\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(SignatureVerifier.accepts(source(key(SECRET, null)), t, signature, tampered, NOW, TOLERANCE)).isFalse();
        assertThat(SignatureVerifier.accepts(source(key(SECRET, null)), ts(NOW.plusSeconds(1)), signature, BODY, NOW,
                TOLERANCE)).isFalse();
    }

    @Test
    void aTimestampOutsideTheToleranceIsRefusedEvenWellSigned() {
        for (Instant at : List.of(NOW.minus(TOLERANCE).minusSeconds(1), NOW.plus(TOLERANCE).plusSeconds(1))) {
            String t = ts(at);
            assertThat(SignatureVerifier.accepts(source(key(SECRET, null)), t, sign(SECRET, t, BODY), BODY, NOW, TOLERANCE))
                    .as("signed at %s", at).isFalse();
        }
        String edge = ts(NOW.minus(TOLERANCE));
        assertThat(SignatureVerifier.accepts(source(key(SECRET, null)), edge, sign(SECRET, edge, BODY), BODY, NOW, TOLERANCE))
                .isTrue();
    }

    @Test
    void missingOrMalformedHeadersAreRefused() {
        String t = ts(NOW);
        String good = sign(SECRET, t, BODY);
        SourceDefinition source = source(key(SECRET, null));

        assertThat(SignatureVerifier.accepts(source, null, good, BODY, NOW, TOLERANCE)).isFalse();
        assertThat(SignatureVerifier.accepts(source, t, null, BODY, NOW, TOLERANCE)).isFalse();
        assertThat(SignatureVerifier.accepts(source, t, good.substring("sha256=".length()), BODY, NOW, TOLERANCE)).isFalse();
        assertThat(SignatureVerifier.accepts(source, t, "sha256=zz", BODY, NOW, TOLERANCE)).isFalse();
        assertThat(SignatureVerifier.accepts(source, "-1", good, BODY, NOW, TOLERANCE)).isFalse();
        assertThat(SignatureVerifier.accepts(source, "2026-11-27T03:00:00Z", good, BODY, NOW, TOLERANCE)).isFalse();
        assertThat(SignatureVerifier.accepts(source, "99999999999999999999", good, BODY, NOW, TOLERANCE)).isFalse();
        // upper-case hex is the same signature
        assertThat(SignatureVerifier.accepts(source, t, "sha256=" + good.substring(7).toUpperCase(), BODY, NOW, TOLERANCE))
                .isTrue();
    }

    @Test
    void onlySigningKeysSignAndARotatedOutKeyStopsAtItsNotAfter() {
        String t = ts(NOW);
        // a source with only the SHA-256 of its secret (header-token authentication) accepts no signature
        SourceDefinition tokenOnly = source(new SourceDefinition.SecretHash("sha256", SourceAuthenticator.hash(SECRET), null));
        assertThat(SignatureVerifier.accepts(tokenOnly, t, sign(SECRET, t, BODY), BODY, NOW, TOLERANCE)).isFalse();

        SourceDefinition rotating = source(key("new-secret", null), key(SECRET, NOW.plusSeconds(60)));
        assertThat(SignatureVerifier.accepts(rotating, t, sign("new-secret", t, BODY), BODY, NOW, TOLERANCE)).isTrue();
        assertThat(SignatureVerifier.accepts(rotating, t, sign(SECRET, t, BODY), BODY, NOW, TOLERANCE)).isTrue();
        Instant later = NOW.plusSeconds(61);
        String t2 = ts(later);
        assertThat(SignatureVerifier.accepts(rotating, t2, sign(SECRET, t2, BODY), BODY, later, TOLERANCE)).isFalse();
    }

    @Test
    void theBundledSourcesHoldTheSigningKeysOfTheirDemoSecrets() throws Exception {
        for (String id : List.of("ga4-mobile", "qradar-soc")) {
            try (var in = getClass().getClassLoader().getResourceAsStream("sources/" + id + ".yaml")) {
                SourceDefinition bundled = SourceYaml.read(in);
                assertThat(bundled.secrets()).extracting(SourceDefinition.SecretHash::hash)
                        .contains(SignatureVerifier.signingKey(id + "-demo-token"), SourceAuthenticator.hash(id + "-demo-token"));
            }
        }
    }

    @Test
    void theStoredKeyIsNotTheSecretAndNotItsTokenHash() {
        String key = SignatureVerifier.signingKey(SECRET);
        assertThat(key).hasSize(64).isNotEqualTo(SourceAuthenticator.hash(SECRET));
        // the signing key is not a token: header-token authentication never accepts it
        SourceDefinition both = source(new SourceDefinition.SecretHash("sha256", SourceAuthenticator.hash(SECRET), null),
                key(SECRET, null));
        assertThat(SourceAuthenticator.accepts(both, key, NOW)).isFalse();
        assertThat(SourceAuthenticator.accepts(both, SECRET, NOW)).isTrue();
    }
}
