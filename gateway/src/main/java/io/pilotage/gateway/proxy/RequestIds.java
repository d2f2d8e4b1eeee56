package io.pilotage.gateway.proxy;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code X-Request-Id} of a request: the client's own when it is sane, a fresh random UUID
 * otherwise. "Sane" means 1 to 128 characters among letters, digits and {@code . _ : -}: enough
 * for UUIDs, ULIDs and trace ids, and nothing that could forge a log line or a header.
 */
public final class RequestIds {

    /** The header's name. */
    public static final String HEADER = "X-Request-Id";

    private static final int MAX_LENGTH = 128;

    private RequestIds() {
    }

    /** {@code candidate} if it is a sane request id, a new one otherwise. */
    public static String acceptOrGenerate(String candidate) {
        return isSane(candidate) ? candidate : generate();
    }

    /** Whether {@code candidate} may be used as it is. */
    public static boolean isSane(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == ':';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * A random (version 4) UUID. Request ids need uniqueness, not unpredictability, so this uses
     * {@link ThreadLocalRandom} rather than {@link UUID#randomUUID()}'s contended SecureRandom.
     */
    public static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
        return new UUID(most, least).toString();
    }
}
