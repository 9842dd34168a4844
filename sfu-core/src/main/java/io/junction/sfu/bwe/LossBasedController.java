package io.junction.sfu.bwe;

/**
 * The loss-based controller of draft-ietf-rmcat-gcc-02 §6: once per update interval, with at
 * least {@link #MIN_PACKETS} packets reported, the loss fraction p of the packets reported
 * since the last update sets
 * <pre>
 *   p &gt; 10 %:  A = base × (1 - 0.5 p)   base = min(A, current target)
 *   p &lt; 2 %:   A = 1.05 × A (+1 kbit/s)
 *   otherwise: A unchanged
 * </pre>
 * The sender's target is min(delay-based, loss-based). The loss-based rate starts at the
 * maximum (no loss seen, no limit) and a decrease starts from the current target, so a loss
 * estimate that floated up while the delay-based one ruled still makes a real decrease.
 * After a decrease the next one waits {@link #DECREASE_HOLD_US} + rtt: losses reported in
 * between were mostly caused before the sender could react to the first.
 * Room worker only; allocation-free.
 */
public final class LossBasedController {
    static final int MIN_PACKETS = 20;
    static final double HIGH_LOSS = 0.10;
    static final double LOW_LOSS = 0.02;
    static final long DECREASE_HOLD_US = 300_000;

    private final long minBps;
    private final long maxBps;
    private final long intervalUs;
    private long rateBps;
    private long lost;
    private long received;
    private long lastUpdateUs = Long.MIN_VALUE;
    private double lastLossFraction;
    private long lastDecreaseUs = Long.MIN_VALUE;
    private long rttUs = 100_000;
    private long decreases;

    /**
     * @param intervalUs time between updates (the draft updates per feedback report; a fixed
     *                   interval keeps the increase rate independent of the feedback rate)
     */
    public LossBasedController(long minBps, long maxBps, long intervalUs) {
        if (minBps <= 0 || maxBps < minBps) {
            throw new IllegalArgumentException("loss controller needs 0 < min <= max bit/s, was " + minBps + ", " + maxBps);
        }
        if (intervalUs <= 0) {
            throw new IllegalArgumentException("loss controller interval must be > 0 µs, was " + intervalUs);
        }
        this.minBps = minBps;
        this.maxBps = maxBps;
        this.intervalUs = intervalUs;
        this.rateBps = maxBps;
    }

    /**
     * Adds the packets one feedback reported and updates the rate when an interval is complete.
     *
     * @param targetBps the sender's current target (min of both controllers)
     * @return the loss-based rate
     */
    public long onFeedback(int lostCount, int receivedCount, long targetBps, long nowUs) {
        lost += lostCount;
        received += receivedCount;
        if (lastUpdateUs == Long.MIN_VALUE) {
            lastUpdateUs = nowUs;
        }
        long total = lost + received;
        if (total < MIN_PACKETS || nowUs - lastUpdateUs < intervalUs) {
            return rateBps;
        }
        double p = (double) lost / total;
        lastLossFraction = p;
        if (p > HIGH_LOSS) {
            if (lastDecreaseUs == Long.MIN_VALUE || nowUs - lastDecreaseUs >= DECREASE_HOLD_US + rttUs) {
                rateBps = clamp((long) (Math.min(rateBps, targetBps) * (1 - 0.5 * p)));
                lastDecreaseUs = nowUs;
                decreases++;
            }
        } else if (p < LOW_LOSS) {
            rateBps = clamp((long) (rateBps * 1.05) + 1000);
        }
        lost = 0;
        received = 0;
        lastUpdateUs = nowUs;
        return rateBps;
    }

    /** Round-trip time, which lengthens the hold after a decrease. */
    public void setRtt(long rttUs) {
        this.rttUs = Math.max(0, rttUs);
    }

    private long clamp(long bps) {
        return Math.max(minBps, Math.min(maxBps, bps));
    }

    public long rateBps() {
        return rateBps;
    }

    /** Decreases applied so far (intervals with more than 10 % loss acted on). */
    public long decreases() {
        return decreases;
    }

    /** Loss fraction of the last completed interval. */
    public double lossFraction() {
        return lastLossFraction;
    }
}
