package io.junction.sctp.chunk;

/** Per-type layout checks for a framed chunk (offset and length of the chunk header). */
public final class Chunks {
    private Chunks() {
    }

    /**
     * True when the chunk's value has the layout its type requires (RFC 9260 §3.3, RFC 3758
     * §3.2, RFC 6525 §3.1). Unknown types pass: the caller applies the §3.2 high-bit rule.
     */
    public static boolean check(int type, byte[] b, int off, int len) {
        return switch (type) {
            case ChunkType.DATA -> DataChunk.isValid(b, off, len);
            case ChunkType.INIT, ChunkType.INIT_ACK -> InitChunk.isValid(b, off, len);
            case ChunkType.SACK -> SackChunk.isValid(b, off, len);
            case ChunkType.HEARTBEAT, ChunkType.HEARTBEAT_ACK -> len > ChunkCursor.HEADER
                    && TlvCursor.isValid(b, off + ChunkCursor.HEADER, len - ChunkCursor.HEADER);
            case ChunkType.ABORT, ChunkType.ERROR ->
                    TlvCursor.isValid(b, off + ChunkCursor.HEADER, len - ChunkCursor.HEADER);
            case ChunkType.SHUTDOWN -> len == 8;
            case ChunkType.SHUTDOWN_ACK, ChunkType.COOKIE_ACK, ChunkType.SHUTDOWN_COMPLETE -> len == 4;
            case ChunkType.COOKIE_ECHO -> len > ChunkCursor.HEADER;
            case ChunkType.FORWARD_TSN -> ForwardTsnChunk.isValid(b, off, len);
            case ChunkType.RE_CONFIG -> Reconfig.isValid(b, off, len);
            default -> true;
        };
    }

    /** SHUTDOWN's cumulative TSN ack (§3.3.8). */
    public static long shutdownCumTsn(byte[] b, int off) {
        return Bytes.u32(b, off + 4);
    }

    /** Writes a chunk with only a header (SHUTDOWN ACK, COOKIE ACK, SHUTDOWN COMPLETE). */
    public static int writeEmpty(byte[] b, int at, int type, int flags) {
        b[at] = (byte) type;
        b[at + 1] = (byte) flags;
        Bytes.put16(b, at + 2, 4);
        return 4;
    }

    /** Writes SHUTDOWN with its cumulative TSN ack. */
    public static int writeShutdown(byte[] b, int at, long cumTsn) {
        b[at] = ChunkType.SHUTDOWN;
        b[at + 1] = 0;
        Bytes.put16(b, at + 2, 8);
        Bytes.put32(b, at + 4, cumTsn);
        return 8;
    }

    /** Writes a chunk header for a TLV body of {@code bodyLen} bytes (HEARTBEAT, ABORT, ERROR, COOKIE ECHO). */
    public static void writeHeader(byte[] b, int at, int type, int flags, int bodyLen) {
        b[at] = (byte) type;
        b[at + 1] = (byte) flags;
        Bytes.put16(b, at + 2, ChunkCursor.HEADER + bodyLen);
    }
}
