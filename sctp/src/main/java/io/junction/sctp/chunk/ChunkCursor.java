package io.junction.sctp.chunk;

/**
 * Iterates the chunks of an SCTP packet (RFC 9260 §3.2): type, flags, length, value. {@link
 * #reset} checks the framing of every chunk first, so a packet is used whole or not at all;
 * the per-type layout is checked by {@link Chunks#check}. Reusable, not thread-safe.
 */
public final class ChunkCursor {
    public static final int HEADER = 4;

    /** Why the chunk framing was refused. */
    public enum Invalid { NONE, EMPTY, TRUNCATED_HEADER, LENGTH_TOO_SMALL, LENGTH_PAST_END, BAD_PADDING }

    private byte[] b;
    private int end;
    private int next;
    private int cur = -1;
    private Invalid reason = Invalid.EMPTY;

    /** Frames the chunks of a whole packet (common header included). */
    public boolean resetPacket(byte[] b, int off, int len) {
        if (b == null || off < 0 || len < SctpHeader.LENGTH || off + len > b.length) {
            return fail(Invalid.EMPTY);
        }
        return reset(b, off + SctpHeader.LENGTH, len - SctpHeader.LENGTH);
    }

    /** Frames the chunks in {@code [off, off+len)}. */
    public boolean reset(byte[] b, int off, int len) {
        this.b = b;
        cur = -1;
        if (b == null || off < 0 || len <= 0 || off + len > b.length) {
            return fail(Invalid.EMPTY);
        }
        int end = off + len;
        int at = off;
        while (at < end) {
            if (end - at < HEADER) {
                return fail(Invalid.TRUNCATED_HEADER);
            }
            int l = Bytes.u16(b, at + 2);
            if (l < HEADER) {
                return fail(Invalid.LENGTH_TOO_SMALL);
            }
            if (l > end - at) {
                return fail(Invalid.LENGTH_PAST_END);
            }
            if (Bytes.pad4(l) > end - at) {
                return fail(Invalid.BAD_PADDING);
            }
            at += Bytes.pad4(l);
        }
        this.end = end;
        this.next = off;
        reason = Invalid.NONE;
        return true;
    }

    private boolean fail(Invalid why) {
        reason = why;
        end = 0;
        next = 0;
        return false;
    }

    public Invalid reason() {
        return reason;
    }

    /** Moves to the next chunk; false at the end (or when the framing was refused). */
    public boolean next() {
        if (reason != Invalid.NONE || next >= end) {
            cur = -1;
            return false;
        }
        cur = next;
        next += Bytes.pad4(Bytes.u16(b, cur + 2));
        return true;
    }

    /** Offset of the current chunk's header. */
    public int offset() {
        return cur;
    }

    public int type() {
        return Bytes.u8(b, cur);
    }

    public int flags() {
        return Bytes.u8(b, cur + 1);
    }

    /** Chunk length without padding, header included (the Chunk Length field). */
    public int length() {
        return Bytes.u16(b, cur + 2);
    }

    public int valueOffset() {
        return cur + HEADER;
    }

    public int valueLength() {
        return length() - HEADER;
    }

    public boolean hasNext() {
        return reason == Invalid.NONE && next < end;
    }
}
