package io.junction.sfu.forward;

/**
 * AV1 keyframe detection over an RTP payload ("RTP Payload Format For AV1", §4.4).
 *
 * <pre>
 * aggregation header  |Z|Y| W |N|-|-|-|
 * </pre>
 * N=1 marks the first packet of a coded video sequence, which starts with a keyframe; such a
 * packet cannot continue an OBU from the previous packet (Z=0). At least one byte must follow
 * the aggregation header.
 */
public final class Av1Keyframe {
    private Av1Keyframe() {
    }

    /** See {@link KeyframeDetector#isKeyframe(byte[], int, int)}. */
    public static boolean isKeyframe(byte[] p, int off, int len) {
        if (!KeyframeDetector.validWindow(p, off, len) || len < 2) {
            return false;
        }
        int h = p[off] & 0xFF;
        return (h & 0x08) != 0 && (h & 0x80) == 0;
    }
}
