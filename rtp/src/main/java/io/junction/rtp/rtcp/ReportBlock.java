package io.junction.rtp.rtcp;

import io.junction.rtp.Bytes;

/**
 * One 24-byte reception report block (RFC 3550 §6.4.1) at an absolute offset; static.
 *
 * <pre>
 * |                 SSRC_n (source identifier)                    |
 * | fraction lost |       cumulative number of packets lost       |
 * |           extended highest sequence number received           |
 * |                      interarrival jitter                      |
 * |                         last SR (LSR)                         |
 * |                   delay since last SR (DLSR)                  |
 * </pre>
 */
public final class ReportBlock {
    /** Bytes per block. */
    public static final int LENGTH = 24;

    private ReportBlock() {
    }

    public static long ssrc(byte[] b, int at) {
        return Bytes.u32(b, at);
    }

    /** Fraction lost as an 8-bit fixed-point number (0..255 = 0..255/256). */
    public static int fractionLost(byte[] b, int at) {
        return b[at + 4] & 0xFF;
    }

    /** Cumulative packets lost: signed 24-bit (duplicates can make it negative). */
    public static int cumulativeLost(byte[] b, int at) {
        return (Bytes.u24(b, at + 5) << 8) >> 8;
    }

    public static long extendedHighestSeq(byte[] b, int at) {
        return Bytes.u32(b, at + 8);
    }

    public static long jitter(byte[] b, int at) {
        return Bytes.u32(b, at + 12);
    }

    /** Middle 32 bits of the NTP timestamp of the last SR received, 0 if none. */
    public static long lastSr(byte[] b, int at) {
        return Bytes.u32(b, at + 16);
    }

    /** Delay since that SR in units of 1/65536 s. */
    public static long delaySinceLastSr(byte[] b, int at) {
        return Bytes.u32(b, at + 20);
    }

    /**
     * Writes a block and returns {@link #LENGTH}. {@code cumulativeLost} is clamped to the
     * signed 24-bit range as RFC 3550 §6.4.1 asks.
     */
    public static int write(byte[] out, int at, long ssrc, int fractionLost, int cumulativeLost,
            long extendedHighestSeq, long jitter, long lastSr, long delaySinceLastSr) {
        RtcpHeader.checkRoom(out, at, LENGTH);
        int lost = Math.max(-0x800000, Math.min(0x7FFFFF, cumulativeLost));
        Bytes.put32(out, at, ssrc);
        out[at + 4] = (byte) fractionLost;
        Bytes.put24(out, at + 5, lost);
        Bytes.put32(out, at + 8, extendedHighestSeq);
        Bytes.put32(out, at + 12, jitter);
        Bytes.put32(out, at + 16, lastSr);
        Bytes.put32(out, at + 20, delaySinceLastSr);
        return LENGTH;
    }
}
