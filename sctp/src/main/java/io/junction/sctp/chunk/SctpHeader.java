package io.junction.sctp.chunk;

/**
 * The SCTP common header (RFC 9260 §3.1): source port, destination port, verification tag,
 * checksum; 12 bytes, followed by one or more chunks.
 */
public final class SctpHeader {
    public static final int LENGTH = 12;
    public static final int CHECKSUM = 8;

    /** Why a packet was refused before its chunks were looked at. */
    public enum Invalid { NONE, TOO_SHORT, NOT_PADDED, BAD_CHECKSUM }

    private SctpHeader() {
    }

    public static int sourcePort(byte[] b, int off) {
        return Bytes.u16(b, off);
    }

    public static int destinationPort(byte[] b, int off) {
        return Bytes.u16(b, off + 2);
    }

    public static long verificationTag(byte[] b, int off) {
        return Bytes.u32(b, off + 4);
    }

    /**
     * Checks the packet frame: a header and at least one chunk header (RFC 9260 §3), a length
     * that is a multiple of 4 (every chunk, the last included, is padded, §3.2), and the CRC32c.
     */
    public static Invalid check(byte[] b, int off, int len, Crc32c crc) {
        if (b == null || off < 0 || len < LENGTH + ChunkCursor.HEADER || off + len > b.length) {
            return Invalid.TOO_SHORT;
        }
        if ((len & 3) != 0) {
            return Invalid.NOT_PADDED;
        }
        return crc.verify(b, off, len) ? Invalid.NONE : Invalid.BAD_CHECKSUM;
    }

    public static void write(byte[] b, int off, int srcPort, int dstPort, long vtag) {
        Bytes.put16(b, off, srcPort);
        Bytes.put16(b, off + 2, dstPort);
        Bytes.put32(b, off + 4, vtag);
        Bytes.put32(b, off + 8, 0);
    }
}
