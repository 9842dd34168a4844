package io.junction.rtp.rtcp;

import io.junction.rtp.Bytes;

/**
 * Full intra request (RFC 5104 §4.3.1): PSFB FMT=4, media SSRC 0, then 8-byte FCI entries
 * (target SSRC, 8-bit command sequence number, 24 reserved bits).
 */
public final class Fir {
    /** Bytes of a FIR with one entry. */
    public static final int LENGTH_ONE = Feedback.FIXED_LENGTH + 8;

    private Fir() {
    }

    public static boolean isValid(byte[] b, int off, int len) {
        return Feedback.is(b, off, len, RtcpHeader.PSFB, RtcpHeader.FMT_FIR);
    }

    public static int entryCount(int len) {
        return (len - Feedback.FIXED_LENGTH) / 8;
    }

    public static long ssrc(byte[] b, int off, int i) {
        return Bytes.u32(b, off + Feedback.FIXED_LENGTH + 8 * i);
    }

    public static int sequenceNumber(byte[] b, int off, int i) {
        return b[off + Feedback.FIXED_LENGTH + 8 * i + 4] & 0xFF;
    }

    /** Writes a FIR with one entry for {@code targetSsrc}; returns 20. */
    public static int write(byte[] out, int off, long senderSsrc, long targetSsrc, int seqNr) {
        int at = off + Feedback.writeFixed(out, off, RtcpHeader.PSFB, RtcpHeader.FMT_FIR, LENGTH_ONE, senderSsrc, 0);
        Bytes.put32(out, at, targetSsrc);
        Bytes.put32(out, at + 4, (seqNr & 0xFFL) << 24);
        return LENGTH_ONE;
    }
}
