package io.junction.rtp.rtcp;

import io.junction.rtp.Bytes;

/**
 * Receiver report (RFC 3550 §6.4.2): header, reporter SSRC, RC report blocks.
 * Static accessors over one packet at {@code off}; call {@link #isValid} first.
 */
public final class ReceiverReport {
    /** Bytes before the first report block. */
    public static final int FIXED_LENGTH = 8;

    private ReceiverReport() {
    }

    /** True if the packet is an RR long enough for its RC blocks. */
    public static boolean isValid(byte[] b, int off, int len) {
        return len >= FIXED_LENGTH && RtcpHeader.packetType(b, off) == RtcpHeader.RR
                && len >= FIXED_LENGTH + ReportBlock.LENGTH * RtcpHeader.count(b, off);
    }

    public static long senderSsrc(byte[] b, int off) {
        return Bytes.u32(b, off + 4);
    }

    public static int reportCount(byte[] b, int off) {
        return RtcpHeader.count(b, off);
    }

    /** Absolute offset of report block {@code i}; read it with {@link ReportBlock}. */
    public static int reportBlockOffset(int off, int i) {
        return off + FIXED_LENGTH + ReportBlock.LENGTH * i;
    }

    /** Total bytes of an RR with {@code blocks} report blocks. */
    public static int length(int blocks) {
        return FIXED_LENGTH + ReportBlock.LENGTH * blocks;
    }

    /**
     * Writes the header for an RR that will carry {@code blocks} (0..31) report blocks
     * (write them with {@link ReportBlock#write} at {@link #reportBlockOffset}); returns
     * {@link #length(int)}.
     */
    public static int write(byte[] out, int off, long senderSsrc, int blocks) {
        int n = length(blocks);
        RtcpHeader.checkRoom(out, off, n);
        RtcpHeader.write(out, off, blocks, RtcpHeader.RR, n);
        Bytes.put32(out, off + 4, senderSsrc);
        return n;
    }
}
