package io.pilotage.ingestion.overload;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code max} requests inside the service at once. Past it a request is refused at once
 * (the caller answers 503 with {@code Retry-After}) instead of queueing: under an offered load the
 * service cannot serve, waiting requests would pile up on the heap until it fails for everyone.
 */
public final class InFlightLimit {

    private final int max;
    private final AtomicInteger inFlight = new AtomicInteger();

    public InFlightLimit(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("the in-flight limit must be at least 1, got " + max);
        }
        this.max = max;
    }

    /** Takes a place; false (nothing taken) when all {@code max} are taken. */
    public boolean tryAcquire() {
        while (true) {
            int n = inFlight.get();
            if (n >= max) {
                return false;
            }
            if (inFlight.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Gives back a place taken by {@link #tryAcquire()}. */
    public void release() {
        inFlight.decrementAndGet();
    }

    public int inFlight() {
        return inFlight.get();
    }

    public int max() {
        return max;
    }
}
