package io.pilotage.contracts.definition;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A registered source system (DESIGN §5.5) as published on {@code pilotage.definitions.v1}: what
 * ingestion needs to authenticate, map and check its events.
 *
 * @param id               source id, unique, e.g. {@code odoo-prod}
 * @param project          the project its events belong to
 * @param kind             {@code odoo}, {@code ga4}, {@code qradar}, {@code splunk} or {@code generic}
 * @param secrets          hashes of the source's accepted secrets (more than one during a rotation)
 * @param mapping          the adapter's mapping from native fields to canonical events; its shape
 *                         depends on {@code kind} and is documented with each adapter
 * @param personalFields   attribute names holding personal data, pseudonymised before publication
 * @param qualityRules     data-quality rules (DESIGN §5.4), applied by ingestion
 * @param expectedInterval the longest normal silence; past it the source is reported silent
 * @param acceptedLateness how old an event's {@code occurredAt} may be when received
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SourceDefinition(String id, String project, String kind, List<SecretHash> secrets,
                               Map<String, Object> mapping, List<String> personalFields,
                               List<QualityRule> qualityRules, Duration expectedInterval,
                               Duration acceptedLateness) {

    public SourceDefinition {
        secrets = secrets == null ? List.of() : List.copyOf(secrets);
        mapping = mapping == null ? Map.of() : Map.copyOf(mapping);
        personalFields = personalFields == null ? List.of() : List.copyOf(personalFields);
        qualityRules = qualityRules == null ? List.of() : List.copyOf(qualityRules);
    }

    /** A copy with other secrets (e.g. a rotation, or signing keys sealed or opened, see {@link SourceKeySeal}). */
    public SourceDefinition withSecrets(List<SecretHash> newSecrets) {
        return new SourceDefinition(id, project, kind, newSecrets, mapping, personalFields, qualityRules, expectedInterval,
                acceptedLateness);
    }

    /**
     * A hash of one accepted secret.
     *
     * @param algorithm {@code sha256} (of the secret's UTF-8 bytes, hex), or
     *                  {@value #SIGNING_KEY} (the key request signatures are checked with, see
     *                  {@link #signingKey})
     * @param hash      the hash
     * @param notAfter  when a rotated-out secret stops being accepted; null while current
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SecretHash(String algorithm, String hash, Instant notAfter) {

        /** The algorithm of a stored secret hash (what a presented token is compared with). */
        public static final String SHA256 = "sha256";
        /** The algorithm of a stored signing key. */
        public static final String SIGNING_KEY = "hmac-sha256-key";
        private static final byte[] SIGNING_KEY_LABEL = "pilotage-source-signing-key/v1".getBytes(StandardCharsets.UTF_8);

        /**
         * What a source definition keeps of a current secret: its {@link #sha256} hash and its
         * {@link #signingKey}, never the secret.
         */
        public static List<SecretHash> of(String secret) {
            return List.of(sha256(secret, null), signingKey(secret, null));
        }

        /** The hash of a source secret, as stored: SHA-256 of its UTF-8 bytes, in hex. */
        public static SecretHash sha256(String secret, Instant notAfter) {
            try {
                return new SecretHash(SHA256, HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8))), notAfter);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }

        /**
         * The signing key of a source secret, as stored: {@code HMAC-SHA256(key = secret,
         * "pilotage-source-signing-key/v1")} in hex. A signature can only be checked with the key
         * itself, so this derived key is what a definition keeps, never the secret.
         */
        public static SecretHash signingKey(String secret, Instant notAfter) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                return new SecretHash(SIGNING_KEY, HexFormat.of().formatHex(mac.doFinal(SIGNING_KEY_LABEL)), notAfter);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("every JDK has HmacSHA256", e);
            }
        }
    }
}
