package io.junction.sfu.bwe;

/**
 * Estimates whether one-way queuing delay is growing: accumulates the inter-group delay
 * variation d(i) = arrival delta - send delta (draft-ietf-rmcat-gcc-02 §5.3), smooths it
 * exponentially, and fits a least-squares line through the last {@code window} smoothed
 * points against arrival time. The slope (ms of delay per ms) is scaled by the number of
 * samples seen (up to {@link #MAX_SAMPLE_WEIGHT}) and a gain so it can be compared with the
 * over-use detector's millisecond threshold; a steady queue gives 0, a link fed 10 % above its
 * capacity a slope of about 0.1. Room worker only; allocation-free after construction.
 */
public final class TrendlineEstimator {
    /** Samples beyond this count no longer raise the trend's weight. */
    static final int MAX_SAMPLE_WEIGHT = 60;

    private final double smoothing;
    private final double gain;
    private final double[] x;
    private final double[] y;
    private int filled;
    private int next;
    private long samples;
    private double accumulatedMs;
    private double smoothedMs;
    private long firstArrivalUs = Long.MIN_VALUE;
    private double trend;

    /**
     * @param window    points in the regression, 2..1000 (20 is typical)
     * @param smoothing weight of the old smoothed value, [0, 1) (0.9 is typical)
     * @param gain      scale of the reported trend, > 0 (4 is typical)
     */
    public TrendlineEstimator(int window, double smoothing, double gain) {
        if (window < 2 || window > 1000) {
            throw new IllegalArgumentException("trendline window must be in [2, 1000], was " + window);
        }
        if (!(smoothing >= 0 && smoothing < 1)) {
            throw new IllegalArgumentException("trendline smoothing must be in [0, 1), was " + smoothing);
        }
        if (!(gain > 0)) {
            throw new IllegalArgumentException("trendline gain must be > 0, was " + gain);
        }
        this.smoothing = smoothing;
        this.gain = gain;
        x = new double[window];
        y = new double[window];
    }

    /** Adds one group delta; returns the modified trend (see class comment). */
    public double update(long sendDeltaUs, long arrivalDeltaUs, long arrivalUs) {
        if (firstArrivalUs == Long.MIN_VALUE) {
            firstArrivalUs = arrivalUs;
        }
        samples++;
        accumulatedMs += (arrivalDeltaUs - sendDeltaUs) / 1000.0;
        smoothedMs = smoothing * smoothedMs + (1 - smoothing) * accumulatedMs;
        x[next] = (arrivalUs - firstArrivalUs) / 1000.0;
        y[next] = smoothedMs;
        next = (next + 1) % x.length;
        if (filled < x.length) {
            filled++;
        }
        if (filled == x.length) {
            trend = slope();
        }
        return modifiedTrend();
    }

    private double slope() {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < filled; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= filled;
        my /= filled;
        double num = 0;
        double den = 0;
        for (int i = 0; i < filled; i++) {
            num += (x[i] - mx) * (y[i] - my);
            den += (x[i] - mx) * (x[i] - mx);
        }
        return den == 0 ? trend : num / den;
    }

    /** The last slope scaled by sample count and gain. */
    public double modifiedTrend() {
        return Math.min(samples, MAX_SAMPLE_WEIGHT) * trend * gain;
    }

    /** Raw slope of the last full window (0 until the window fills). */
    public double slopeValue() {
        return trend;
    }

    public long samples() {
        return samples;
    }
}
