package io.junction.sfu.forward;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzz test of the keyframe detectors ({@link Vp8Keyframe}, {@link Vp9Keyframe},
 * {@link H264Keyframe}, {@link Av1Keyframe}) on arbitrary RTP payloads, whole and through a window.
 *
 * <p>Property ({@link KeyframeDetector}'s contract): a boolean for every input, never an exception,
 * and {@code false} for a window outside the array.
 */
class KeyframeFuzzTest {
    private static final KeyframeDetector[] DETECTORS = {
        Vp8Keyframe::isKeyframe, Vp9Keyframe::isKeyframe, H264Keyframe::isKeyframe, Av1Keyframe::isKeyframe};

    @FuzzTest
    void detect(byte[] input) {
        for (KeyframeDetector d : DETECTORS) {
            d.isKeyframe(input, 0, input.length);
            if (input.length > 1) {
                d.isKeyframe(input, 1, input.length - 1);
                d.isKeyframe(input, 0, input.length - 1);
            }
            assertFalse(d.isKeyframe(input, 0, input.length + 1), "window past the end");
            assertFalse(d.isKeyframe(input, -1, input.length), "negative offset");
            assertFalse(d.isKeyframe(input, input.length, 0), "empty window");
        }
    }
}
