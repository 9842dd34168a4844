package io.junction.sfu.forward;

import io.junction.rtp.rtcp.NtpTime;

/**
 * Reception statistics of one incoming RTP stream, the contents of an RR report block
 * (RFC 3550 §6.4.1, Appendix A.3 and A.8).
 *
 * <ul>
 *   <li>extended highest seq: cycles × 65536 + highest seq (A.1, wrap-aware);</li>
 *   <li>cumulative lost = expected − received, expected = extended max − base + 1 (A.3),
 *       clamped to the 24-bit signed field; duplicates count as received, so it can go down;</li>
 *   <li>fraction lost over the interval since the last {@link #takeFractionLost()} (A.3, 8-bit fixed point);</li>
 *   <li>interarrival jitter J += (|D| − J) / 16 in timestamp units (A.8);</li>
 *   <li>LSR/DLSR from the last Sender Report received on this stream.</li>
 * </ul>
 * Room worker thread only; allocation-free.
 */
public final class ReceiveStats {
    private final int clockRate;
    private boolean started;
    private long base;
    private long maxExt;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    private double jitter;
    private boolean haveTransit;
    private long lastTransit;
    private long lastSrNtp32;
    private long lastSrArrivalMs;

    /** @param clockRate RTP clock rate in Hz, in [1, 1_000_000] */
    public ReceiveStats(int clockRate) {
        Check.range("clockRate", clockRate, 1, 1_000_000);
        this.clockRate = clockRate;
    }

    /**
     * Records one received packet.
     *
     * @param seq       16-bit sequence number
     * @param timestamp 32-bit RTP timestamp
     * @param arrivalMs arrival time in ms (any monotonic origin)
     */
    public void onPacket(int seq, long timestamp, long arrivalMs) {
        seq &= 0xFFFF;
        if (!started) {
            started = true;
            base = seq;
            maxExt = seq;
        } else {
            long ext = Seq16.unwrap(maxExt, seq);
            if (ext > maxExt) {
                maxExt = ext;
            }
        }
        received++;
        // A.8: transit in timestamp units; only differences matter, so 64-bit wrap is harmless
        long arrivalTs = arrivalMs * clockRate / 1000;
        long transit = arrivalTs - (timestamp & 0xFFFFFFFFL);
        if (haveTransit) {
            long d = (int) (transit - lastTransit); // differences of 32-bit timestamps
            jitter += (Math.abs(d) - jitter) / 16.0;
        }
        haveTransit = true;
        lastTransit = transit;
    }

    /** Records a Sender Report on this stream (RFC 3550 §6.4.1 LSR source). */
    public void onSenderReport(long ntpTimestamp, long arrivalMs) {
        lastSrNtp32 = NtpTime.middle32(ntpTimestamp);
        lastSrArrivalMs = arrivalMs;
    }

    /** Packets received (duplicates included). */
    public long received() {
        return received;
    }

    /** Extended highest sequence number received (unsigned 32-bit). */
    public long extendedHighestSequence() {
        return maxExt & 0xFFFFFFFFL;
    }

    /** Packets expected so far (A.3). */
    public long expected() {
        return started ? maxExt - base + 1 : 0;
    }

    /** Cumulative number of packets lost, clamped to [-0x800000, 0x7FFFFF]. */
    public int cumulativeLost() {
        long lost = expected() - received;
        return (int) Math.max(-0x800000L, Math.min(0x7FFFFFL, lost));
    }

    /**
     * Fraction lost since the previous call, as the 8-bit RR field (lost/expected × 256; 0 when
     * nothing was expected or more arrived than expected), and starts a new interval.
     */
    public int takeFractionLost() {
        long expected = expected();
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        if (expectedInterval <= 0 || lostInterval <= 0) {
            return 0;
        }
        return (int) Math.min(255, (lostInterval << 8) / expectedInterval);
    }

    /** Interarrival jitter in timestamp units (RR field). */
    public long jitter() {
        return (long) jitter;
    }

    /** LSR field: middle 32 bits of the last SR's NTP time, or 0 if none. */
    public long lastSenderReport() {
        return lastSrNtp32;
    }

    /** DLSR field at {@code now} in 1/65536 s, or 0 if no SR was received. */
    public long delaySinceLastSenderReport(long now) {
        return lastSrNtp32 == 0 ? 0 : NtpTime.millisToShort(Math.max(0, now - lastSrArrivalMs)) & 0xFFFFFFFFL;
    }
}
