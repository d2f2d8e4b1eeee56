package io.pilotage.ingestion.dedupe;

import io.pilotage.contracts.Sha256;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.UUID;

/**
 * The ledger's key of a pair: the first 16 bytes of SHA-256 over {@code source}, a NUL and
 * {@code id} in UTF-8, as a UUID (the SQL function {@code ingestion.ledger_key} computes the same).
 * One fixed-size key costs PostgreSQL about half of what the two texts did per claimed row.
 */
public final class LedgerKey {

    private LedgerKey() {
    }

    public static UUID of(EventRef ref) {
        MessageDigest sha = Sha256.perThread();
        sha.update(ref.source().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        byte[] digest = sha.digest(ref.id().getBytes(StandardCharsets.UTF_8));
        return new UUID(longAt(digest, 0), longAt(digest, 8));
    }

    private static long longAt(byte[] bytes, int from) {
        long value = 0;
        for (int i = from; i < from + 8; i++) {
            value = (value << 8) | (bytes[i] & 0xff);
        }
        return value;
    }
}
