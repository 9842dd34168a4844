package io.junction.sfu.bwe;

/**
 * The delay-based rate controller of draft-ietf-rmcat-gcc-02 §5.5: a state machine driven by
 * the over-use signal.
 * <pre>
 *   signal \ state   HOLD       INCREASE   DECREASE
 *   over-use         DECREASE   DECREASE   DECREASE
 *   normal           INCREASE   INCREASE   HOLD
 *   under-use        HOLD       HOLD       HOLD
 * </pre>
 * Increase is multiplicative (×{@link #MULTIPLICATIVE_PER_SECOND} per second) while far from
 * convergence and additive (about half a packet per response time, rtt + 100 ms) when the
 * acknowledged bitrate is within three standard deviations of the average bitrate measured
 * at earlier decreases. Decrease sets the rate to {@link #BETA} × the acknowledged bitrate,
 * at most once per response time. The rate never exceeds 1.5 × the acknowledged bitrate
 * (+10 kbit/s), so it does not run away from what the link has shown it carries.
 * Room worker only; allocation-free.
 */
public final class AimdRateController {
    static final double BETA = 0.85;
    static final double MULTIPLICATIVE_PER_SECOND = 1.08;
    static final int EXPECTED_PACKET_BITS = 1200 * 8;
    static final double AVERAGE_WEIGHT = 0.05;

    /** Controller state (the columns of the table above). */
    public enum State { HOLD, INCREASE, DECREASE }

    private final long minBps;
    private final long maxBps;
    private long rateBps;
    private State state = State.HOLD;
    private long lastChangeUs = Long.MIN_VALUE;
    private long lastDecreaseUs = Long.MIN_VALUE;
    private long rttUs = 100_000;
    private double avgMaxKbps = -1;
    private double varMaxKbps2;
    private long decreases;

    /** @throws IllegalArgumentException unless 0 < minBps <= initialBps <= maxBps */
    public AimdRateController(long initialBps, long minBps, long maxBps) {
        if (minBps <= 0 || initialBps < minBps || maxBps < initialBps) {
            throw new IllegalArgumentException("rate controller needs 0 < min <= initial <= max bit/s, was "
                    + minBps + " <= " + initialBps + " <= " + maxBps);
        }
        this.minBps = minBps;
        this.maxBps = maxBps;
        this.rateBps = initialBps;
    }

    /** Round-trip time used for the response time (rtt + 100 ms). */
    public void setRtt(long rttUs) {
        this.rttUs = Math.max(0, rttUs);
    }

    /** Overrides the rate (a probe result or REMB), clamped to [min, max]. */
    public void setRate(long bps, long nowUs) {
        rateBps = clamp(bps);
        lastChangeUs = nowUs;
    }

    /**
     * Applies one detector signal.
     *
     * @param ackedBps acknowledged bitrate, or -1 while unknown
     * @return the new rate
     */
    public long update(BandwidthUsage usage, long ackedBps, long nowUs) {
        if (lastChangeUs == Long.MIN_VALUE) {
            lastChangeUs = nowUs;
        }
        state = next(state, usage);
        long responseUs = rttUs + 100_000;
        switch (state) {
            case INCREASE -> increase(ackedBps, nowUs, responseUs);
            case DECREASE -> {
                if (lastDecreaseUs == Long.MIN_VALUE || nowUs - lastDecreaseUs >= responseUs) {
                    decrease(ackedBps);
                    lastDecreaseUs = nowUs;
                    decreases++;
                }
            }
            case HOLD -> { }
        }
        lastChangeUs = nowUs;
        return rateBps;
    }

    /** The transition table in the class comment. */
    static State next(State s, BandwidthUsage u) {
        return switch (u) {
            case OVERUSING -> State.DECREASE;
            case UNDERUSING -> State.HOLD;
            case NORMAL -> s == State.DECREASE ? State.HOLD : State.INCREASE;
        };
    }

    private void increase(long ackedBps, long nowUs, long responseUs) {
        double elapsedUs = Math.max(0, nowUs - lastChangeUs);
        if (ackedBps > 0 && avgMaxKbps >= 0) {
            double kbps = ackedBps / 1000.0;
            double std = Math.max(Math.sqrt(varMaxKbps2), 0.025 * avgMaxKbps);
            if (kbps > avgMaxKbps + 3 * std) {
                avgMaxKbps = -1; // the link changed: converge from scratch
            }
        }
        boolean nearConvergence = ackedBps > 0 && avgMaxKbps >= 0;
        long next;
        if (nearConvergence) {
            double alpha = 0.5 * Math.min(elapsedUs / responseUs, 1.0);
            next = rateBps + (long) Math.max(1000, alpha * EXPECTED_PACKET_BITS);
        } else {
            double factor = Math.pow(MULTIPLICATIVE_PER_SECOND, Math.min(elapsedUs / 1e6, 1.0));
            next = (long) (rateBps * factor) + 1000;
        }
        if (ackedBps > 0) {
            next = Math.min(next, (long) (1.5 * ackedBps) + 10_000);
        }
        rateBps = Math.max(rateBps, clamp(next)); // the cap never lowers a rate on an increase
    }

    private void decrease(long ackedBps) {
        if (ackedBps <= 0) {
            rateBps = clamp((long) (BETA * rateBps));
            return;
        }
        rateBps = clamp(Math.min(rateBps, (long) (BETA * ackedBps)));
        double kbps = ackedBps / 1000.0;
        if (avgMaxKbps < 0) {
            avgMaxKbps = kbps;
            varMaxKbps2 = 0;
        } else {
            double d = kbps - avgMaxKbps;
            avgMaxKbps += AVERAGE_WEIGHT * d;
            varMaxKbps2 = (1 - AVERAGE_WEIGHT) * (varMaxKbps2 + AVERAGE_WEIGHT * d * d);
        }
    }

    private long clamp(long bps) {
        return Math.max(minBps, Math.min(maxBps, bps));
    }

    public long rateBps() {
        return rateBps;
    }

    /** Decreases applied so far (each over-use signal acted on, at most one per response time). */
    public long decreases() {
        return decreases;
    }

    public State state() {
        return state;
    }

    /** Whether the last increase would be additive (a decrease has shown where the link saturates). */
    public boolean nearConvergence() {
        return avgMaxKbps >= 0;
    }
}
