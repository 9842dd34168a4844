package io.junction.sctp.assoc;

/** Serial-number arithmetic on 32-bit TSNs (RFC 9260 §1.6): extension to 64 bits near a reference. */
final class Tsn {
    private Tsn() {
    }

    /** The 64-bit value nearest to {@code ref} whose low 32 bits are {@code wire}. */
    static long unwrap(long wire, long ref) {
        return ref + (int) (wire - ref);
    }

    static long wire(long tsn) {
        return tsn & 0xFFFFFFFFL;
    }

    /** 16-bit stream sequence numbers: is {@code a} at or after {@code b} (RFC 9260 §1.6)? */
    static boolean ssnAtOrAfter(int a, int b) {
        return (short) (a - b) >= 0;
    }
}
