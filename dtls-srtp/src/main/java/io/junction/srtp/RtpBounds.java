package io.junction.srtp;

/** Pure checks of RTP/RTCP framing done before bytes reach jitsi-srtp (RFC 3550 §5.1, §6.4). */
final class RtpBounds {
    static final int RTP_FIXED_HEADER = 12;
    static final int RTCP_FIXED_HEADER = 8;

    private RtpBounds() {
    }

    /** Whether [off, off+len) plus tailroom lies inside buf. */
    static boolean inside(byte[] buf, int off, int len, int tailroom) {
        return buf != null && off >= 0 && len >= 0 && (long) off + len + tailroom <= buf.length;
    }

    /** Version field is 2 (top two bits 10). */
    static boolean versionTwo(byte[] buf, int off) {
        return (buf[off] & 0xC0) == 0x80;
    }

    /**
     * Length of the RTP header including CSRCs and the header extension, or -1 if it does not fit
     * in len bytes.
     */
    static int rtpHeaderLength(byte[] buf, int off, int len) {
        if (len < RTP_FIXED_HEADER || !versionTwo(buf, off)) {
            return -1;
        }
        int header = RTP_FIXED_HEADER + 4 * (buf[off] & 0x0F);
        if ((buf[off] & 0x10) != 0) {
            if (header + 4 > len) {
                return -1;
            }
            int words = ((buf[off + header + 2] & 0xFF) << 8) | (buf[off + header + 3] & 0xFF);
            header += 4 + 4 * words;
        }
        return header <= len ? header : -1;
    }

    static int readInt(byte[] buf, int pos) {
        return ((buf[pos] & 0xFF) << 24) | ((buf[pos + 1] & 0xFF) << 16) | ((buf[pos + 2] & 0xFF) << 8)
            | (buf[pos + 3] & 0xFF);
    }
}
