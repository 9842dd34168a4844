package io.junction.rtp;

/**
 * Wrap-aware arithmetic on 16-bit RTP sequence numbers (RFC 3550 §5.1, serial number
 * arithmetic in the style of RFC 1982). Inputs are taken modulo 2^16.
 */
public final class SeqNum {
    private SeqNum() {
    }

    /**
     * Signed distance {@code a - b} on the 16-bit circle, in [-32768, 32767]. Two
     * numbers exactly 32768 apart give -32768 in both directions.
     */
    public static int diff(int a, int b) {
        return (short) (a - b);
    }

    /** True when {@code a} comes after {@code b} (less than half the circle ahead). */
    public static boolean isNewer(int a, int b) {
        return diff(a, b) > 0;
    }

    /** {@code seq + delta} modulo 2^16 ({@code delta} may be negative). */
    public static int add(int seq, int delta) {
        return (seq + delta) & 0xFFFF;
    }
}
