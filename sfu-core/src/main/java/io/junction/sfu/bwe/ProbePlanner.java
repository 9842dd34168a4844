package io.junction.sfu.bwe;

import java.util.ArrayDeque;

/**
 * Decides when to probe and at which rates: at start-up two clusters at 2× and 3× the initial
 * estimate; later on request (an allocator that wants a higher layer asks for its bitrate),
 * at most one request per {@link #MIN_REQUEST_INTERVAL_US} and never above 3× the estimate or
 * above the configured maximum. Clusters are polled by whoever sends padding (the pacer's
 * owner). Room worker only; a cluster is allocated per probe, not per packet.
 */
public final class ProbePlanner {
    /** A cluster lasts at least this long at its rate. */
    public static final long MIN_DURATION_US = 15_000;
    /** And holds at least this many packets. */
    public static final int MIN_PACKETS = 5;
    static final long MIN_REQUEST_INTERVAL_US = 2_000_000;

    private final long maxBps;
    private final ArrayDeque<ProbeCluster> pending = new ArrayDeque<>();
    private int nextId;
    private boolean started;
    private long lastRequestUs = Long.MIN_VALUE;

    public ProbePlanner(long maxBps) {
        if (maxBps <= 0) {
            throw new IllegalArgumentException("probe planner max bitrate must be > 0, was " + maxBps);
        }
        this.maxBps = maxBps;
    }

    /** Plans the start-up clusters (once). */
    public void start(long estimateBps) {
        if (started) {
            return;
        }
        started = true;
        add(2 * estimateBps);
        add(3 * estimateBps);
    }

    /**
     * Asks for a probe up to {@code targetBps} (e.g. the bitrate of a layer the allocator wants
     * to switch up to). Returns false if it was refused (too soon, or not above the estimate).
     */
    public boolean request(long targetBps, long estimateBps, long nowUs) {
        if (targetBps <= estimateBps || estimateBps >= maxBps) {
            return false;
        }
        if (lastRequestUs != Long.MIN_VALUE && nowUs - lastRequestUs < MIN_REQUEST_INTERVAL_US) {
            return false;
        }
        lastRequestUs = nowUs;
        add(Math.min(targetBps, 3 * estimateBps));
        return true;
    }

    private void add(long rateBps) {
        long rate = Math.min(rateBps, maxBps);
        int bytes = (int) Math.min(Integer.MAX_VALUE, rate * MIN_DURATION_US / 8_000_000);
        pending.add(new ProbeCluster(nextId++, rate, MIN_PACKETS, bytes));
    }

    /** The next cluster to send, or null. */
    public ProbeCluster poll() {
        return pending.poll();
    }

    public int pendingCount() {
        return pending.size();
    }
}
