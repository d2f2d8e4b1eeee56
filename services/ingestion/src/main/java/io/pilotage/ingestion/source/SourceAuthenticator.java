package io.pilotage.ingestion.source;

import io.pilotage.contracts.definition.SourceDefinition;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks a source's own secret (DESIGN §2.2): the secret is never stored, only its SHA-256; the
 * presented secret is hashed and compared in constant time with every accepted hash (several
 * during a rotation; a rotated-out one until its {@code notAfter}).
 */
public final class SourceAuthenticator {

    private SourceAuthenticator() {
    }

    /** Whether {@code presented} is one of the source's accepted secrets at {@code now}. */
    public static boolean accepts(SourceDefinition source, String presented, Instant now) {
        if (presented == null || presented.isEmpty() || presented.length() > 1024) {
            return false;
        }
        byte[] presentedHash = sha256(presented);
        boolean match = false;
        for (byte[] expected : current(source, SourceDefinition.SecretHash.SHA256, now)) {
            // no early exit: every hash is compared, each in constant time
            match |= MessageDigest.isEqual(expected, presentedHash);
        }
        return match;
    }

    /**
     * The source's stored secrets of {@code algorithm} (a missing algorithm counts as
     * {@code sha256}) still valid at {@code now}, decoded from hex; malformed ones are skipped.
     */
    static List<byte[]> current(SourceDefinition source, String algorithm, Instant now) {
        List<byte[]> out = new ArrayList<>(source.secrets().size());
        for (SourceDefinition.SecretHash secret : source.secrets()) {
            String kind = secret.algorithm() == null ? SourceDefinition.SecretHash.SHA256 : secret.algorithm();
            if (secret.hash() == null || !algorithm.equalsIgnoreCase(kind)
                    || (secret.notAfter() != null && now.isAfter(secret.notAfter()))) {
                continue;
            }
            try {
                byte[] value = HexFormat.of().parseHex(secret.hash().toLowerCase(Locale.ROOT));
                if (value.length > 0) {
                    out.add(value);
                }
            } catch (IllegalArgumentException e) {
                // not hex: never matches
            }
        }
        return out;
    }

    /** The source among {@code candidates} that {@code presented} belongs to (Splunk HEC: the token names the source). */
    public static Optional<SourceDefinition> whoseSecret(Iterable<SourceDefinition> candidates, String presented, Instant now) {
        SourceDefinition found = null;
        for (SourceDefinition s : candidates) {
            if (accepts(s, presented, now) && found == null) {
                found = s;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The stored form of a secret: hex SHA-256 of its UTF-8 bytes (as every source definition keeps it). */
    public static String hash(String secret) {
        return SourceDefinition.SecretHash.sha256(secret, null).hash();
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
