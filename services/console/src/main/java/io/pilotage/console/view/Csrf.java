package io.pilotage.console.view;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The anti-forgery token of the console's forms: an HMAC of the session (the ID token's session id
 * and subject) under the console's secret. A page puts it in every form; a POST without the token of
 * its own session is refused. Another site can neither read it (same-origin) nor compute it.
 */
public final class Csrf {

    public static final String FIELD = "_csrf";
    private final SecretKeySpec key;

    public Csrf(String secret) {
        if (secret == null || secret.length() < 32) {
            throw new IllegalArgumentException("the console's session secret must have at least 32 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String token(String session) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] h = mac.doFinal(("csrf:" + session).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(h);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean valid(String session, String presented) {
        if (presented == null || presented.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(token(session).getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }
}
