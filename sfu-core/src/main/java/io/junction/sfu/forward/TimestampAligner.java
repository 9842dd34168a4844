package io.junction.sfu.forward;

/**
 * Tells {@link SequenceRewriter} how far apart, in RTP ticks, two packets of different sources
 * were captured, so a switch between simulcast layers keeps the output timeline in step with
 * capture time rather than arrival time. Each layer has its own random RTP timestamp base; the
 * sender reports of both layers (RFC 3550 §6.4.1: an NTP wall-clock time and the RTP timestamp
 * of the same instant) relate them ({@link #ticksBetween(long, long, long, long, long, long, int)}).
 */
@FunctionalInterface
public interface TimestampAligner {
    /** Returned when the sources cannot be related (no sender report yet). */
    long UNKNOWN = Long.MIN_VALUE;

    /** RTP ticks from the capture of ({@code fromSsrc}, {@code fromTs}) to that of ({@code toSsrc}, {@code toTs}), or {@link #UNKNOWN}. */
    long ticksBetween(long fromSsrc, long fromTs, long toSsrc, long toTs);

    /**
     * The pure computation: with sender reports (NTP {@code srNtpA}, RTP {@code srRtpA}) of source A
     * and ({@code srNtpB}, {@code srRtpB}) of source B, the ticks from A's timestamp {@code tsA} to
     * B's {@code tsB}: (NTP_B − NTP_A) × clockRate + (tsB − srRtpB) − (tsA − srRtpA), the RTP
     * differences taken as signed 32-bit. {@link #UNKNOWN} when the reports are more than
     * 2^24 s apart (nonsense, and the product would overflow).
     */
    static long ticksBetween(long srNtpA, long srRtpA, long tsA, long srNtpB, long srRtpB, long tsB, int clockRate) {
        long ntpDiff = srNtpB - srNtpA; // 32.32 fixed point seconds
        if (ntpDiff > (1L << 56) || ntpDiff < -(1L << 56)) {
            return UNKNOWN;
        }
        long fromReports = Math.floorDiv(ntpDiff, 1L << 16) * clockRate >> 16;
        int offA = (int) (tsA - srRtpA);
        int offB = (int) (tsB - srRtpB);
        return fromReports + offB - offA;
    }
}
