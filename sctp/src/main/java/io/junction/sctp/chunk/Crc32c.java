package io.junction.sctp.chunk;

import java.util.zip.CRC32C;

/**
 * The SCTP checksum (RFC 9260 §6.8 and Appendix A, RFC 3309): CRC32c over the whole packet with
 * the checksum field taken as zero. The 32-bit result goes on the wire least significant byte
 * first (Appendix A: the reflected CRC is transmitted as computed, which for the reference
 * implementation is the little-endian byte order of the value).
 */
public final class Crc32c {
    private static final byte[] ZEROS = new byte[4];

    private final CRC32C crc = new CRC32C();

    /** CRC32c of the packet {@code [off, off+len)} with bytes 8..11 (the checksum field) as zero. */
    public long compute(byte[] b, int off, int len) {
        crc.reset();
        crc.update(b, off, SctpHeader.CHECKSUM);
        crc.update(ZEROS, 0, 4);
        crc.update(b, off + SctpHeader.LENGTH, len - SctpHeader.LENGTH);
        return crc.getValue();
    }

    /** Writes the checksum of a complete packet into its header. */
    public void write(byte[] b, int off, int len) {
        long v = compute(b, off, len);
        int at = off + SctpHeader.CHECKSUM;
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }

    /** True when the packet's checksum field matches its contents. Needs {@code len >= 12}. */
    public boolean verify(byte[] b, int off, int len) {
        return compute(b, off, len) == stored(b, off);
    }

    /** The checksum field as the value it encodes (little-endian on the wire). */
    public static long stored(byte[] b, int off) {
        int at = off + SctpHeader.CHECKSUM;
        return ((b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24);
    }
}
