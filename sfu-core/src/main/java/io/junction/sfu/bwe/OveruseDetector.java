package io.junction.sfu.bwe;

/**
 * Compares the delay trend m(i) with an adaptive threshold γ(i) (draft-ietf-rmcat-gcc-02
 * §5.4): over-use when m stays above γ for more than {@link #OVERUSE_TIME_MS} (and more than
 * one sample) without falling; under-use when m is below -γ; otherwise normal. The threshold
 * follows |m| (γ += Δt·k·(|m| - γ), k_u = 0.01 when |m| > γ, k_d = 0.00018 otherwise, Δt in ms
 * capped at 100), clamped to [6, 600] ms; outliers more than 15 ms above γ do not move it.
 * Room worker only; allocation-free.
 */
public final class OveruseDetector {
    static final double OVERUSE_TIME_MS = 10;
    static final double K_UP = 0.01;
    static final double K_DOWN = 0.00018;
    static final double MIN_THRESHOLD = 6;
    static final double MAX_THRESHOLD = 600;
    static final double INITIAL_THRESHOLD = 12.5;
    static final double MAX_OUTLIER = 15;

    private double threshold = INITIAL_THRESHOLD;
    private double overuseMs = -1;
    private int overuseCount;
    private double previous;
    private long lastUpdateUs = Long.MIN_VALUE;
    private BandwidthUsage state = BandwidthUsage.NORMAL;

    /**
     * @param trend       modified trend from {@link TrendlineEstimator}
     * @param sendDeltaUs send-time delta of the group pair that produced it
     * @param nowUs       local time
     */
    public BandwidthUsage detect(double trend, long sendDeltaUs, long nowUs) {
        double deltaMs = sendDeltaUs / 1000.0;
        if (trend > threshold) {
            overuseMs = overuseMs < 0 ? deltaMs / 2 : overuseMs + deltaMs;
            overuseCount++;
            if (overuseMs > OVERUSE_TIME_MS && overuseCount > 1 && trend >= previous) {
                overuseMs = 0;
                overuseCount = 0;
                state = BandwidthUsage.OVERUSING;
            }
        } else if (trend < -threshold) {
            overuseMs = -1;
            overuseCount = 0;
            state = BandwidthUsage.UNDERUSING;
        } else {
            overuseMs = -1;
            overuseCount = 0;
            state = BandwidthUsage.NORMAL;
        }
        previous = trend;
        adapt(trend, nowUs);
        return state;
    }

    private void adapt(double trend, long nowUs) {
        if (lastUpdateUs == Long.MIN_VALUE) {
            lastUpdateUs = nowUs;
        }
        double abs = Math.abs(trend);
        if (abs - threshold > MAX_OUTLIER) {
            return;
        }
        double k = abs < threshold ? K_DOWN : K_UP;
        double dtMs = Math.min((nowUs - lastUpdateUs) / 1000.0, 100);
        threshold += k * (abs - threshold) * dtMs;
        threshold = Math.max(MIN_THRESHOLD, Math.min(MAX_THRESHOLD, threshold));
        lastUpdateUs = nowUs;
    }

    public BandwidthUsage state() {
        return state;
    }

    public double threshold() {
        return threshold;
    }
}
