package io.pilotage.ingestion.event;

import io.pilotage.contracts.CanonicalEvent;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Replaces an event's {@code subject} (a person: app user, customer, email, MSISDN) with a keyed
 * HMAC-SHA256 pseudonym before anything leaves ingestion (DESIGN §2.1). The same subject and key
 * always give the same pseudonym, so distinct counts and retention still work; without the key
 * the raw value cannot be recovered or confirmed by brute force over phone numbers.
 * The pseudonym is {@code u_} followed by the first 128 bits of the MAC in hex.
 */
public final class SubjectPseudonymizer {

    /** Prefix of every pseudonym. */
    public static final String PREFIX = "u_";
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_SECRET_BYTES = 16;

    private final SecretKeySpec key;

    public SubjectPseudonymizer(String secret) {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the pseudonymisation secret must be at least " + MIN_SECRET_BYTES
                    + " bytes (set PILOTAGE_PSEUDONYM_SECRET)");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    public String pseudonym(String subject) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal(subject.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** The event with its subject pseudonymised; events without a subject are returned as they are. */
    public CanonicalEvent apply(CanonicalEvent event) {
        return event.subject() == null ? event : event.withSubject(pseudonym(event.subject()));
    }
}
