package io.junction.ice;

/**
 * Cheap structural check of a STUN message before ice4j decodes it: a pure function over
 * {@code (buf, off, len)} that allocates nothing and never reads outside the given range.
 *
 * <p>Header (RFC 5389 §6): at least 20 bytes, the two most significant bits zero, the magic cookie
 * 0x2112A442 (RFC 8445 §7 requires RFC 5389 STUN, so classic RFC 3489 messages are refused), and the
 * message length a multiple of 4 and equal to the bytes after the header. Attributes (RFC 5389 §15):
 * every type-length-value header plus its value padded to 4 bytes fits exactly in the message, no
 * attribute follows FINGERPRINT (§15.5), and the attributes ice4j decodes with fixed layouts have the
 * sizes their RFCs give ({@link StunAttributeRules}).
 */
public final class StunFraming {
    /** RFC 5389 §6. */
    public static final int HEADER = 20;
    /** RFC 5389 §6: magic cookie. */
    public static final int MAGIC_COOKIE = 0x2112A442;
    private static final int FINGERPRINT = 0x8028;

    /** The outcome of {@link #check}; everything but {@link #VALID} means "drop". */
    public enum Verdict {
        /** Well framed. */
        VALID,
        /** Shorter than the 20-byte header, or the range lies outside the buffer. */
        TRUNCATED,
        /** The two most significant bits are not zero (RFC 5389 §6: not STUN). */
        NOT_STUN,
        /** No magic cookie. */
        BAD_COOKIE,
        /** Message length not a multiple of 4 or not equal to the bytes after the header. */
        BAD_LENGTH,
        /** An attribute header or value (with padding) runs past the end of the message. */
        ATTRIBUTE_OVERRUN,
        /** An attribute value has a size or content its RFC does not allow. */
        BAD_ATTRIBUTE,
        /** An attribute follows FINGERPRINT, which must be last (RFC 5389 §15.5). */
        AFTER_FINGERPRINT
    }

    private StunFraming() {
    }

    /** True when {@link #check} says {@link Verdict#VALID}. */
    public static boolean isValid(byte[] buf, int off, int len) {
        return check(buf, off, len) == Verdict.VALID;
    }

    /** Checks one datagram holding exactly one STUN message. */
    public static Verdict check(byte[] buf, int off, int len) {
        if (buf == null || off < 0 || len < HEADER || off > buf.length - len) {
            return Verdict.TRUNCATED;
        }
        if ((buf[off] & 0xC0) != 0) {
            return Verdict.NOT_STUN;
        }
        if (int32(buf, off + 4) != MAGIC_COOKIE) {
            return Verdict.BAD_COOKIE;
        }
        int msgLen = uint16(buf, off + 2);
        if ((msgLen & 3) != 0 || msgLen != len - HEADER) {
            return Verdict.BAD_LENGTH;
        }
        int end = off + len;
        int p = off + HEADER;
        boolean fingerprintSeen = false;
        while (p < end) {
            if (fingerprintSeen) {
                return Verdict.AFTER_FINGERPRINT;
            }
            if (end - p < 4) {
                return Verdict.ATTRIBUTE_OVERRUN; // unreachable while msgLen % 4 == 0; kept as a guard
            }
            int type = uint16(buf, p);
            int valueLen = uint16(buf, p + 2);
            int padded = (valueLen + 3) & ~3;
            if (padded > end - p - 4) {
                return Verdict.ATTRIBUTE_OVERRUN;
            }
            if (!StunAttributeRules.valid(type, buf, p + 4, valueLen)) {
                return Verdict.BAD_ATTRIBUTE;
            }
            fingerprintSeen = type == FINGERPRINT;
            p += 4 + padded;
        }
        return Verdict.VALID;
    }

    static int uint16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    private static int int32(byte[] b, int i) {
        return (uint16(b, i) << 16) | uint16(b, i + 2);
    }
}
