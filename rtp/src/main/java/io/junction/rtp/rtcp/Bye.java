package io.junction.rtp.rtcp;

import io.junction.rtp.Bytes;

/**
 * Goodbye (RFC 3550 §6.6): SC SSRC/CSRC identifiers, then an optional reason (length + text).
 * Static accessors over one packet; call {@link #isValid} first.
 */
public final class Bye {
    private Bye() {
    }

    /** True if the packet is a BYE holding its SC identifiers and, if present, its whole reason. */
    public static boolean isValid(byte[] b, int off, int len) {
        if (len < 4 || RtcpHeader.packetType(b, off) != RtcpHeader.BYE) {
            return false;
        }
        int r = off + 4 + 4 * RtcpHeader.count(b, off);
        int end = off + payloadEnd(b, off, len);
        if (r > end) {
            return false;
        }
        return r == end || r + 1 + (b[r] & 0xFF) <= end;
    }

    private static int payloadEnd(byte[] b, int off, int len) {
        return RtcpHeader.hasPadding(b, off) ? len - (b[off + len - 1] & 0xFF) : len;
    }

    public static int ssrcCount(byte[] b, int off) {
        return RtcpHeader.count(b, off);
    }

    public static long ssrc(byte[] b, int off, int i) {
        return Bytes.u32(b, off + 4 + 4 * i);
    }

    /** Absolute offset of the reason text, or -1 if there is none. */
    public static int reasonOffset(byte[] b, int off, int len) {
        int r = off + 4 + 4 * RtcpHeader.count(b, off);
        return r < off + payloadEnd(b, off, len) ? r + 1 : -1;
    }

    /** Length of the reason text, 0 if none. */
    public static int reasonLength(byte[] b, int off, int len) {
        int r = reasonOffset(b, off, len);
        return r < 0 ? 0 : b[r - 1] & 0xFF;
    }

    /** Writes a BYE for one SSRC without reason; returns 8. */
    public static int write(byte[] out, int off, long ssrc) {
        RtcpHeader.checkRoom(out, off, 8);
        RtcpHeader.write(out, off, 1, RtcpHeader.BYE, 8);
        Bytes.put32(out, off + 4, ssrc);
        return 8;
    }
}
