package io.junction.signaling;

import java.util.function.LongSupplier;

/**
 * A token bucket: {@code ratePerSecond} tokens accrue per second up to {@code burst}; each
 * message takes one. Time comes from an injected nanosecond clock. Used by one connection's
 * thread at a time (not thread-safe).
 */
final class TokenBucket {
    private final double ratePerNano;
    private final double burst;
    private final LongSupplier nanoClock;
    private double tokens;
    private long last;

    TokenBucket(double ratePerSecond, int burst, LongSupplier nanoClock) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.nanoClock = nanoClock;
        this.tokens = burst;
        this.last = nanoClock.getAsLong();
    }

    /** Takes one token; false when the bucket is empty. */
    boolean tryTake() {
        long now = nanoClock.getAsLong();
        long elapsed = now - last;
        last = now;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed * ratePerNano);
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
