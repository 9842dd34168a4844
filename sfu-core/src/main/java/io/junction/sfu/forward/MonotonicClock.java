package io.junction.sfu.forward;

/**
 * A monotonic millisecond clock, injected so that tests drive time explicitly.
 *
 * <p>The forwarding units take {@code now} as a parameter; the room worker reads this clock
 * once per event and passes the value down. Implementations must never go backwards.
 */
@FunctionalInterface
public interface MonotonicClock {
    /** Milliseconds from an arbitrary fixed origin; never decreases. */
    long nowMillis();

    /** A clock backed by {@link System#nanoTime()}. */
    static MonotonicClock system() {
        return () -> System.nanoTime() / 1_000_000L;
    }
}
