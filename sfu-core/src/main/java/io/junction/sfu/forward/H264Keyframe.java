package io.junction.sfu.forward;

/**
 * H.264 keyframe detection over an RTP payload (RFC 6184 §5.2–5.8).
 *
 * <p>The first byte is a NAL unit header {@code |F|NRI|Type(5)|}. A packet starts a keyframe if
 * <ul>
 *   <li>it is a single NAL unit (types 1–23) of type 5 (IDR slice) or 7 (SPS, which precedes an IDR);</li>
 *   <li>it is a STAP-A (24; or STAP-B, 25, which adds a 2-byte DON) aggregating such a NAL unit,
 *       each one preceded by a 16-bit size (§5.7.1); units whose size runs past the end are ignored;</li>
 *   <li>it is the first fragment of an FU-A (28; FU header {@code |S|E|R|Type|}, S=1, §5.8) of a
 *       type 5 or 7 NAL unit.</li>
 * </ul>
 */
public final class H264Keyframe {
    private static final int IDR = 5;
    private static final int SPS = 7;
    private static final int STAP_A = 24;
    private static final int STAP_B = 25;
    private static final int FU_A = 28;

    private H264Keyframe() {
    }

    /** See {@link KeyframeDetector#isKeyframe(byte[], int, int)}. */
    public static boolean isKeyframe(byte[] p, int off, int len) {
        if (!KeyframeDetector.validWindow(p, off, len)) {
            return false;
        }
        int end = off + len;
        int type = p[off] & 0x1F;
        if (type >= 1 && type <= 23) {
            return startsKeyframe(type);
        }
        if (type == STAP_A || type == STAP_B) {
            int i = off + 1 + (type == STAP_B ? 2 : 0);
            while (i + 2 < end) {
                int size = ((p[i] & 0xFF) << 8) | (p[i + 1] & 0xFF);
                i += 2;
                if (size == 0 || size > end - i) {
                    return false;
                }
                if (startsKeyframe(p[i] & 0x1F)) {
                    return true;
                }
                i += size;
            }
            return false;
        }
        if (type == FU_A) {
            if (len < 2) {
                return false;
            }
            int fu = p[off + 1] & 0xFF;
            return (fu & 0x80) != 0 && startsKeyframe(fu & 0x1F);
        }
        return false;
    }

    private static boolean startsKeyframe(int nalType) {
        return nalType == IDR || nalType == SPS;
    }
}
