package io.junction.rtp.rtcp;

import io.junction.rtp.Bytes;

/**
 * The common RTCP header (RFC 3550 §6.4.1) and packet type constants; static, no validation.
 *
 * <pre>
 * |V=2|P|  RC/FMT |      PT       |             length            |
 * </pre>
 * {@code length} counts 32-bit words minus one, so a packet is {@code 4 * (length + 1)} bytes.
 */
public final class RtcpHeader {
    /** Sender report (RFC 3550 §6.4.1). */
    public static final int SR = 200;
    /** Receiver report (RFC 3550 §6.4.2). */
    public static final int RR = 201;
    /** Source description (RFC 3550 §6.5). */
    public static final int SDES = 202;
    /** Goodbye (RFC 3550 §6.6). */
    public static final int BYE = 203;
    /** Application-defined (RFC 3550 §6.7). */
    public static final int APP = 204;
    /** Transport-layer feedback (RFC 4585 §6.2). */
    public static final int RTPFB = 205;
    /** Payload-specific feedback (RFC 4585 §6.3). */
    public static final int PSFB = 206;

    /** RTPFB FMT: generic NACK (RFC 4585 §6.2.1). */
    public static final int FMT_NACK = 1;
    /** RTPFB FMT: transport-wide CC (draft-holmer-rmcat-transport-wide-cc-extensions-01). */
    public static final int FMT_TWCC = 15;
    /** PSFB FMT: picture loss indication (RFC 4585 §6.3.1). */
    public static final int FMT_PLI = 1;
    /** PSFB FMT: full intra request (RFC 5104 §4.3.1). */
    public static final int FMT_FIR = 4;
    /** PSFB FMT: application layer feedback, used by REMB. */
    public static final int FMT_AFB = 15;

    /** Bytes of the common header. */
    public static final int LENGTH = 4;

    private RtcpHeader() {
    }

    public static int version(byte[] b, int off) {
        return (b[off] & 0xC0) >>> 6;
    }

    public static boolean hasPadding(byte[] b, int off) {
        return (b[off] & 0x20) != 0;
    }

    /** Report count, source count or feedback message type (FMT): the low 5 bits. */
    public static int count(byte[] b, int off) {
        return b[off] & 0x1F;
    }

    public static int packetType(byte[] b, int off) {
        return b[off + 1] & 0xFF;
    }

    /** Length field: 32-bit words minus one. */
    public static int lengthWords(byte[] b, int off) {
        return Bytes.u16(b, off + 2);
    }

    /** Packet size in bytes from the length field. */
    public static int packetLength(byte[] b, int off) {
        return 4 * (Bytes.u16(b, off + 2) + 1);
    }

    /** SSRC of the sender (the word after the header, for every type except SDES chunks). */
    public static long senderSsrc(byte[] b, int off) {
        return Bytes.u32(b, off + 4);
    }

    /**
     * Writes a header (version 2, no padding) for a packet of {@code totalBytes} (a multiple
     * of 4, at least 4) and returns 4.
     */
    public static int write(byte[] out, int off, int count, int packetType, int totalBytes) {
        if (count < 0 || count > 31) {
            throw new IllegalArgumentException("RTCP count/FMT must be in [0, 31], was " + count);
        }
        if (totalBytes < 4 || (totalBytes & 3) != 0 || totalBytes > 4 * 65536) {
            throw new IllegalArgumentException("RTCP packet length must be a multiple of 4 in [4, 262144], was "
                    + totalBytes);
        }
        out[off] = (byte) (0x80 | count);
        out[off + 1] = (byte) packetType;
        Bytes.put16(out, off + 2, totalBytes / 4 - 1);
        return LENGTH;
    }

    /** Throws unless {@code need} bytes fit at {@code off} in {@code out}. */
    static void checkRoom(byte[] out, int off, int need) {
        if (off < 0 || need > out.length - off) {
            throw new IndexOutOfBoundsException("need " + need + " bytes at offset " + off
                    + " in array of " + out.length);
        }
    }
}
