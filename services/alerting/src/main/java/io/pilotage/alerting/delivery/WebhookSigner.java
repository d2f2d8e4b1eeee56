package io.pilotage.alerting.delivery;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Signature of the generic outgoing webhook: {@code X-Pilotage-Signature: sha256=<hex>} where the
 * hex is HMAC-SHA256(secret, {@code <X-Pilotage-Timestamp>.<body>}). The timestamp (epoch seconds)
 * is signed with the body so a receiver can refuse replays older than its tolerance.
 */
public final class WebhookSigner {

    public static final String SIGNATURE_HEADER = "X-Pilotage-Signature";
    public static final String TIMESTAMP_HEADER = "X-Pilotage-Timestamp";
    public static final String DELIVERY_HEADER = "X-Pilotage-Delivery";

    private WebhookSigner() {
    }

    public static String sign(String secret, long epochSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((epochSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** What a receiver does: recompute, compare in constant time, and check the timestamp's age. */
    public static boolean verify(String secret, long epochSeconds, byte[] body, String signature, long nowSeconds,
                                 long toleranceSeconds) {
        if (Math.abs(nowSeconds - epochSeconds) > toleranceSeconds || signature == null) {
            return false;
        }
        return MessageDigest.isEqual(sign(secret, epochSeconds, body).getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8));
    }
}
