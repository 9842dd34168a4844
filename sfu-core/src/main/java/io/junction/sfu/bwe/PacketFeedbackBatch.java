package io.junction.sfu.bwe;

/**
 * The packets newly acknowledged by one feedback message, in transport-wide sequence order
 * (which is send order), as parallel primitive arrays; plus how many were newly reported lost.
 * Arrival times are on the receiver's clock (only differences between them mean anything).
 * Reused for every feedback: the content is valid until the next fill.
 */
public final class PacketFeedbackBatch {
    final long[] sendUs;
    final long[] arrivalUs;
    final int[] size;
    final int[] cluster;
    int count;
    int lost;

    PacketFeedbackBatch(int capacity) {
        sendUs = new long[capacity];
        arrivalUs = new long[capacity];
        size = new int[capacity];
        cluster = new int[capacity];
    }

    void clear() {
        count = 0;
        lost = 0;
    }

    /** False (dropping the packet) when full. */
    boolean add(long send, long arrival, int bytes, int probeCluster) {
        if (count == sendUs.length) {
            return false;
        }
        sendUs[count] = send;
        arrivalUs[count] = arrival;
        size[count] = bytes;
        cluster[count] = probeCluster;
        count++;
        return true;
    }

    /** Packets newly acknowledged (received). */
    public int count() {
        return count;
    }

    /** Packets newly reported lost. */
    public int lost() {
        return lost;
    }

    public long sendTimeUs(int i) {
        return sendUs[i];
    }

    public long arrivalTimeUs(int i) {
        return arrivalUs[i];
    }

    public int size(int i) {
        return size[i];
    }

    public int cluster(int i) {
        return cluster[i];
    }
}
