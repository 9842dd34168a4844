package io.junction.sctp.chunk;

/**
 * SACK (RFC 9260 §3.3.4): cumulative TSN ack, a_rwnd, gap ack blocks (start/end offsets from the
 * cumulative TSN) and duplicate TSNs.
 */
public final class SackChunk {
    public static final int HEADER = 16;

    private SackChunk() {
    }

    /** The block counts must account for the chunk length exactly. */
    public static boolean isValid(byte[] b, int off, int len) {
        return len >= HEADER && len == HEADER + 4 * (gapCount(b, off) + dupCount(b, off));
    }

    public static long cumulativeTsnAck(byte[] b, int off) {
        return Bytes.u32(b, off + 4);
    }

    public static long arwnd(byte[] b, int off) {
        return Bytes.u32(b, off + 8);
    }

    public static int gapCount(byte[] b, int off) {
        return Bytes.u16(b, off + 12);
    }

    public static int dupCount(byte[] b, int off) {
        return Bytes.u16(b, off + 14);
    }

    public static int gapStart(byte[] b, int off, int i) {
        return Bytes.u16(b, off + HEADER + 4 * i);
    }

    public static int gapEnd(byte[] b, int off, int i) {
        return Bytes.u16(b, off + HEADER + 4 * i + 2);
    }

    public static long dupTsn(byte[] b, int off, int i) {
        return Bytes.u32(b, off + HEADER + 4 * (gapCount(b, off) + i));
    }

    /** Writes a SACK; gaps as {@code gaps[2i]=start, gaps[2i+1]=end}. Returns its length. */
    public static int write(byte[] b, int at, long cumTsn, long arwnd, int[] gaps, int gapCount,
                            long[] dups, int dupCount) {
        int len = HEADER + 4 * (gapCount + dupCount);
        b[at] = ChunkType.SACK;
        b[at + 1] = 0;
        Bytes.put16(b, at + 2, len);
        Bytes.put32(b, at + 4, cumTsn);
        Bytes.put32(b, at + 8, arwnd);
        Bytes.put16(b, at + 12, gapCount);
        Bytes.put16(b, at + 14, dupCount);
        int p = at + HEADER;
        for (int i = 0; i < gapCount; i++, p += 4) {
            Bytes.put16(b, p, gaps[2 * i]);
            Bytes.put16(b, p + 2, gaps[2 * i + 1]);
        }
        for (int i = 0; i < dupCount; i++, p += 4) {
            Bytes.put32(b, p, dups[i]);
        }
        return len;
    }
}
