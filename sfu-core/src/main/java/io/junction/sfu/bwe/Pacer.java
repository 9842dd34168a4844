package io.junction.sfu.bwe;

/**
 * Spreads a subscriber's outgoing packets over time so a keyframe burst or a layer switch does
 * not hit a small link all at once. A pure decision unit: the owner keeps the queues, tells the
 * pacer how many bytes wait in each class, asks {@link #next} which class may send one packet
 * now, reports what it sent with {@link #onSent}, and wakes up again at {@link #nextSendUs}.
 *
 * <p>Budget: bytes accrue at the pacing rate ({@code pacingFactor} × the target rate, or a
 * probe cluster's rate while one is active), capped at {@code burstUs} worth (at least one
 * MTU); a packet may go when the budget is positive and drives it into debt. When the queued
 * video and retransmissions would need more than {@code maxQueueUs} at that rate, the rate
 * rises to queued / {@code maxQueueUs}, so the queue never holds more than that much time
 * at the current rate and a backlog drains quickly (a late frame is better than a dropped one).
 * Audio is never held back but spends budget. Priority: audio, retransmissions, video; while a
 * probe cluster is active and nothing is queued, padding. Room worker only; allocation-free.
 */
public final class Pacer {
    public static final int NONE = -1;
    public static final int AUDIO = 0;
    public static final int RETRANSMISSION = 1;
    public static final int VIDEO = 2;
    public static final int PADDING = 3;
    /** Number of queue classes the caller reports (audio, retransmission, video). */
    public static final int QUEUE_CLASSES = 3;
    static final int MTU = 1500;

    private final double pacingFactor;
    private final long maxQueueUs;
    private final long burstUs;
    private long targetBps;
    private double budget;
    private long lastUs = Long.MIN_VALUE;
    private double rateBps;
    private ProbeCluster probe;
    private long probeBytes;
    private int probePackets;
    private int completedPackets;

    /**
     * @param pacingFactor pacing rate / target rate, in [1, 5]
     * @param maxQueueUs   longest the queued media may take to drain, in [10 ms, 10 s]
     * @param burstUs      most budget that can be saved up, in [1 ms, 100 ms]
     */
    public Pacer(long initialBps, double pacingFactor, long maxQueueUs, long burstUs) {
        if (!(pacingFactor >= 1 && pacingFactor <= 5)) {
            throw new IllegalArgumentException("pacing factor must be in [1, 5], was " + pacingFactor);
        }
        if (maxQueueUs < 10_000 || maxQueueUs > 10_000_000) {
            throw new IllegalArgumentException("pacer max queue time must be in [10000, 10000000] µs, was " + maxQueueUs);
        }
        if (burstUs < 1_000 || burstUs > 100_000) {
            throw new IllegalArgumentException("pacer burst must be in [1000, 100000] µs, was " + burstUs);
        }
        this.pacingFactor = pacingFactor;
        this.maxQueueUs = maxQueueUs;
        this.burstUs = burstUs;
        this.targetBps = Math.max(1, initialBps);
    }

    /** The estimate to pace against (bits per second). */
    public void setTargetRate(long bps) {
        targetBps = Math.max(1, bps);
    }

    /** Starts sending a probe cluster: its rate applies until it has its bytes and packets. */
    public void startProbe(ProbeCluster cluster) {
        probe = cluster;
        probeBytes = 0;
        probePackets = 0;
    }

    /** Id of the active probe cluster, for the history of every packet sent now, or -1. */
    public int activeCluster() {
        return probe == null ? SentPacketHistory.NO_CLUSTER : probe.id();
    }

    /**
     * Which class may send one packet now, given the bytes queued per class
     * ({@code queued[AUDIO]}, {@code queued[RETRANSMISSION]}, {@code queued[VIDEO]}), or
     * {@link #NONE}.
     */
    public int next(long nowUs, long[] queued) {
        refill(nowUs, queued[RETRANSMISSION] + queued[VIDEO]);
        if (queued[AUDIO] > 0) {
            return AUDIO;
        }
        if (budget <= 0) {
            return NONE;
        }
        if (queued[RETRANSMISSION] > 0) {
            return RETRANSMISSION;
        }
        if (queued[VIDEO] > 0) {
            return VIDEO;
        }
        return probe != null ? PADDING : NONE;
    }

    private void refill(long nowUs, long queuedMedia) {
        double paced = probe != null ? Math.max(probe.rateBps(), targetBps * pacingFactor) : targetBps * pacingFactor;
        double drain = queuedMedia * 8e6 / maxQueueUs;
        rateBps = Math.max(paced, drain);
        if (lastUs == Long.MIN_VALUE) {
            lastUs = nowUs;
            budget = MTU;
            return;
        }
        long elapsed = Math.max(0, nowUs - lastUs);
        lastUs = nowUs;
        double cap = Math.max(MTU, rateBps * burstUs / 8e6);
        budget = Math.min(cap, budget + rateBps * elapsed / 8e6);
    }

    /**
     * Records a packet sent (any class). Returns the id of the probe cluster this packet
     * completed (then {@link #completedClusterPackets()} says how many it had), else -1.
     */
    public int onSent(int cls, int bytes) {
        budget -= bytes;
        if (probe == null) {
            return -1;
        }
        probeBytes += bytes;
        probePackets++;
        if (probeBytes >= probe.minBytes() && probePackets >= probe.minPackets()) {
            int id = probe.id();
            completedPackets = probePackets;
            probe = null;
            return id;
        }
        return -1;
    }

    /** Packets of the cluster last completed by {@link #onSent}. */
    public int completedClusterPackets() {
        return completedPackets;
    }

    /** When the next paced (non-audio) packet may go: {@code nowUs} if the budget is positive. */
    public long nextSendUs(long nowUs) {
        if (budget > 0) {
            return nowUs;
        }
        long at = lastUs + (long) Math.ceil(-budget * 8e6 / Math.max(1, rateBps)) + 1;
        return Math.max(nowUs, at);
    }

    /** The pacing rate of the last {@link #next} call. */
    public long rateBps() {
        return (long) rateBps;
    }
}
