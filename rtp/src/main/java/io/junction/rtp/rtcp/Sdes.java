package io.junction.rtp.rtcp;

import io.junction.rtp.Bytes;

/**
 * Source description (RFC 3550 §6.5): SC chunks, each an SSRC followed by items
 * (type, length, text) and terminated by a zero type, padded to a 32-bit boundary.
 * Read items with {@link SdesCursor}; build a one-chunk CNAME packet with {@link #writeCname}.
 */
public final class Sdes {
    /** Item type of the canonical name (§6.5.1). */
    public static final int CNAME = 1;

    private Sdes() {
    }

    /** True if the packet is an SDES whose chunks and items are all well-formed. */
    public static boolean isValid(byte[] b, int off, int len) {
        return len >= 4 && RtcpHeader.packetType(b, off) == RtcpHeader.SDES && SdesCursor.validate(b, off, len);
    }

    /** Total bytes of an SDES packet with one chunk holding a CNAME of {@code cnameLength}. */
    public static int cnameLength(int cnameLength) {
        // header 4 + SSRC 4 + type 1 + length 1 + text + at least one terminating zero, padded
        return 4 + ((4 + 2 + cnameLength + 1 + 3) & ~3);
    }

    /**
     * Writes an SDES packet with one chunk ({@code ssrc}, CNAME item) and returns its length.
     *
     * @throws IllegalArgumentException if the CNAME is longer than 255 bytes
     */
    public static int writeCname(byte[] out, int off, long ssrc, byte[] cname, int cOff, int cLen) {
        if (cLen < 0 || cLen > 255) {
            throw new IllegalArgumentException("CNAME length must be in [0, 255], was " + cLen);
        }
        int n = cnameLength(cLen);
        RtcpHeader.checkRoom(out, off, n);
        RtcpHeader.write(out, off, 1, RtcpHeader.SDES, n);
        Bytes.put32(out, off + 4, ssrc);
        out[off + 8] = CNAME;
        out[off + 9] = (byte) cLen;
        System.arraycopy(cname, cOff, out, off + 10, cLen);
        for (int i = off + 10 + cLen; i < off + n; i++) {
            out[i] = 0;
        }
        return n;
    }
}
