package io.junction.rtp.rtcp;

import io.junction.rtp.Bytes;

/**
 * The common part of RTPFB/PSFB feedback messages (RFC 4585 §6.1): header with FMT, sender
 * SSRC, media source SSRC, then feedback control information (FCI).
 */
public final class Feedback {
    /** Bytes before the FCI. */
    public static final int FIXED_LENGTH = 12;

    private Feedback() {
    }

    /** True if the packet is of {@code packetType}/{@code fmt} and has the 12 fixed bytes. */
    public static boolean is(byte[] b, int off, int len, int packetType, int fmt) {
        return len >= FIXED_LENGTH && RtcpHeader.packetType(b, off) == packetType
                && RtcpHeader.count(b, off) == fmt;
    }

    public static int fmt(byte[] b, int off) {
        return RtcpHeader.count(b, off);
    }

    public static long senderSsrc(byte[] b, int off) {
        return Bytes.u32(b, off + 4);
    }

    public static long mediaSsrc(byte[] b, int off) {
        return Bytes.u32(b, off + 8);
    }

    /** Writes the 12 fixed bytes of a feedback packet of {@code totalBytes}; returns 12. */
    static int writeFixed(byte[] out, int off, int packetType, int fmt, int totalBytes, long sender, long media) {
        RtcpHeader.checkRoom(out, off, totalBytes);
        RtcpHeader.write(out, off, fmt, packetType, totalBytes);
        Bytes.put32(out, off + 4, sender);
        Bytes.put32(out, off + 8, media);
        return FIXED_LENGTH;
    }
}
