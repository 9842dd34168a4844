package io.junction.rtp;

/**
 * Static accessors for the RTP fixed header (RFC 3550 §5.1) at {@code off} in {@code b},
 * usable without a view. They do not validate: call them only on bytes already checked
 * (e.g. by {@link RtpPacket#wrap}) or known to hold at least {@link #FIXED_HEADER_LENGTH} bytes.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 * |                           timestamp                           |
 * |           synchronization source (SSRC) identifier            |
 * |            contributing source (CSRC) identifiers             | (CC times)
 * </pre>
 */
public final class RtpHeader {
    /** Bytes of the fixed header without CSRCs. */
    public static final int FIXED_HEADER_LENGTH = 12;

    private RtpHeader() {
    }

    public static int version(byte[] b, int off) {
        return (b[off] & 0xC0) >>> 6;
    }

    public static boolean hasPadding(byte[] b, int off) {
        return (b[off] & 0x20) != 0;
    }

    public static boolean hasExtension(byte[] b, int off) {
        return (b[off] & 0x10) != 0;
    }

    public static int csrcCount(byte[] b, int off) {
        return b[off] & 0x0F;
    }

    public static boolean marker(byte[] b, int off) {
        return (b[off + 1] & 0x80) != 0;
    }

    public static int payloadType(byte[] b, int off) {
        return b[off + 1] & 0x7F;
    }

    public static int sequenceNumber(byte[] b, int off) {
        return Bytes.u16(b, off + 2);
    }

    /** Unsigned 32-bit timestamp. */
    public static long timestamp(byte[] b, int off) {
        return Bytes.u32(b, off + 4);
    }

    /** Unsigned 32-bit SSRC. */
    public static long ssrc(byte[] b, int off) {
        return Bytes.u32(b, off + 8);
    }

    public static void setMarker(byte[] b, int off, boolean marker) {
        b[off + 1] = (byte) (marker ? (b[off + 1] | 0x80) : (b[off + 1] & 0x7F));
    }

    /** Writes the 7-bit payload type, keeping the marker bit. */
    public static void setPayloadType(byte[] b, int off, int pt) {
        b[off + 1] = (byte) ((b[off + 1] & 0x80) | (pt & 0x7F));
    }

    public static void setSequenceNumber(byte[] b, int off, int seq) {
        Bytes.put16(b, off + 2, seq);
    }

    public static void setTimestamp(byte[] b, int off, long ts) {
        Bytes.put32(b, off + 4, ts);
    }

    public static void setSsrc(byte[] b, int off, long ssrc) {
        Bytes.put32(b, off + 8, ssrc);
    }

    /**
     * Writes a fixed header (version 2, no padding, no extension, no CSRC) and returns
     * {@link #FIXED_HEADER_LENGTH}.
     */
    public static int writeFixedHeader(byte[] b, int off, boolean marker, int pt, int seq, long ts, long ssrc) {
        b[off] = (byte) 0x80;
        b[off + 1] = (byte) ((marker ? 0x80 : 0) | (pt & 0x7F));
        Bytes.put16(b, off + 2, seq);
        Bytes.put32(b, off + 4, ts);
        Bytes.put32(b, off + 8, ssrc);
        return FIXED_HEADER_LENGTH;
    }
}
