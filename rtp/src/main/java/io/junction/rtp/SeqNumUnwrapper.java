package io.junction.rtp;

/**
 * Extends 16-bit sequence numbers to 64 bits (RFC 3550 §A.1 "extended sequence number"),
 * tolerating reordering: each input is placed at the extended value closest to the
 * highest one seen so far (within ±32767).
 *
 * <p>The first value unwraps to itself (cycle 0). A packet reordered before the first one
 * across the wrap unwraps to a negative number (e.g. first 0, then 65535 → -1). In every
 * case {@code (unwrap(s) & 0xFFFF) == s}. Not thread-safe: one per stream, on its worker.
 */
public final class SeqNumUnwrapper {
    private boolean started;
    private long highest;

    /** Unwraps {@code seq} and advances the highest value if it is newer. */
    public long unwrap(int seq) {
        long v = peek(seq);
        if (!started || v > highest) {
            highest = v;
            started = true;
        }
        return v;
    }

    /** Unwraps {@code seq} without changing state. */
    public long peek(int seq) {
        seq &= 0xFFFF;
        if (!started) {
            return seq;
        }
        return highest + SeqNum.diff(seq, (int) highest);
    }

    /** Highest extended value returned so far; meaningless before the first call. */
    public long highest() {
        return highest;
    }

    /** Whether any value has been unwrapped since construction or {@link #reset()}. */
    public boolean started() {
        return started;
    }

    /** Forgets all state. */
    public void reset() {
        started = false;
        highest = 0;
    }
}
