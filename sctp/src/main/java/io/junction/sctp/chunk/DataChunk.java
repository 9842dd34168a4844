package io.junction.sctp.chunk;

/**
 * DATA chunk (RFC 9260 §3.3.1): flags I/U/B/E, TSN, stream identifier, stream sequence number,
 * payload protocol identifier, user data. Offsets are of the chunk header.
 */
public final class DataChunk {
    public static final int HEADER = 16;
    public static final int FLAG_END = 0x01;
    public static final int FLAG_BEGIN = 0x02;
    public static final int FLAG_UNORDERED = 0x04;
    public static final int FLAG_IMMEDIATE = 0x08;

    private DataChunk() {
    }

    /** A DATA chunk carries at least one byte of user data (§3.3.1, "No User Data" otherwise). */
    public static boolean isValid(byte[] b, int off, int len) {
        return len > HEADER;
    }

    public static long tsn(byte[] b, int off) {
        return Bytes.u32(b, off + 4);
    }

    public static int streamId(byte[] b, int off) {
        return Bytes.u16(b, off + 8);
    }

    public static int ssn(byte[] b, int off) {
        return Bytes.u16(b, off + 10);
    }

    public static long ppid(byte[] b, int off) {
        return Bytes.u32(b, off + 12);
    }

    public static int payloadOffset(int off) {
        return off + HEADER;
    }

    public static int payloadLength(int len) {
        return len - HEADER;
    }

    /** Writes the chunk header (the payload is copied by the caller at {@code at + 16}). */
    public static int writeHeader(byte[] b, int at, int flags, long tsn, int stream, int ssn, long ppid,
                                  int payloadLength) {
        int len = HEADER + payloadLength;
        b[at] = ChunkType.DATA;
        b[at + 1] = (byte) flags;
        Bytes.put16(b, at + 2, len);
        Bytes.put32(b, at + 4, tsn);
        Bytes.put16(b, at + 8, stream);
        Bytes.put16(b, at + 10, ssn);
        Bytes.put32(b, at + 12, ppid);
        return len;
    }
}
