package io.junction.rtp;

/**
 * RTP retransmission payload format (RFC 4588 §4): the RTX payload is the original sequence
 * number (OSN, 2 bytes) followed by the original payload; header fields other than payload
 * type, SSRC and sequence number are kept. Both directions work in place on a
 * {@link PacketBuffer}: the header moves by 2 bytes, the payload does not move.
 */
public final class Rtx {
    /** Bytes of the OSN field. */
    public static final int OSN_LENGTH = 2;

    private Rtx() {
    }

    /**
     * Turns the original packet wrapped by {@code p} (over {@code buf}'s window) into an RTX
     * packet: moves the header 2 bytes back into the headroom, writes the OSN, and sets
     * {@code rtxPayloadType}, {@code rtxSsrc} and {@code rtxSeq}. {@code p} is re-wrapped.
     *
     * @return false, changing nothing, if the headroom is smaller than 2 bytes
     */
    public static boolean encapsulate(PacketBuffer buf, RtpPacket p, int rtxPayloadType, long rtxSsrc, int rtxSeq) {
        checkWraps(buf, p);
        if (buf.headroom() < OSN_LENGTH) {
            return false;
        }
        byte[] b = buf.array();
        int off = p.offset();
        int h = p.headerLength();
        int osn = p.sequenceNumber();
        System.arraycopy(b, off, b, off - OSN_LENGTH, h);
        Bytes.put16(b, off - OSN_LENGTH + h, osn);
        buf.set(off - OSN_LENGTH, p.length() + OSN_LENGTH);
        p.wrap(buf);
        p.setPayloadType(rtxPayloadType);
        p.setSsrc(rtxSsrc);
        p.setSequenceNumber(rtxSeq);
        return true;
    }

    /**
     * Turns an RTX packet back into the original: reads the OSN, moves the header 2 bytes
     * forward over it, and restores sequence number, {@code payloadType} and {@code ssrc}.
     * {@code p} is re-wrapped.
     *
     * @return the original sequence number, or -1 (changing nothing) if the RTX payload is
     *     shorter than the OSN (e.g. a padding-only probe)
     */
    public static int decapsulate(PacketBuffer buf, RtpPacket p, int payloadType, long ssrc) {
        checkWraps(buf, p);
        if (p.payloadLength() < OSN_LENGTH) {
            return -1;
        }
        byte[] b = buf.array();
        int off = p.offset();
        int h = p.headerLength();
        int osn = Bytes.u16(b, off + h);
        System.arraycopy(b, off, b, off + OSN_LENGTH, h);
        buf.set(off + OSN_LENGTH, p.length() - OSN_LENGTH);
        p.wrap(buf);
        p.setSequenceNumber(osn);
        p.setPayloadType(payloadType);
        p.setSsrc(ssrc);
        return osn;
    }

    /** The OSN of a wrapped RTX packet without changing it, or -1 if the payload is too short. */
    public static int originalSequenceNumber(RtpPacket p) {
        return p.payloadLength() < OSN_LENGTH ? -1 : Bytes.u16(p.array(), p.payloadOffset());
    }

    private static void checkWraps(PacketBuffer buf, RtpPacket p) {
        if (!p.isValid() || p.array() != buf.array() || p.offset() != buf.offset() || p.length() != buf.length()) {
            throw new IllegalArgumentException("packet view does not wrap the buffer's window");
        }
    }
}
