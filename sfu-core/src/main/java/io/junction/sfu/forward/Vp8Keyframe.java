package io.junction.sfu.forward;

/**
 * VP8 keyframe detection over an RTP payload (RFC 7741).
 *
 * <pre>
 * payload descriptor (RFC 7741 §4.2)        VP8 payload header (§4.3, first partition only)
 *  0 1 2 3 4 5 6 7                            0 1 2 3 4 5 6 7
 * |X|R|N|S|R| PID |  required                |Size0|H| VER |P|
 * |I|L|T|K| RSV   |  if X                     then Size1, Size2 (frame tag is 3 bytes)
 * |M| PictureID   |  if I (M=1: one more byte)
 * |  TL0PICIDX    |  if L
 * |TID|Y| KEYIDX  |  if T or K
 * </pre>
 * A keyframe starts in the packet with S=1 and PID=0 whose frame tag has P=0.
 */
public final class Vp8Keyframe {
    private Vp8Keyframe() {
    }

    /** See {@link KeyframeDetector#isKeyframe(byte[], int, int)}. */
    public static boolean isKeyframe(byte[] p, int off, int len) {
        int tag = frameTag(p, off, len);
        return tag >= 0 && (p[tag] & 0x01) == 0;
    }

    /**
     * The frame height of a keyframe's first packet, or -1 when the packet does not start a
     * keyframe or is too short: RFC 6386 §9.1, after the 3-byte frame tag a keyframe has the start
     * code {@code 9d 01 2a}, then 16-bit little-endian width and height, each a 14-bit size and
     * a 2-bit scale.
     */
    public static int height(byte[] p, int off, int len) {
        int tag = frameTag(p, off, len);
        if (tag < 0 || (p[tag] & 0x01) != 0 || tag + 10 > off + len) {
            return -1;
        }
        if ((p[tag + 3] & 0xFF) != 0x9d || p[tag + 4] != 0x01 || p[tag + 5] != 0x2a) {
            return -1;
        }
        return ((p[tag + 8] & 0xFF) | (p[tag + 9] & 0xFF) << 8) & 0x3FFF;
    }

    /**
     * Offset of the 3-byte frame tag in a packet with S=1 and PID=0, or -1 when the packet
     * does not start a frame or is too short to hold the descriptor and the tag.
     */
    static int frameTag(byte[] p, int off, int len) {
        if (!KeyframeDetector.validWindow(p, off, len)) {
            return -1;
        }
        int end = off + len;
        int b0 = p[off] & 0xFF;
        boolean start = (b0 & 0x10) != 0;
        int pid = b0 & 0x07;
        if (!start || pid != 0) {
            return -1;
        }
        int i = off + 1;
        if ((b0 & 0x80) != 0) { // X: extension byte
            if (i >= end) {
                return -1;
            }
            int x = p[i++] & 0xFF;
            if ((x & 0x80) != 0) { // I: PictureID, 7 or 15 bits
                if (i >= end) {
                    return -1;
                }
                i += (p[i] & 0x80) != 0 ? 2 : 1;
            }
            if ((x & 0x40) != 0) { // L: TL0PICIDX
                i++;
            }
            if ((x & 0x30) != 0) { // T or K: TID/Y/KEYIDX
                i++;
            }
        }
        // the 3-byte frame tag (RFC 7741 §4.3 / RFC 6386 §9.1) must be present
        return i > end - 3 ? -1 : i;
    }
}
