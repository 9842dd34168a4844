package io.junction.sfu.bwe;

/**
 * Settings of one subscriber's send-side estimator, validated at construction (messages name
 * the option and its range).
 *
 * @param initialBps       starting estimate, in [minBps, maxBps]
 * @param minBps           floor, in [10 kbit/s, 100 Mbit/s]
 * @param maxBps           ceiling, in [minBps, 1 Gbit/s]
 * @param rembFallbackUs   REMB rules once no transport-wide feedback arrived for this long,
 *                         in [100 ms, 60 s]
 * @param lossIntervalUs   update interval of the loss-based controller, in [50 ms, 5 s]
 */
public record BweOptions(long initialBps, long minBps, long maxBps, long rembFallbackUs, long lossIntervalUs) {
    /** 300 kbit/s start, 30 kbit/s .. 20 Mbit/s, REMB after 2 s without TWCC, loss every 200 ms. */
    public static BweOptions defaults() {
        return new BweOptions(300_000, 30_000, 20_000_000, 2_000_000, 200_000);
    }

    public BweOptions {
        range("bwe min bitrate", minBps, 10_000, 100_000_000);
        range("bwe max bitrate", maxBps, minBps, 1_000_000_000);
        range("bwe initial bitrate", initialBps, minBps, maxBps);
        range("bwe remb fallback", rembFallbackUs, 100_000, 60_000_000);
        range("bwe loss interval", lossIntervalUs, 50_000, 5_000_000);
    }

    private static void range(String name, long v, long lo, long hi) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException(name + " must be in [" + lo + ", " + hi + "], was " + v);
        }
    }
}
