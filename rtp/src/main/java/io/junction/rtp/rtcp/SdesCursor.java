package io.junction.rtp.rtcp;

import io.junction.rtp.Bytes;

/**
 * Iterates the items of an SDES packet (RFC 3550 §6.5) chunk by chunk, without allocating.
 * {@link #reset} validates the whole packet first; then {@link #next()} visits each item,
 * with {@link #ssrc()} naming its chunk's source.
 */
public final class SdesCursor {
    private byte[] b;
    private int chunksLeft;
    private int start;
    private int pos;
    private int end;
    private long ssrc;
    private int type;
    private int valueOffset;
    private int valueLength;
    private boolean inChunk;

    /** Validates an SDES packet and starts iterating; false if malformed. */
    public boolean reset(byte[] b, int off, int len) {
        this.b = b;
        if (!Sdes.isValid(b, off, len)) {
            chunksLeft = 0;
            inChunk = false;
            return false;
        }
        chunksLeft = RtcpHeader.count(b, off);
        start = off;
        pos = off + 4;
        end = off + len;
        inChunk = false;
        return true;
    }

    static boolean validate(byte[] b, int off, int len) {
        if (len < 4) {
            return false;
        }
        int end = off + len;
        int p = off + 4;
        for (int c = RtcpHeader.count(b, off); c > 0; c--) {
            if (p + 4 > end) {
                return false;
            }
            p += 4;
            while (true) {
                if (p >= end) {
                    return false;
                }
                if (b[p] == 0) {
                    p = off + ((p - off + 4) & ~3); // null item, then pad to a word
                    if (p > end) {
                        return false;
                    }
                    break;
                }
                if (p + 2 > end || p + 2 + (b[p + 1] & 0xFF) > end) {
                    return false;
                }
                p += 2 + (b[p + 1] & 0xFF);
            }
        }
        return true;
    }

    /** Moves to the next item (skipping chunk terminators); false when none is left. */
    public boolean next() {
        while (true) {
            if (!inChunk) {
                if (chunksLeft == 0) {
                    return false;
                }
                chunksLeft--;
                ssrc = Bytes.u32(b, pos);
                pos += 4;
                inChunk = true;
            }
            if (b[pos] == 0) {
                pos = start + ((pos - start + 4) & ~3); // null octet(s), pad to a word
                inChunk = false;
                continue;
            }
            type = b[pos] & 0xFF;
            valueLength = b[pos + 1] & 0xFF;
            valueOffset = pos + 2;
            pos = valueOffset + valueLength;
            return true;
        }
    }

    /** SSRC/CSRC of the chunk holding the current item. */
    public long ssrc() {
        return ssrc;
    }

    /** Item type (1 = CNAME, §6.5). */
    public int type() {
        return type;
    }

    public int valueOffset() {
        return valueOffset;
    }

    public int valueLength() {
        return valueLength;
    }
}
