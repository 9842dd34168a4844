package io.junction.rtp;

/**
 * A reusable flyweight view of one RTP packet (RFC 3550 §5.1) over {@code byte[]}.
 *
 * <p>{@link #wrap} validates the structure once and caches the header length and padding;
 * accessors then read, and setters write, the underlying bytes in place. Sequence numbers
 * and payload types are {@code int}; timestamp and SSRC are unsigned 32-bit values held in
 * a {@code long} (0..2^32-1). One view per worker thread; {@code wrap} allocates nothing.
 *
 * <p>If the X bit is set, the extension block (RFC 3550 §5.3.1) starts at
 * {@link #extensionOffset()}: 16-bit profile, 16-bit length in 32-bit words, then data.
 */
public final class RtpPacket {
    /** Why {@link #wrap} rejected the input. */
    public enum Invalid {
        /** The packet is valid. */
        NONE,
        /** Fewer than 12 bytes (or a null / out-of-range window). */
        TOO_SHORT,
        /** Version field is not 2. */
        BAD_VERSION,
        /** The CSRC list runs past the end. */
        CSRC_PAST_END,
        /** The extension header or its declared length runs past the end. */
        EXTENSION_PAST_END,
        /** P bit set but the padding count is 0 or longer than the payload. */
        BAD_PADDING
    }

    private byte[] buf;
    private int off;
    private int len;
    private int headerLen;
    private int paddingLen;
    private Invalid reason = Invalid.TOO_SHORT;

    /**
     * Points this view at {@code len} bytes at {@code off}. Returns false (and sets
     * {@link #reason()}) if they are not a structurally valid RTP packet; accessors are
     * then meaningless.
     */
    public boolean wrap(byte[] b, int off, int len) {
        this.buf = b;
        this.off = off;
        this.len = len;
        this.headerLen = 0;
        this.paddingLen = 0;
        reason = check(b, off, len);
        return reason == Invalid.NONE;
    }

    /** Wraps the current window of a buffer. */
    public boolean wrap(PacketBuffer pb) {
        return wrap(pb.array(), pb.offset(), pb.length());
    }

    private Invalid check(byte[] b, int off, int len) {
        if (b == null || off < 0 || len < RtpHeader.FIXED_HEADER_LENGTH || off > b.length - len) {
            return Invalid.TOO_SHORT;
        }
        if (RtpHeader.version(b, off) != 2) {
            return Invalid.BAD_VERSION;
        }
        int h = RtpHeader.FIXED_HEADER_LENGTH + 4 * RtpHeader.csrcCount(b, off);
        if (h > len) {
            return Invalid.CSRC_PAST_END;
        }
        if (RtpHeader.hasExtension(b, off)) {
            if (h + 4 > len) {
                return Invalid.EXTENSION_PAST_END;
            }
            h += 4 + 4 * Bytes.u16(b, off + h + 2);
            if (h > len) {
                return Invalid.EXTENSION_PAST_END;
            }
        }
        int pad = 0;
        if (RtpHeader.hasPadding(b, off)) {
            pad = b[off + len - 1] & 0xFF;
            if (pad == 0 || pad > len - h) {
                return Invalid.BAD_PADDING;
            }
        }
        headerLen = h;
        paddingLen = pad;
        return Invalid.NONE;
    }

    /** Why the last {@link #wrap} failed, or {@link Invalid#NONE}. */
    public Invalid reason() {
        return reason;
    }

    /** Whether the last {@link #wrap} succeeded. */
    public boolean isValid() {
        return reason == Invalid.NONE;
    }

    public byte[] array() {
        return buf;
    }

    /** Offset of the first header byte. */
    public int offset() {
        return off;
    }

    /** Whole packet length, including padding. */
    public int length() {
        return len;
    }

    public int version() {
        return RtpHeader.version(buf, off);
    }

    public boolean hasPadding() {
        return RtpHeader.hasPadding(buf, off);
    }

    public boolean hasExtension() {
        return RtpHeader.hasExtension(buf, off);
    }

    public int csrcCount() {
        return RtpHeader.csrcCount(buf, off);
    }

    /** CSRC number {@code i} (0-based, below {@link #csrcCount()}), unsigned. */
    public long csrc(int i) {
        if (i < 0 || i >= csrcCount()) {
            throw new IndexOutOfBoundsException("csrc index " + i + " of " + csrcCount());
        }
        return Bytes.u32(buf, off + RtpHeader.FIXED_HEADER_LENGTH + 4 * i);
    }

    public boolean marker() {
        return RtpHeader.marker(buf, off);
    }

    public int payloadType() {
        return RtpHeader.payloadType(buf, off);
    }

    public int sequenceNumber() {
        return RtpHeader.sequenceNumber(buf, off);
    }

    /** Unsigned 32-bit RTP timestamp. */
    public long timestamp() {
        return RtpHeader.timestamp(buf, off);
    }

    /** Unsigned 32-bit SSRC. */
    public long ssrc() {
        return RtpHeader.ssrc(buf, off);
    }

    /** Fixed header + CSRCs + extension block. */
    public int headerLength() {
        return headerLen;
    }

    /** Absolute offset in {@link #array()} of the payload. */
    public int payloadOffset() {
        return off + headerLen;
    }

    /** Payload bytes, excluding padding. */
    public int payloadLength() {
        return len - headerLen - paddingLen;
    }

    /** Padding bytes at the end (including the count byte), 0 if none. */
    public int paddingLength() {
        return paddingLen;
    }

    /** Absolute offset of the extension block (profile field), or -1 without X bit. */
    public int extensionOffset() {
        return hasExtension() ? off + RtpHeader.FIXED_HEADER_LENGTH + 4 * csrcCount() : -1;
    }

    /** The 16-bit "defined by profile" value of the extension block, or -1 without X bit. */
    public int extensionProfile() {
        int e = extensionOffset();
        return e < 0 ? -1 : Bytes.u16(buf, e);
    }

    /** Bytes of extension data after the 4-byte block header, 0 without X bit. */
    public int extensionDataLength() {
        int e = extensionOffset();
        return e < 0 ? 0 : 4 * Bytes.u16(buf, e + 2);
    }

    public void setMarker(boolean marker) {
        RtpHeader.setMarker(buf, off, marker);
    }

    public void setPayloadType(int pt) {
        RtpHeader.setPayloadType(buf, off, pt);
    }

    public void setSequenceNumber(int seq) {
        RtpHeader.setSequenceNumber(buf, off, seq);
    }

    public void setTimestamp(long ts) {
        RtpHeader.setTimestamp(buf, off, ts);
    }

    public void setSsrc(long ssrc) {
        RtpHeader.setSsrc(buf, off, ssrc);
    }

    @Override
    public String toString() {
        if (!isValid()) {
            return "RtpPacket[invalid " + reason + "]";
        }
        return "RtpPacket[pt=" + payloadType() + ", seq=" + sequenceNumber() + ", ts=" + timestamp()
                + ", ssrc=" + ssrc() + ", m=" + marker() + ", payload=" + payloadLength() + "]";
    }
}
