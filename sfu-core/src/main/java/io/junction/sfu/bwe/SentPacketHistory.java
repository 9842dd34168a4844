package io.junction.sfu.bwe;

import io.junction.rtp.SeqNumUnwrapper;

/**
 * What was sent under each transport-wide sequence number
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01 §2): send time, size and probe cluster,
 * in a ring of primitive arrays indexed by the extended sequence number. Feedback looks a
 * packet up by its 16-bit number, unwrapped next to the newest one sent; a slot overwritten by
 * a newer packet or never filled is reported as unknown. Each packet's feedback state moves
 * {@code SENT → LOST → ACKED} (a loss report can be corrected by a later one, never the other
 * way), so duplicated feedback is recognised. Room worker only; no allocation after construction.
 */
public final class SentPacketHistory {
    /** Feedback state of a slot. */
    public static final byte SENT = 0;
    public static final byte LOST = 1;
    public static final byte ACKED = 2;
    /** Cluster id of a packet that belongs to no probe. */
    public static final int NO_CLUSTER = -1;

    private final int mask;
    private final long[] seq;
    private final long[] sendUs;
    private final int[] size;
    private final int[] cluster;
    private final byte[] state;
    private final SeqNumUnwrapper unwrapper = new SeqNumUnwrapper();

    /**
     * @param capacity packets remembered, a power of two in [64, 32768] (at most half the
     *                 16-bit sequence space, so unwrapping stays unambiguous)
     */
    public SentPacketHistory(int capacity) {
        if (capacity < 64 || capacity > 32768 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("history capacity must be a power of two in [64, 32768], was " + capacity);
        }
        mask = capacity - 1;
        seq = new long[capacity];
        java.util.Arrays.fill(seq, Long.MIN_VALUE);
        sendUs = new long[capacity];
        size = new int[capacity];
        cluster = new int[capacity];
        state = new byte[capacity];
    }

    /** Records a packet sent at {@code nowUs} with transport-wide sequence number {@code twSeq}. */
    public void onSent(int twSeq, long nowUs, int sizeBytes, int probeCluster) {
        long ext = unwrapper.unwrap(twSeq & 0xFFFF);
        int i = (int) (ext & mask);
        seq[i] = ext;
        sendUs[i] = nowUs;
        size[i] = sizeBytes;
        cluster[i] = probeCluster;
        state[i] = SENT;
    }

    /** Slot of the packet a feedback calls {@code twSeq}, or -1 if it is not (or no longer) known. */
    public int slotOf(int twSeq) {
        if (!unwrapper.started()) {
            return -1;
        }
        long ext = unwrapper.peek(twSeq & 0xFFFF);
        int i = (int) (ext & mask);
        return seq[i] == ext ? i : -1;
    }

    public long sendTimeUs(int slot) {
        return sendUs[slot];
    }

    public int size(int slot) {
        return size[slot];
    }

    public int cluster(int slot) {
        return cluster[slot];
    }

    public byte state(int slot) {
        return state[slot];
    }

    public void setState(int slot, byte s) {
        state[slot] = s;
    }

    public int capacity() {
        return mask + 1;
    }
}
