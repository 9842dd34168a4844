package io.junction.rtp;

/**
 * Big-endian (network order) reads and writes on byte arrays. Callers check bounds;
 * these helpers are the single place where bytes become numbers.
 */
public final class Bytes {
    private Bytes() {
    }

    /** Unsigned 8-bit value at {@code off}. */
    public static int u8(byte[] b, int off) {
        return b[off] & 0xFF;
    }

    /** Unsigned 16-bit big-endian value at {@code off}. */
    public static int u16(byte[] b, int off) {
        return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    }

    /** Unsigned 24-bit big-endian value at {@code off}. */
    public static int u24(byte[] b, int off) {
        return ((b[off] & 0xFF) << 16) | ((b[off + 1] & 0xFF) << 8) | (b[off + 2] & 0xFF);
    }

    /** Signed 32-bit big-endian value at {@code off}. */
    public static int i32(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16)
                | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    /** Unsigned 32-bit big-endian value at {@code off}, as a non-negative long. */
    public static long u32(byte[] b, int off) {
        return i32(b, off) & 0xFFFF_FFFFL;
    }

    /** Writes the low 16 bits of {@code v} big-endian at {@code off}. */
    public static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    /** Writes the low 24 bits of {@code v} big-endian at {@code off}. */
    public static void put24(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 16);
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) v;
    }

    /** Writes the low 32 bits of {@code v} big-endian at {@code off}. */
    public static void put32(byte[] b, int off, long v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
