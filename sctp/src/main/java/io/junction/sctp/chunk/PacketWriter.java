package io.junction.sctp.chunk;

/**
 * Builds one SCTP packet in a caller-owned array: common header, chunks appended with their
 * padding (RFC 9260 §3.2), CRC32c written by {@link #finish}. Reusable, not thread-safe.
 */
public final class PacketWriter {
    private final Crc32c crc = new Crc32c();
    private byte[] b;
    private int start;
    private int pos;
    private int limit;
    private int chunks;

    /** Starts a packet at {@code off}; at most {@code maxLen} bytes in total. */
    public void begin(byte[] b, int off, int maxLen, int srcPort, int dstPort, long vtag) {
        this.b = b;
        this.start = off;
        this.limit = off + Math.min(maxLen, b.length - off);
        SctpHeader.write(b, off, srcPort, dstPort, vtag);
        pos = off + SctpHeader.LENGTH;
        chunks = 0;
    }

    public byte[] array() {
        return b;
    }

    /** Where the next chunk goes. */
    public int position() {
        return pos;
    }

    /** Bytes left for chunks (their padding included). */
    public int remaining() {
        return limit - pos;
    }

    public int chunkCount() {
        return chunks;
    }

    /** Accounts for a chunk of {@code len} bytes written at {@link #position}; zero-fills its padding. */
    public void commit(int len) {
        pos += Param.pad(b, pos, len);
        chunks++;
    }

    /** Writes the checksum; returns the packet length. */
    public int finish() {
        int len = pos - start;
        crc.write(b, start, len);
        return len;
    }
}
