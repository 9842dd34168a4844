package io.junction.sctp.chunk;

/**
 * Iterates type-length-value parameters (RFC 9260 §3.2.1) and error causes (§3.3.10): 16-bit
 * type, 16-bit length (4 or more, without padding), value, padding to 4 bytes. The last item
 * may lack its padding, since the chunk length does not count it. Reusable, not thread-safe.
 */
public final class TlvCursor {
    public static final int HEADER = 4;

    private byte[] b;
    private int end;
    private int next;
    private int cur = -1;
    private boolean valid;

    /** Frames the items in {@code [off, off+len)}; false if any item's length lies. */
    public boolean reset(byte[] b, int off, int len) {
        this.b = b;
        cur = -1;
        valid = false;
        if (b == null || off < 0 || len < 0 || off + len > b.length) {
            return false;
        }
        int end = off + len;
        int at = off;
        while (at < end) {
            if (end - at < HEADER) {
                return false;
            }
            int l = Bytes.u16(b, at + 2);
            if (l < HEADER || l > end - at) {
                return false;
            }
            at += Math.min(Bytes.pad4(l), end - at);
        }
        this.end = end;
        this.next = off;
        valid = true;
        return true;
    }

    /** True when every item in the window is well framed (static form of {@link #reset}). */
    public static boolean isValid(byte[] b, int off, int len) {
        return new TlvCursor().reset(b, off, len);
    }

    public boolean next() {
        if (!valid || next >= end) {
            cur = -1;
            return false;
        }
        cur = next;
        next += Bytes.pad4(Bytes.u16(b, cur + 2));
        return true;
    }

    public int offset() {
        return cur;
    }

    public int type() {
        return Bytes.u16(b, cur);
    }

    public int length() {
        return Bytes.u16(b, cur + 2);
    }

    public int valueOffset() {
        return cur + HEADER;
    }

    public int valueLength() {
        return length() - HEADER;
    }
}
