package io.junction.rtp.rtcp;

/**
 * Walks the packets of a compound RTCP packet (RFC 3550 §6.1) without allocating.
 * {@link #reset} validates the whole compound first (Appendix A.2: every packet version 2,
 * lengths add up exactly, padding counts within their packet); an invalid compound yields
 * no packets. Padding is accepted on any packet, not only the last, as libwebrtc emits it
 * on transport-wide CC feedback. Reduced-size RTCP (RFC 5506: a lone feedback packet) is
 * accepted: the first packet need not be SR/RR. Reusable; one per worker thread.
 */
public final class RtcpCursor {
    /** Why {@link #reset} rejected a compound packet. */
    public enum Invalid {
        /** Valid. */
        NONE,
        /** No bytes (or a null / out-of-range window). */
        EMPTY,
        /** Fewer than 4 bytes left for a packet header. */
        TRUNCATED_HEADER,
        /** A version field is not 2. */
        BAD_VERSION,
        /** A length field runs past the end of the compound. */
        LENGTH_PAST_END,
        /** A padding count of 0 or larger than the packet body. */
        BAD_PADDING
    }

    private byte[] b;
    private int pos;
    private int end;
    private int current;
    private int currentLength;
    private Invalid reason = Invalid.EMPTY;

    /** Validates and starts iterating {@code len} bytes at {@code off}; false if invalid. */
    public boolean reset(byte[] b, int off, int len) {
        this.b = b;
        reason = validate(b, off, len);
        pos = off;
        end = reason == Invalid.NONE ? off + len : off;
        current = -1;
        currentLength = 0;
        return reason == Invalid.NONE;
    }

    /** Checks a compound packet without a cursor. */
    public static Invalid validate(byte[] b, int off, int len) {
        if (b == null || len <= 0 || off < 0 || off > b.length - len) {
            return Invalid.EMPTY;
        }
        int end = off + len;
        int p = off;
        while (p < end) {
            if (end - p < RtcpHeader.LENGTH) {
                return Invalid.TRUNCATED_HEADER;
            }
            if (RtcpHeader.version(b, p) != 2) {
                return Invalid.BAD_VERSION;
            }
            int n = RtcpHeader.packetLength(b, p);
            if (n > end - p) {
                return Invalid.LENGTH_PAST_END;
            }
            if (RtcpHeader.hasPadding(b, p)) {
                int pad = b[p + n - 1] & 0xFF;
                if (pad == 0 || pad > n - RtcpHeader.LENGTH) {
                    return Invalid.BAD_PADDING;
                }
            }
            p += n;
        }
        return Invalid.NONE;
    }

    /** Why the last {@link #reset} failed, or {@link Invalid#NONE}. */
    public Invalid reason() {
        return reason;
    }

    /** Advances to the next packet; false when none is left. */
    public boolean next() {
        if (pos >= end) {
            current = -1;
            return false;
        }
        current = pos;
        currentLength = RtcpHeader.packetLength(b, pos);
        pos += currentLength;
        return true;
    }

    public byte[] array() {
        return b;
    }

    /** Offset of the current packet's header. */
    public int offset() {
        return current;
    }

    /** Bytes of the current packet, header and padding included. */
    public int length() {
        return currentLength;
    }

    /** Bytes of the current packet without trailing padding. */
    public int lengthWithoutPadding() {
        return RtcpHeader.hasPadding(b, current) ? currentLength - (b[current + currentLength - 1] & 0xFF)
                : currentLength;
    }

    public int packetType() {
        return RtcpHeader.packetType(b, current);
    }

    /** RC / SC / FMT field of the current packet. */
    public int count() {
        return RtcpHeader.count(b, current);
    }
}
