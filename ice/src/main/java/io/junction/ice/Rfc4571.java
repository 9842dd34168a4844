package io.junction.ice;

/**
 * RFC 4571 §2 framing of ICE-TCP (RFC 6544 §3): each packet is preceded by a 16-bit big-endian
 * length. Pure functions over a buffer; allocate nothing.
 */
final class Rfc4571 {
    /** {@link #next}: not enough bytes yet for the next frame. */
    static final int NEED_MORE = -1;
    /** {@link #next}: the next frame announces more than the allowed size: cut the connection off. */
    static final int TOO_LONG = -2;

    private Rfc4571() {
    }

    /**
     * The length of the complete frame starting at {@code buf[0]} (its payload follows the 2-byte
     * header), given {@code have} buffered bytes: {@link #NEED_MORE} or {@link #TOO_LONG}
     * ({@code length > maxFrame}; known from the header alone, so a peer cannot make us buffer it).
     */
    static int next(byte[] buf, int have, int maxFrame) {
        if (have < 2) {
            return NEED_MORE;
        }
        int len = ((buf[0] & 0xFF) << 8) | (buf[1] & 0xFF);
        if (len > maxFrame) {
            return TOO_LONG;
        }
        return have - 2 >= len ? len : NEED_MORE;
    }

    /** Writes the 2-byte header for a {@code len}-byte payload at {@code out[off]}. */
    static void header(byte[] out, int off, int len) {
        out[off] = (byte) (len >>> 8);
        out[off + 1] = (byte) len;
    }
}
