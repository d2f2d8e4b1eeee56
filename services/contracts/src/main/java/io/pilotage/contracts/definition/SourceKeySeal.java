package io.pilotage.contracts.definition;

import io.pilotage.contracts.definition.SourceDefinition.SecretHash;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Seals the signing keys of sources (DESIGN §2.2) so they never travel or rest in the clear: a
 * source definition on {@code pilotage.definitions.v1}, and in governance's database, carries its
 * signing key encrypted with AES-256-GCM under a key only governance (which seals) and ingestion
 * (which opens, to check signatures) are given, {@code PILOTAGE_SOURCE_KEY_SECRET}. Every other
 * reader of the topic sees SHA-256 hashes and sealed keys, nothing a request could be signed with.
 *
 * <p>Stored as a {@link SecretHash} of algorithm {@value #ALGORITHM} whose {@code hash} is
 * {@code base64url(nonce(12) || ciphertext || tag(16))}; the AES key is
 * {@code HMAC-SHA256(secret, "pilotage-source-key-seal/v1")}, the associated data names the purpose
 * and the algorithm, so a sealed value cannot be passed off as anything else. Plain Java.
 */
public final class SourceKeySeal {

    /** The algorithm of a sealed signing key. */
    public static final String ALGORITHM = "hmac-sha256-key+a256gcm";
    /** Shortest secret accepted (bytes of its UTF-8 form). */
    public static final int MIN_SECRET_BYTES = 16;
    private static final byte[] KEY_LABEL = "pilotage-source-key-seal/v1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ASSOCIATED_DATA = ("pilotage source signing key/" + ALGORITHM).getBytes(StandardCharsets.UTF_8);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    /**
     * @param secret the configured secret, at least {@value #MIN_SECRET_BYTES} bytes
     * @throws IllegalArgumentException when it is missing or too short (the message names the variable)
     */
    public SourceKeySeal(String secret) {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the secret sealing source signing keys must be at least "
                    + MIN_SECRET_BYTES + " bytes (set PILOTAGE_SOURCE_KEY_SECRET)");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            this.key = new SecretKeySpec(mac.doFinal(KEY_LABEL), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    /** The secrets with every plain signing key sealed (hashes and already sealed keys kept as they are). */
    public List<SecretHash> sealAll(List<SecretHash> secrets) {
        List<SecretHash> out = new ArrayList<>(secrets.size());
        for (SecretHash s : secrets) {
            out.add(SecretHash.SIGNING_KEY.equals(s.algorithm()) ? seal(s) : s);
        }
        return List.copyOf(out);
    }

    /**
     * The secrets with every sealed signing key opened (as a plain {@link SecretHash#SIGNING_KEY}, hex,
     * same {@code notAfter}); one that does not open (sealed under another secret, altered) is left
     * out, so it never verifies anything. Hashes and plain keys are kept as they are.
     */
    public List<SecretHash> openAll(List<SecretHash> secrets) {
        List<SecretHash> out = new ArrayList<>(secrets.size());
        for (SecretHash s : secrets) {
            if (ALGORITHM.equals(s.algorithm())) {
                open(s).ifPresent(k -> out.add(new SecretHash(SecretHash.SIGNING_KEY, HexFormat.of().formatHex(k), s.notAfter())));
            } else {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }

    /** A plain signing key ({@link SecretHash#SIGNING_KEY}, hex) sealed. */
    public SecretHash seal(SecretHash signingKey) {
        if (!SecretHash.SIGNING_KEY.equals(signingKey.algorithm())) {
            throw new IllegalArgumentException("only a " + SecretHash.SIGNING_KEY + " is sealed, not " + signingKey.algorithm());
        }
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(ASSOCIATED_DATA);
            byte[] sealed = cipher.doFinal(HexFormat.of().parseHex(signingKey.hash()));
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return new SecretHash(ALGORITHM, Base64.getUrlEncoder().withoutPadding().encodeToString(out), signingKey.notAfter());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has AES/GCM", e);
        }
    }

    /**
     * The signing key inside a sealed value; empty when it was sealed under another secret, was
     * altered, or is not a sealed value at all.
     */
    public Optional<byte[]> open(SecretHash sealed) {
        if (!ALGORITHM.equals(sealed.algorithm()) || sealed.hash() == null) {
            return Optional.empty();
        }
        try {
            byte[] in = Base64.getUrlDecoder().decode(sealed.hash());
            if (in.length <= NONCE_BYTES + TAG_BITS / 8) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(ASSOCIATED_DATA);
            return Optional.of(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }
}
