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
        if (!KeyframeDetector.validWindow(p, off, len)) {
            return false;
        }
        int end = off + len;
        int b0 = p[off] & 0xFF;
        boolean start = (b0 & 0x10) != 0;
        int pid = b0 & 0x07;
        if (!start || pid != 0) {
            return false;
        }
        int i = off + 1;
        if ((b0 & 0x80) != 0) { // X: extension byte
            if (i >= end) {
                return false;
            }
            int x = p[i++] & 0xFF;
            if ((x & 0x80) != 0) { // I: PictureID, 7 or 15 bits
                if (i >= end) {
                    return false;
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
        if (i > end - 3) {
            return false;
        }
        return (p[i] & 0x01) == 0;
    }
}
