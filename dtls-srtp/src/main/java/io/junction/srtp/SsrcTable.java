package io.junction.srtp;

/**
 * A small bounded map from SSRC to a per-SSRC value, searched linearly with a one-entry
 * cache of the last hit. Lookups never allocate (no boxing); it is single-threaded.
 *
 * @param <T> the per-SSRC value (a jitsi-srtp crypto context)
 */
final class SsrcTable<T> {
    private final int[] keys;
    private final Object[] values;
    private int size;
    private int lastHit = -1;

    SsrcTable(int capacity) {
        keys = new int[capacity];
        values = new Object[capacity];
    }

    /** The value for ssrc, or null. */
    @SuppressWarnings("unchecked")
    T get(int ssrc) {
        int last = lastHit;
        if (last >= 0 && keys[last] == ssrc) {
            return (T) values[last];
        }
        for (int i = 0; i < size; i++) {
            if (keys[i] == ssrc) {
                lastHit = i;
                return (T) values[i];
            }
        }
        return null;
    }

    /** Adds a value; returns false when the table is full. */
    boolean put(int ssrc, T value) {
        if (size == keys.length) {
            return false;
        }
        keys[size] = ssrc;
        values[size] = value;
        lastHit = size;
        size++;
        return true;
    }

    boolean isFull() {
        return size == keys.length;
    }

    int size() {
        return size;
    }

    void clear() {
        java.util.Arrays.fill(values, null);
        size = 0;
        lastHit = -1;
    }
}
