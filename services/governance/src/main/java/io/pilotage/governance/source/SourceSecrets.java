package io.pilotage.governance.source;

import io.pilotage.contracts.definition.SourceDefinition.SecretHash;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A source's secrets: generated here (256 random bits), shown once, never stored. What is kept of
 * each: its SHA-256 hex (what ingestion compares a presented token with) and the signing key
 * derived from it (what ingestion checks request signatures with,
 * {@link SecretHash#signingKey}). Rotation keeps the previous secret valid for an overlap
 * period, so the source system can switch without losing events.
 */
public final class SourceSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SourceSecrets() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "pls_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String sha256Hex(String secret) {
        return SecretHash.sha256(secret, null).hash();
    }

    /**
     * The hashes after a rotation at {@code now}: the new secret current, the previously current
     * ones valid until {@code now + overlap}, those already expired dropped.
     */
    public static List<SecretHash> rotate(List<SecretHash> before, String newSecret, Instant now, Duration overlap) {
        List<SecretHash> out = new ArrayList<>(SecretHash.of(newSecret));
        for (SecretHash h : before) {
            if (h.notAfter() == null) {
                if (!overlap.isZero()) {
                    out.add(new SecretHash(h.algorithm(), h.hash(), now.plus(overlap)));
                }
            } else if (h.notAfter().isAfter(now)) {
                out.add(h);
            }
        }
        return out;
    }
}
