package io.junction.bench.load;

import java.util.Random;

/**
 * A seeded, deterministic impairment model. Loss follows a two-state (Gilbert) model: a loss
 * burst starts with probability {@code lossPercent}/100; once in a burst each further packet is
 * lost with probability 1 − 1/{@code meanBurst} (so bursts average {@code meanBurst} packets;
 * 1 gives independent loss). Delivered packets get a uniform jitter in [0, jitterMs) and, with
 * probability {@code reorderPercent}/100, an extra hold of {@code reorderHoldMs} so that later
 * packets overtake them. Every call draws the same number of random values, so a seed fixes the
 * whole pattern.
 */
public final class SeededImpairment implements PacketImpairment {
    private final double loss;
    private final double stayInBurst;
    private final long jitterNanos;
    private final double reorder;
    private final long reorderHoldNanos;
    private final Random random;
    private boolean inBurst;

    /**
     * @param lossPercent    burst start probability in percent, in [0, 100]
     * @param meanBurst      mean burst length in packets, in [1, 1000]
     * @param jitterMs       maximum added delay, in [0, 1000]
     * @param reorderPercent share of packets held back, in [0, 100]
     * @param reorderHoldMs  how long a reordered packet is held, in [0, 1000]
     */
    public SeededImpairment(double lossPercent, double meanBurst, double jitterMs, double reorderPercent,
                            double reorderHoldMs, long seed) {
        check("loss", lossPercent, 0, 100);
        check("burst-loss", meanBurst, 1, 1000);
        check("jitter-ms", jitterMs, 0, 1000);
        check("reorder", reorderPercent, 0, 100);
        check("reorder hold ms", reorderHoldMs, 0, 1000);
        this.loss = lossPercent / 100;
        this.stayInBurst = 1 - 1 / meanBurst;
        this.jitterNanos = (long) (jitterMs * 1e6);
        this.reorder = reorderPercent / 100;
        this.reorderHoldNanos = (long) (reorderHoldMs * 1e6);
        this.random = new Random(seed);
    }

    /** Whether any of loss, jitter or reorder is enabled. */
    public boolean isActive() {
        return loss > 0 || jitterNanos > 0 || reorder > 0;
    }

    @Override
    public long next() {
        double uLoss = random.nextDouble();
        double uJitter = random.nextDouble();
        double uReorder = random.nextDouble();
        boolean drop = inBurst ? uLoss < stayInBurst : uLoss < loss;
        if (drop) {
            inBurst = stayInBurst > 0;
            return DROP;
        }
        inBurst = false;
        long delay = (long) (uJitter * jitterNanos);
        if (uReorder < reorder) {
            delay += reorderHoldNanos;
        }
        return delay;
    }

    private static void check(String name, double v, double min, double max) {
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], was " + v);
        }
    }
}
