package io.junction.rtp.rtcp;

import io.junction.rtp.Bytes;

/**
 * Receiver estimated maximum bitrate (draft-alvestrand-rmcat-remb-03 §2.2): PSFB FMT=15,
 * media SSRC 0, "REMB", SSRC count, 6-bit exponent + 18-bit mantissa, then SSRCs.
 */
public final class Remb {
    private static final int IDENTIFIER = 0x52454D42; // "REMB"

    private Remb() {
    }

    /** True if the packet is a REMB whose SSRC list fits. */
    public static boolean isValid(byte[] b, int off, int len) {
        return Feedback.is(b, off, len, RtcpHeader.PSFB, RtcpHeader.FMT_AFB) && len >= 20
                && Bytes.i32(b, off + 12) == IDENTIFIER && len >= 20 + 4 * ssrcCount(b, off);
    }

    public static int ssrcCount(byte[] b, int off) {
        return b[off + 16] & 0xFF;
    }

    /** Bitrate in bits per second: mantissa * 2^exponent. */
    public static long bitrate(byte[] b, int off) {
        int exp = (b[off + 17] & 0xFC) >>> 2;
        long mantissa = Bytes.u24(b, off + 17) & 0x3FFFF;
        return exp > 45 ? Long.MAX_VALUE : mantissa << exp;
    }

    public static long ssrc(byte[] b, int off, int i) {
        return Bytes.u32(b, off + 20 + 4 * i);
    }

    /** Total bytes of a REMB listing {@code ssrcs} sources. */
    public static int length(int ssrcs) {
        return 20 + 4 * ssrcs;
    }

    /**
     * Writes a REMB for {@code count} SSRCs from {@code ssrcs[from..]}; returns its length.
     * The bitrate is rounded down to the nearest representable value.
     */
    public static int write(byte[] out, int off, long senderSsrc, long bitrate, long[] ssrcs, int from, int count) {
        if (bitrate < 0) {
            throw new IllegalArgumentException("bitrate must be >= 0, was " + bitrate);
        }
        if (count < 0 || count > 255) {
            throw new IllegalArgumentException("REMB SSRC count must be in [0, 255], was " + count);
        }
        int n = length(count);
        int at = off + Feedback.writeFixed(out, off, RtcpHeader.PSFB, RtcpHeader.FMT_AFB, n, senderSsrc, 0);
        Bytes.put32(out, at, IDENTIFIER);
        int exp = 0;
        while ((bitrate >>> exp) > 0x3FFFF) {
            exp++;
        }
        out[at + 4] = (byte) count;
        Bytes.put24(out, at + 5, (exp << 18) | (int) (bitrate >>> exp));
        for (int i = 0; i < count; i++) {
            Bytes.put32(out, at + 8 + 4 * i, ssrcs[from + i]);
        }
        return n;
    }
}
