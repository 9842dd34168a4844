package io.junction.bench.load;

/**
 * Decides the fate of each packet on an impaired leg: dropped, delivered now, or delivered after a
 * delay (jitter; a long delay reorders it behind later packets). One instance per leg, called from
 * one thread at a time.
 */
@FunctionalInterface
public interface PacketImpairment {
    /** Returned by {@link #next()} for a dropped packet. */
    long DROP = -1;

    /** The next packet's fate: {@link #DROP}, 0 (now) or a delay in nanoseconds. */
    long next();

    /** No impairment: every packet now. */
    static PacketImpairment none() {
        return () -> 0;
    }
}
