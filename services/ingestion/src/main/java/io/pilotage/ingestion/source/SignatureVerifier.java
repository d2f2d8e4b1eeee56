package io.pilotage.ingestion.source;

import io.pilotage.contracts.definition.SourceDefinition;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Source authentication by an HMAC signature of the request (DESIGN §2.2), for sources that can
 * sign what they send:
 *
 * <pre>
 * X-Pilotage-Timestamp: &lt;unix seconds&gt;
 * X-Pilotage-Signature: sha256=&lt;hex HMAC-SHA256(signing key, timestamp + "." + raw body)&gt;
 * </pre>
 *
 * The signing key is derived from the source's secret, {@code HMAC-SHA256(secret,
 * "pilotage-source-signing-key/v1")}: it is what the source definition stores (a
 * {@link SourceDefinition.SecretHash} of algorithm {@value #ALGORITHM}, the key in hex) because an
 * HMAC can only be checked with the key itself; the secret is never stored. A timestamp more than
 * {@code tolerance} away from now is refused (replays of an old request); within the tolerance a
 * replayed request is stopped by deduplication of {@code (source, id)}. Every accepted key is tried
 * (several during a rotation; a rotated-out one until its {@code notAfter}), each compared in
 * constant time, without early exit.
 */
public final class SignatureVerifier {

    /** {@link SourceDefinition.SecretHash#algorithm()} of a stored signing key. */
    public static final String ALGORITHM = SourceDefinition.SecretHash.SIGNING_KEY;
    public static final String TIMESTAMP_HEADER = "X-Pilotage-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Pilotage-Signature";
    private static final String PREFIX = "sha256=";
    private static final Pattern UNIX_SECONDS = Pattern.compile("[0-9]{1,12}");
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private SignatureVerifier() {
    }

    /**
     * Whether {@code signature} over {@code timestamp} and {@code body} was made with one of the
     * source's signing keys, and {@code timestamp} is within {@code tolerance} of {@code now}.
     */
    public static boolean accepts(SourceDefinition source, String timestamp, String signature, byte[] body, Instant now,
                                  Duration tolerance) {
        if (timestamp == null || signature == null || !UNIX_SECONDS.matcher(timestamp).matches()
                || !signature.startsWith(PREFIX) || !HEX_SHA256.matcher(signature.substring(PREFIX.length())).matches()) {
            return false;
        }
        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
        if (Duration.between(signedAt, now).abs().compareTo(tolerance) > 0) {
            return false;
        }
        byte[] presented = HexFormat.of().parseHex(signature.substring(PREFIX.length()).toLowerCase(Locale.ROOT));
        boolean match = false;
        for (byte[] key : SourceAuthenticator.current(source, ALGORITHM, now)) {
            // no early exit: every key is tried, each signature compared in constant time
            match |= MessageDigest.isEqual(sign(key, timestamp, body), presented);
        }
        return match;
    }

    /** The signing key of a secret, hex (what a source definition stores, and what the source signs with). */
    public static String signingKey(String secret) {
        return SourceDefinition.SecretHash.signingKey(secret, null).hash();
    }

    /** The value of {@value #SIGNATURE_HEADER} for {@code body} sent at {@code timestamp} (unix seconds). */
    public static String signatureHeader(String signingKeyHex, String timestamp, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(sign(HexFormat.of().parseHex(signingKeyHex), timestamp, body));
    }

    private static byte[] sign(byte[] key, String timestamp, byte[] body) {
        Mac mac = mac(key);
        mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
        return mac.doFinal(body);
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
