package io.junction.sfu.bwe;

/**
 * Turns the feedback for a probe cluster into a capacity estimate. For each cluster it tracks
 * the first/last send and arrival times and the bytes; once {@link #MIN_RECEIVED_SHARE} of the
 * cluster's packets (its minimum until {@link #onClusterSent} tells the real count) are
 * acknowledged it computes
 * <pre>
 *   send rate    = bytes sent except the last packet / (last send - first send)
 *   receive rate = bytes received except the first packet / (last arrival - first arrival)
 * </pre>
 * A receive rate clearly below the send rate (under 90 %) means the path saturated: the result
 * is 95 % of the receive rate. Otherwise it is min(send, receive). A cluster whose receive rate
 * is more than twice its send rate (a compressed burst) is discarded. Each cluster yields at
 * most one result; up to {@code slots} clusters are tracked at once (ids map to slots modulo).
 * Room worker only; allocation-free after construction.
 */
public final class ProbeResultEstimator {
    static final double MIN_RECEIVED_SHARE = 0.8;

    private final int[] id;
    private final int[] expected;
    private final int[] received;
    private final long[] firstSend;
    private final long[] lastSend;
    private final long[] firstArrival;
    private final long[] lastArrival;
    private final long[] bytes;
    private final int[] firstSize;
    private final int[] lastSize;
    private final boolean[] done;

    /** @param slots clusters tracked at once, in [1, 256] */
    public ProbeResultEstimator(int slots) {
        if (slots < 1 || slots > 256) {
            throw new IllegalArgumentException("probe result slots must be in [1, 256], was " + slots);
        }
        id = new int[slots];
        java.util.Arrays.fill(id, -1);
        expected = new int[slots];
        received = new int[slots];
        firstSend = new long[slots];
        lastSend = new long[slots];
        firstArrival = new long[slots];
        lastArrival = new long[slots];
        bytes = new long[slots];
        firstSize = new int[slots];
        lastSize = new int[slots];
        done = new boolean[slots];
    }

    /** Registers a cluster before its packets are sent. */
    public void onCluster(ProbeCluster c) {
        int s = slot(c.id());
        id[s] = c.id();
        expected[s] = c.minPackets();
        received[s] = 0;
        bytes[s] = 0;
        done[s] = false;
    }

    /**
     * Tells how many packets the cluster really had once it is sent (it may exceed the minimum
     * to reach its byte count); the result waits for {@link #MIN_RECEIVED_SHARE} of them.
     */
    public void onClusterSent(int clusterId, int packets) {
        int s = slot(clusterId);
        if (id[s] == clusterId) {
            expected[s] = Math.max(1, packets);
        }
    }

    private int slot(int clusterId) {
        return Math.floorMod(clusterId, id.length);
    }

    /**
     * Adds an acknowledged packet of cluster {@code clusterId}. Returns the cluster's result in
     * bits per second when this packet completes it, else -1.
     */
    public long onAcked(int clusterId, long sendUs, long arrivalUs, int size) {
        if (clusterId < 0) {
            return -1;
        }
        int s = slot(clusterId);
        if (id[s] != clusterId || done[s]) {
            return -1;
        }
        if (received[s] == 0) {
            firstSend[s] = lastSend[s] = sendUs;
            firstArrival[s] = lastArrival[s] = arrivalUs;
            firstSize[s] = lastSize[s] = size;
        } else {
            if (sendUs < firstSend[s]) {
                firstSend[s] = sendUs;
            }
            if (sendUs >= lastSend[s]) {
                lastSend[s] = sendUs;
                lastSize[s] = size;
            }
            if (arrivalUs < firstArrival[s]) {
                firstArrival[s] = arrivalUs;
                firstSize[s] = size;
            }
            lastArrival[s] = Math.max(lastArrival[s], arrivalUs);
        }
        received[s]++;
        bytes[s] += size;
        if (received[s] < Math.ceil(MIN_RECEIVED_SHARE * expected[s])) {
            return -1;
        }
        long sendSpan = lastSend[s] - firstSend[s];
        long recvSpan = lastArrival[s] - firstArrival[s];
        if (sendSpan <= 0 || recvSpan <= 0) {
            return -1; // wait for more packets
        }
        done[s] = true;
        double sendBps = (bytes[s] - lastSize[s]) * 8e6 / sendSpan;
        double recvBps = (bytes[s] - firstSize[s]) * 8e6 / recvSpan;
        if (recvBps > 2 * sendBps) {
            return -1;
        }
        if (recvBps < 0.9 * sendBps) {
            return (long) (0.95 * recvBps);
        }
        return (long) Math.min(sendBps, recvBps);
    }
}
