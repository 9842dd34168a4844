package io.junction.sctp.assoc;

/** Retransmission timeout (RFC 9260 §6.3.1 rules C1-C3, §6.3.3 E2 backoff); times in ms. */
final class Rto {
    private static final long GRANULARITY_MS = 1;

    private final long min;
    private final long max;
    private long rto;
    private double srtt = -1;
    private double rttvar;

    Rto(long initial, long min, long max) {
        this.rto = initial;
        this.min = min;
        this.max = max;
    }

    long current() {
        return rto;
    }

    long srtt() {
        return srtt < 0 ? -1 : Math.round(srtt);
    }

    /** A new round-trip measurement R (C1 first, C2 later; alpha 1/8, beta 1/4). */
    void sample(long r) {
        if (r < 0) {
            return;
        }
        if (srtt < 0) {
            srtt = r;
            rttvar = r / 2.0;
        } else {
            rttvar = 0.75 * rttvar + 0.25 * Math.abs(srtt - r);
            srtt = 0.875 * srtt + 0.125 * r;
        }
        rto = clamp(Math.round(srtt + Math.max(GRANULARITY_MS, 4 * rttvar)));
    }

    /** E2: RTO doubles on each expiry, up to RTO.Max. */
    void backOff() {
        rto = clamp(rto * 2);
    }

    private long clamp(long v) {
        return Math.max(min, Math.min(max, v));
    }
}
