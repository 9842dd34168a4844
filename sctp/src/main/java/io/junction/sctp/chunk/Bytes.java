package io.junction.sctp.chunk;

/** Big-endian (network order, RFC 9260 §3) field access. Callers check bounds first. */
public final class Bytes {
    private Bytes() {
    }

    public static int u8(byte[] b, int at) {
        return b[at] & 0xFF;
    }

    public static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    public static long u32(byte[] b, int at) {
        return (long) ((b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF))
                & 0xFFFFFFFFL;
    }

    public static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    public static void put32(byte[] b, int at, long v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    /** Length rounded up to a multiple of 4 (RFC 9260 §3.2 chunk padding). */
    public static int pad4(int len) {
        return (len + 3) & ~3;
    }
}
