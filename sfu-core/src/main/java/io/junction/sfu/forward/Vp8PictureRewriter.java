package io.junction.sfu.forward;

/**
 * Keeps the VP8 payload descriptor fields a decoder checks for continuity continuous across the
 * segments of one subscription's output (simulcast layer switches): PictureID, TL0PICIDX and
 * KEYIDX (RFC 7741 §4.2). Each layer numbers its pictures independently; at a segment start
 * (the switching keyframe) the offsets are chosen so that the new layer's first picture follows
 * the last picture sent, and within a segment every field is shifted by its constant offset
 * (modulo its width: 7 or 15 bits for the PictureID as the packet carries it, 8 bits for
 * TL0PICIDX, 5 bits for KEYIDX). Fields a packet does not carry are left alone.
 *
 * <pre>
 *  0 1 2 3 4 5 6 7
 * |X|R|N|S|R| PID |  required
 * |I|L|T|K| RSV   |  if X
 * |M| PictureID   |  if I (M=1: 15 bits over two bytes)
 * |  TL0PICIDX    |  if L
 * |TID|Y| KEYIDX  |  if T or K
 * </pre>
 *
 * <p>Retransmissions ({@link #rewriteRetransmission}) get the offsets of the segment their source
 * packet belongs to: the current one or the one before it (older segments are beyond any NACK
 * the history answers in practice; their packets are left unchanged).
 *
 * <p>Rewrites in place, allocation-free. Room worker thread only.
 */
public final class Vp8PictureRewriter {
    private boolean started;
    private long segmentSsrc = -1;
    private long prevSsrc = -1;
    private int prevPicOffset;
    private int prevTl0Offset;
    private int prevKeyIdxOffset;
    private int picOffset;
    private int tl0Offset;
    private int keyIdxOffset;
    private boolean havePic;
    private int lastPic;   // 15-bit output value of the newest picture sent
    private boolean haveTl0;
    private int lastTl0;
    private boolean haveKeyIdx;
    private int lastKeyIdx;
    private long rewritten;
    private long malformed;

    /**
     * Rewrites the descriptor of one forwarded packet.
     *
     * @param segmentStart true for the first packet of a new segment (layer switch); its source
     *                     values are mapped to the values following the last ones sent
     * @param sourceSsrc   the SSRC of the layer the packet comes from
     * @return false when the descriptor is truncated (the packet is left unchanged)
     */
    public boolean rewrite(byte[] p, int off, int len, boolean segmentStart, long sourceSsrc) {
        return apply(p, off, len, segmentStart || !started, sourceSsrc, true);
    }

    /**
     * Rewrites a retransmitted packet (payload at {@code off}, after any RTX OSN) with the offsets
     * of the segment of {@code sourceSsrc}; the last values sent do not move.
     *
     * @return false when the descriptor is truncated or the segment is too old (left unchanged)
     */
    public boolean rewriteRetransmission(byte[] p, int off, int len, long sourceSsrc) {
        if (!started || (sourceSsrc != segmentSsrc && sourceSsrc != prevSsrc)) {
            return false;
        }
        return apply(p, off, len, false, sourceSsrc, false);
    }

    private boolean apply(byte[] p, int off, int len, boolean begin, long sourceSsrc, boolean fresh) {
        if (len < 1 || off < 0 || off > p.length - len) {
            malformed++;
            return false;
        }
        int end = off + len;
        int b0 = p[off] & 0xFF;
        if ((b0 & 0x80) == 0) {
            return true; // no extension: nothing numbered
        }
        if (off + 1 >= end) {
            malformed++;
            return false;
        }
        int x = p[off + 1] & 0xFF;
        int i = off + 2;
        int picAt = -1;
        boolean longPic = false;
        if ((x & 0x80) != 0) {
            if (i >= end) {
                malformed++;
                return false;
            }
            longPic = (p[i] & 0x80) != 0;
            picAt = i;
            i += longPic ? 2 : 1;
        }
        int tl0At = -1;
        if ((x & 0x40) != 0) {
            tl0At = i++;
        }
        int keyAt = -1;
        if ((x & 0x10) != 0) { // K: KEYIDX present
            keyAt = i;
        }
        if ((x & 0x30) != 0) {
            i++;
        }
        if (i > end) {
            malformed++;
            return false;
        }
        if (begin) {
            begin(p, picAt, longPic, tl0At, keyAt, sourceSsrc);
        }
        boolean current = sourceSsrc == segmentSsrc;
        int picOff = current ? picOffset : prevPicOffset;
        int tl0Off = current ? tl0Offset : prevTl0Offset;
        int keyOff = current ? keyIdxOffset : prevKeyIdxOffset;
        if (picAt >= 0) {
            int src = longPic ? ((p[picAt] & 0x7F) << 8) | (p[picAt + 1] & 0xFF) : p[picAt] & 0x7F;
            int out = (src + picOff) & 0x7FFF;
            if (longPic) {
                p[picAt] = (byte) (0x80 | out >> 8);
                p[picAt + 1] = (byte) out;
            } else {
                out &= 0x7F;
                p[picAt] = (byte) out;
            }
            if (fresh && (!havePic || newer(out, lastPic, longPic ? 0x7FFF : 0x7F))) {
                lastPic = out;
                havePic = true;
            }
        }
        if (tl0At >= 0) {
            int out = ((p[tl0At] & 0xFF) + tl0Off) & 0xFF;
            p[tl0At] = (byte) out;
            if (fresh && (!haveTl0 || newer(out, lastTl0, 0xFF))) {
                lastTl0 = out;
                haveTl0 = true;
            }
        }
        if (keyAt >= 0) {
            int out = ((p[keyAt] & 0x1F) + keyOff) & 0x1F;
            p[keyAt] = (byte) ((p[keyAt] & 0xE0) | out);
            if (fresh && (!haveKeyIdx || newer(out, lastKeyIdx, 0x1F))) {
                lastKeyIdx = out;
                haveKeyIdx = true;
            }
        }
        rewritten++;
        return true;
    }

    /** New offsets: the source values of this packet become the last values sent + 1. */
    private void begin(byte[] p, int picAt, boolean longPic, int tl0At, int keyAt, long sourceSsrc) {
        prevSsrc = segmentSsrc;
        prevPicOffset = picOffset;
        prevTl0Offset = tl0Offset;
        prevKeyIdxOffset = keyIdxOffset;
        segmentSsrc = sourceSsrc;
        if (picAt >= 0) {
            int src = longPic ? ((p[picAt] & 0x7F) << 8) | (p[picAt + 1] & 0xFF) : p[picAt] & 0x7F;
            picOffset = started && havePic ? (lastPic + 1 - src) & 0x7FFF : 0;
        }
        if (tl0At >= 0) {
            tl0Offset = started && haveTl0 ? (lastTl0 + 1 - (p[tl0At] & 0xFF)) & 0xFF : 0;
        }
        if (keyAt >= 0) {
            keyIdxOffset = started && haveKeyIdx ? (lastKeyIdx + 1 - (p[keyAt] & 0x1F)) & 0x1F : 0;
        }
        started = true;
    }

    /** True if {@code a} is ahead of {@code b} in a counter space of {@code mask + 1} values. */
    private static boolean newer(int a, int b, int mask) {
        int d = (a - b) & mask;
        return d != 0 && d <= mask / 2;
    }

    /** Packets rewritten. */
    public long rewritten() {
        return rewritten;
    }

    /** Packets left unchanged because their descriptor was truncated. */
    public long malformed() {
        return malformed;
    }
}
