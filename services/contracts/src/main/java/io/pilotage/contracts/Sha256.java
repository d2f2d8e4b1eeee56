package io.pilotage.contracts;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * One SHA-256 digest per thread (the event loops), reused: {@code MessageDigest.getInstance} looks
 * the algorithm up among the security providers each time, which cost more than hashing a token or
 * an event's key. A digest is reset by {@code digest()}, so each use must end with it before the
 * thread's next one starts.
 */
public final class Sha256 {

    private static final ThreadLocal<MessageDigest> PER_THREAD = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    });

    private Sha256() {
    }

    /** This thread's digest. */
    public static MessageDigest perThread() {
        return PER_THREAD.get();
    }
}
