package io.junction.sfu.forward;

import io.junction.rtp.rtcp.NtpTime;

/**
 * Round-trip time from RTCP report blocks (RFC 3550 §6.4.1): RTT = A − LSR − DLSR, all in the
 * middle 32 bits of NTP time (1/65536 s), where A is when the RR arrived. Blocks with LSR = 0
 * (no SR received yet) or a negative result (clock skew, corrupted block) are ignored.
 * Keeps the latest sample and an exponentially smoothed value (gain 1/8).
 *
 * <p>Room worker thread only.
 */
public final class RttEstimator {
    private final long initialMs;
    private long lastMs = -1;
    private double smoothedMs = -1;

    /** @param initialRttMs the value reported before any sample, in [1, 10000] */
    public RttEstimator(long initialRttMs) {
        Check.range("initialRttMs", initialRttMs, 1, 10_000);
        this.initialMs = initialRttMs;
    }

    /**
     * Adds a sample from one report block.
     *
     * @param lsr          the block's LSR field (unsigned 32-bit)
     * @param dlsr         the block's DLSR field (unsigned 32-bit, 1/65536 s)
     * @param arrivalNtp32 arrival time of the RR as {@link NtpTime#middle32} of our NTP clock
     * @return the RTT sample in ms, or -1 if the block gives none
     */
    public long onReportBlock(long lsr, long dlsr, long arrivalNtp32) {
        lsr &= 0xFFFFFFFFL;
        dlsr &= 0xFFFFFFFFL;
        if (lsr == 0) {
            return -1;
        }
        long units = (arrivalNtp32 - lsr - dlsr) & 0xFFFFFFFFL;
        if (units >= 0x80000000L) {
            return -1;
        }
        long ms = NtpTime.shortToMillis(units);
        lastMs = ms;
        smoothedMs = smoothedMs < 0 ? ms : smoothedMs + (ms - smoothedMs) / 8.0;
        return ms;
    }

    /** Smoothed RTT in ms, or the initial value before any sample. */
    public long rttMillis() {
        return smoothedMs < 0 ? initialMs : Math.max(1, Math.round(smoothedMs));
    }

    /** Last sample in ms, or -1. */
    public long lastSampleMillis() {
        return lastMs;
    }
}
