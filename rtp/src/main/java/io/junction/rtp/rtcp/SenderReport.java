package io.junction.rtp.rtcp;

import io.junction.rtp.Bytes;

/**
 * Sender report (RFC 3550 §6.4.1): header, SSRC, 20-byte sender info, RC report blocks.
 * Static accessors over one packet at {@code off}; call {@link #isValid} first.
 */
public final class SenderReport {
    /** Bytes before the first report block. */
    public static final int FIXED_LENGTH = 28;

    private SenderReport() {
    }

    /** True if the packet is an SR long enough for its sender info and RC blocks. */
    public static boolean isValid(byte[] b, int off, int len) {
        return len >= FIXED_LENGTH && RtcpHeader.packetType(b, off) == RtcpHeader.SR
                && len >= FIXED_LENGTH + ReportBlock.LENGTH * RtcpHeader.count(b, off);
    }

    public static long senderSsrc(byte[] b, int off) {
        return Bytes.u32(b, off + 4);
    }

    /** 64-bit NTP timestamp (seconds since 1900 in the high word, fraction in the low). */
    public static long ntpTimestamp(byte[] b, int off) {
        return (Bytes.u32(b, off + 8) << 32) | Bytes.u32(b, off + 12);
    }

    /** Middle 32 bits of the NTP timestamp: the LSR value receivers echo. */
    public static long ntpMiddle32(byte[] b, int off) {
        return Bytes.u32(b, off + 10);
    }

    public static long rtpTimestamp(byte[] b, int off) {
        return Bytes.u32(b, off + 16);
    }

    public static long packetCount(byte[] b, int off) {
        return Bytes.u32(b, off + 20);
    }

    public static long octetCount(byte[] b, int off) {
        return Bytes.u32(b, off + 24);
    }

    public static int reportCount(byte[] b, int off) {
        return RtcpHeader.count(b, off);
    }

    /** Absolute offset of report block {@code i}; read it with {@link ReportBlock}. */
    public static int reportBlockOffset(int off, int i) {
        return off + FIXED_LENGTH + ReportBlock.LENGTH * i;
    }

    /** Total bytes of an SR with {@code blocks} report blocks. */
    public static int length(int blocks) {
        return FIXED_LENGTH + ReportBlock.LENGTH * blocks;
    }

    /**
     * Writes header and sender info for an SR that will carry {@code blocks} report blocks
     * (write them with {@link ReportBlock#write} at {@link #reportBlockOffset}); returns
     * {@link #length(int)}.
     */
    public static int write(byte[] out, int off, long senderSsrc, long ntpTimestamp, long rtpTimestamp,
            long packetCount, long octetCount, int blocks) {
        int n = length(blocks);
        RtcpHeader.checkRoom(out, off, n);
        RtcpHeader.write(out, off, blocks, RtcpHeader.SR, n);
        Bytes.put32(out, off + 4, senderSsrc);
        Bytes.put32(out, off + 8, ntpTimestamp >>> 32);
        Bytes.put32(out, off + 12, ntpTimestamp);
        Bytes.put32(out, off + 16, rtpTimestamp);
        Bytes.put32(out, off + 20, packetCount);
        Bytes.put32(out, off + 24, octetCount);
        return n;
    }
}
