package io.junction.sfu.forward;

/**
 * VP9 keyframe detection over an RTP payload (RFC 9628 §4.2).
 *
 * <pre>
 *  0 1 2 3 4 5 6 7
 * |I|P|L|F|B|E|V|Z|   required
 * |M| PICTURE ID  |   if I (M=1: one more byte, 15-bit id)
 * |TID|U| SID |D|     if L
 * |  TL0PICIDX  |     if L and F=0 (non-flexible mode)
 * |P_DIFF     |N|     if F=1 and P=1, up to 3 (N=1: another follows)
 * | SS ...      |     if V: |N_S|Y|G|-|-|-|, Y: (N_S+1) x 4 bytes, G: N_G then N_G x (1 + R bytes)
 * </pre>
 * A keyframe starts in the packet with B=1 (start of a layer frame) and P=0 (not
 * inter-picture predicted) on the base spatial layer (SID=0, or no layer indices).
 * The whole descriptor must be in bounds and followed by at least one payload byte.
 */
public final class Vp9Keyframe {
    private Vp9Keyframe() {
    }

    /** See {@link KeyframeDetector#isKeyframe(byte[], int, int)}. */
    public static boolean isKeyframe(byte[] p, int off, int len) {
        if (!KeyframeDetector.validWindow(p, off, len)) {
            return false;
        }
        int end = off + len;
        int b0 = p[off] & 0xFF;
        boolean pictureId = (b0 & 0x80) != 0;
        boolean interPredicted = (b0 & 0x40) != 0;
        boolean layers = (b0 & 0x20) != 0;
        boolean flexible = (b0 & 0x10) != 0;
        boolean beginning = (b0 & 0x08) != 0;
        boolean ss = (b0 & 0x02) != 0;
        if (interPredicted || !beginning) {
            return false;
        }
        int i = off + 1;
        if (pictureId) {
            if (i >= end) {
                return false;
            }
            i += (p[i] & 0x80) != 0 ? 2 : 1;
        }
        if (layers) {
            if (i >= end) {
                return false;
            }
            int sid = (p[i] >> 1) & 0x07;
            if (sid != 0) {
                return false;
            }
            i += flexible ? 1 : 2;
        }
        // P=0 here, so no P_DIFF in flexible mode
        if (ss) {
            i = skipScalabilityStructure(p, i, end);
            if (i < 0) {
                return false;
            }
        }
        return i < end;
    }

    /** Returns the index after the SS, or -1 if it runs past {@code end}. */
    private static int skipScalabilityStructure(byte[] p, int i, int end) {
        if (i >= end) {
            return -1;
        }
        int h = p[i++] & 0xFF;
        int spatialLayers = (h >>> 5) + 1;
        if ((h & 0x10) != 0) { // Y: width and height per spatial layer
            i += 4 * spatialLayers;
        }
        if ((h & 0x08) != 0) { // G: picture group description
            if (i >= end) {
                return -1;
            }
            int groups = p[i++] & 0xFF;
            for (int g = 0; g < groups; g++) {
                if (i >= end) {
                    return -1;
                }
                int refs = (p[i++] >> 2) & 0x03;
                i += refs;
            }
        }
        return i <= end ? i : -1;
    }
}
