package io.junction.rtp;

import java.nio.charset.StandardCharsets;

/**
 * Readers for the SDES-item header extensions that name a stream (RFC 7941 §4: the element
 * value is the item's text, not NUL-terminated):
 * <ul>
 *   <li>RtpStreamId and RepairedRtpStreamId (RFC 8852 §3.1, §3.2): the rid of a simulcast
 *       layer and of the stream an RTX stream repairs. Allowed bytes: alphanumerics (RFC 8852
 *       §3.1), plus {@code -} and {@code _}, which RFC 8851 §10 allows in the SDP
 *       {@code rid-id} the value must match.</li>
 *   <li>MID (RFC 8843 §15.2): the m-section's identification-tag, an SDP token (RFC 8866 §9
 *       {@code token-char}).</li>
 * </ul>
 * A value that is empty or holds another byte is malformed: {@link #find} reports it as
 * absent. On the per-packet path compare with {@link #equalsAscii} (no allocation);
 * {@link #readString} allocates and is meant for the first packet of an unknown SSRC.
 */
public final class SdesExtension {
    /** Which item an element carries; it decides the allowed bytes. */
    public enum Kind {
        RID, REPAIRED_RID, MID
    }

    private SdesExtension() {
    }

    /** Absolute offset of the value of a valid element {@code id}, or -1 if absent or malformed. */
    public static int find(RtpPacket p, int id, Kind kind) {
        int v = HeaderExtensions.find(p, id);
        if (v < 0) {
            return -1;
        }
        return isValid(p.array(), v, HeaderExtensions.valueLength(p, v), kind) ? v : -1;
    }

    /** True if {@code len} bytes at {@code off} form a valid value of {@code kind}. */
    public static boolean isValid(byte[] b, int off, int len, Kind kind) {
        if (len <= 0) {
            return false;
        }
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xFF;
            if (kind == Kind.MID ? !isTokenChar(c) : !isRidChar(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isRidChar(int c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '-' || c == '_';
    }

    /** RFC 8866 §9: token-char = %x21 / %x23-27 / %x2A-2B / %x2D-2E / %x30-39 / %x41-5A / %x5E-7E. */
    private static boolean isTokenChar(int c) {
        return c == 0x21 || c >= 0x23 && c <= 0x27 || c == 0x2A || c == 0x2B || c == 0x2D || c == 0x2E
                || c >= 0x30 && c <= 0x39 || c >= 0x41 && c <= 0x5A || c >= 0x5E && c <= 0x7E;
    }

    /**
     * True if element {@code id} is present, valid, and equals {@code expected} (ASCII bytes,
     * e.g. a layer's rid prepared once from the SDP).
     */
    public static boolean equalsAscii(RtpPacket p, int id, Kind kind, byte[] expected) {
        int v = find(p, id, kind);
        if (v < 0) {
            return false;
        }
        int len = HeaderExtensions.valueLength(p, v);
        if (len != expected.length) {
            return false;
        }
        byte[] b = p.array();
        for (int i = 0; i < len; i++) {
            if (b[v + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    /** The value of a valid element {@code id} as a string, or null if absent or malformed. */
    public static String readString(RtpPacket p, int id, Kind kind) {
        int v = find(p, id, kind);
        return v < 0 ? null : new String(p.array(), v, HeaderExtensions.valueLength(p, v), StandardCharsets.US_ASCII);
    }
}
