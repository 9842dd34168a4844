package io.junction.sctp.chunk;

/**
 * FORWARD TSN (RFC 3758 §3.2): the new cumulative TSN, then (stream, stream sequence) pairs for
 * the ordered streams whose messages were skipped.
 */
public final class ForwardTsnChunk {
    public static final int HEADER = 8;

    private ForwardTsnChunk() {
    }

    public static boolean isValid(byte[] b, int off, int len) {
        return len >= HEADER && (len - HEADER) % 4 == 0;
    }

    public static long newCumulativeTsn(byte[] b, int off) {
        return Bytes.u32(b, off + 4);
    }

    public static int streamCount(int len) {
        return (len - HEADER) / 4;
    }

    public static int stream(byte[] b, int off, int i) {
        return Bytes.u16(b, off + HEADER + 4 * i);
    }

    public static int ssn(byte[] b, int off, int i) {
        return Bytes.u16(b, off + HEADER + 4 * i + 2);
    }

    /** Writes the chunk; {@code streams[i], ssns[i]} for i below {@code count}. */
    public static int write(byte[] b, int at, long newCum, int[] streams, int[] ssns, int count) {
        int len = HEADER + 4 * count;
        b[at] = (byte) ChunkType.FORWARD_TSN;
        b[at + 1] = 0;
        Bytes.put16(b, at + 2, len);
        Bytes.put32(b, at + 4, newCum);
        for (int i = 0; i < count; i++) {
            Bytes.put16(b, at + HEADER + 4 * i, streams[i]);
            Bytes.put16(b, at + HEADER + 4 * i + 2, ssns[i]);
        }
        return len;
    }
}
