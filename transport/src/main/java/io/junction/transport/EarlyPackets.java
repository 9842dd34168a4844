package io.junction.transport;

/**
 * SRTP/SRTCP datagrams that arrive after ICE connected but before this side has its DTLS keys:
 * the peer may finish the handshake first (the DTLS server completes before the client reads the
 * final flight) and send media at once. Up to a fixed number are kept as copies and handed back,
 * in order, as soon as the keys exist. Guarded by its owner's lock.
 */
final class EarlyPackets {

    /** Where held packets go once they can be decrypted. */
    @FunctionalInterface
    interface Sink {
        void accept(byte[] buf, int off, int len);
    }

    private final byte[][] held;
    private final int[] lengths;
    private int count;

    EarlyPackets(int capacity) {
        held = new byte[capacity][];
        lengths = new int[capacity];
    }

    /** Keeps a copy; false when full (the caller counts the drop). */
    boolean hold(byte[] buf, int off, int len) {
        if (count == held.length) {
            return false;
        }
        byte[] copy = new byte[len + 64];
        System.arraycopy(buf, off, copy, 0, len);
        held[count] = copy;
        lengths[count] = len;
        count++;
        return true;
    }

    /** Hands every held packet to {@code sink}, oldest first, and forgets them. */
    void drain(Sink sink) {
        if (count == 0) {
            return;
        }
        int n = count;
        count = 0;
        for (int i = 0; i < n; i++) {
            byte[] b = held[i];
            held[i] = null;
            sink.accept(b, 0, lengths[i]);
        }
    }

    int size() {
        return count;
    }
}
