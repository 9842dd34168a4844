package io.junction.sctp.chunk;

/**
 * INIT (RFC 9260 §3.3.2) and INIT ACK (§3.3.3) share a layout: initiate tag, advertised receiver
 * window credit, number of outbound streams, number of inbound streams, initial TSN, then
 * parameters ({@link Param}). INIT ACK must carry a State Cookie parameter.
 */
public final class InitChunk {
    public static final int HEADER = 20;

    private InitChunk() {
    }

    public static boolean isValid(byte[] b, int off, int len) {
        return len >= HEADER && TlvCursor.isValid(b, off + HEADER, len - HEADER);
    }

    public static long initiateTag(byte[] b, int off) {
        return Bytes.u32(b, off + 4);
    }

    public static long arwnd(byte[] b, int off) {
        return Bytes.u32(b, off + 8);
    }

    public static int outboundStreams(byte[] b, int off) {
        return Bytes.u16(b, off + 12);
    }

    public static int inboundStreams(byte[] b, int off) {
        return Bytes.u16(b, off + 14);
    }

    public static long initialTsn(byte[] b, int off) {
        return Bytes.u32(b, off + 16);
    }

    public static int paramsOffset(int off) {
        return off + HEADER;
    }

    public static int paramsLength(int len) {
        return len - HEADER;
    }

    /** Writes the fixed part; parameters follow at {@code at + 20}, then {@link #setLength}. */
    public static int writeFixed(byte[] b, int at, int type, long tag, long arwnd, int os, int mis, long tsn) {
        b[at] = (byte) type;
        b[at + 1] = 0;
        Bytes.put16(b, at + 2, HEADER);
        Bytes.put32(b, at + 4, tag);
        Bytes.put32(b, at + 8, arwnd);
        Bytes.put16(b, at + 12, os);
        Bytes.put16(b, at + 14, mis);
        Bytes.put32(b, at + 16, tsn);
        return HEADER;
    }

    /** Sets the chunk length field (header plus parameters). */
    public static void setLength(byte[] b, int at, int len) {
        Bytes.put16(b, at + 2, len);
    }
}
