package io.junction.rtp.rtcp;

import io.junction.rtp.Bytes;

/**
 * Application-defined packet (RFC 3550 §6.7): subtype, SSRC, 4-character name, data.
 * Read-only accessors for pass-through; call {@link #isValid} first.
 */
public final class App {
    /** Bytes before the application data. */
    public static final int FIXED_LENGTH = 12;

    private App() {
    }

    public static boolean isValid(byte[] b, int off, int len) {
        return len >= FIXED_LENGTH && RtcpHeader.packetType(b, off) == RtcpHeader.APP
                && dataLength(b, off, len) >= 0;
    }

    public static int subtype(byte[] b, int off) {
        return RtcpHeader.count(b, off);
    }

    public static long ssrc(byte[] b, int off) {
        return Bytes.u32(b, off + 4);
    }

    /** The 4 ASCII name bytes as a big-endian int (e.g. 'T','E','S','T'). */
    public static int name(byte[] b, int off) {
        return Bytes.i32(b, off + 8);
    }

    public static int dataOffset(int off) {
        return off + FIXED_LENGTH;
    }

    /** Data bytes excluding padding (negative if the padding is larger than the data). */
    public static int dataLength(byte[] b, int off, int len) {
        int pad = RtcpHeader.hasPadding(b, off) ? b[off + len - 1] & 0xFF : 0;
        return len - FIXED_LENGTH - pad;
    }
}
