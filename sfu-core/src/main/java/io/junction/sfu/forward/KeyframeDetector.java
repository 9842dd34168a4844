package io.junction.sfu.forward;

import java.util.Locale;

/**
 * Tells whether an RTP payload starts a keyframe (a picture decodable without earlier ones).
 *
 * <p>Implementations are pure, stateless and allocation-free; they look only at
 * {@code payload[offset, offset + length)} and return {@code false} for truncated or
 * malformed input, never throwing.
 */
@FunctionalInterface
public interface KeyframeDetector {
    /** A detector that never reports a keyframe (audio and unknown codecs). */
    KeyframeDetector NONE = (payload, offset, length) -> false;

    /**
     * @param payload the array holding the RTP payload (after header, CSRCs and extensions)
     * @param offset  first payload byte
     * @param length  payload length, padding excluded
     * @return true if this packet is the first packet of a keyframe
     */
    boolean isKeyframe(byte[] payload, int offset, int length);

    /**
     * The detector for an SDP encoding name ({@code VP8}, {@code VP9}, {@code H264}, {@code AV1},
     * case-insensitive; {@code AV1X} is accepted as an alias of AV1). Any other name, including
     * audio codecs and null, yields {@link #NONE}.
     */
    static KeyframeDetector forCodec(String codecName) {
        if (codecName == null) {
            return NONE;
        }
        switch (codecName.toUpperCase(Locale.ROOT)) {
            case "VP8":
                return Vp8Keyframe::isKeyframe;
            case "VP9":
                return Vp9Keyframe::isKeyframe;
            case "H264":
                return H264Keyframe::isKeyframe;
            case "AV1":
            case "AV1X":
                return Av1Keyframe::isKeyframe;
            default:
                return NONE;
        }
    }

    /** True if {@code [offset, offset + length)} is a valid window of {@code payload}. */
    static boolean validWindow(byte[] payload, int offset, int length) {
        return payload != null && offset >= 0 && length > 0 && offset <= payload.length - length;
    }
}
