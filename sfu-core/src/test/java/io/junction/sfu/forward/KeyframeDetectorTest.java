package io.junction.sfu.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyframeDetectorTest {

    @ParameterizedTest(name = "VP8 {0} -> {1}")
    @CsvSource(delimiterString = "@@", value = {
        "10 | 00 9d 01 2a                 # S=1 PID=0, frame tag P=0; true",
        "10 | 01 9d 01 2a                 # frame tag P=1 (interframe); false",
        "00 | 00 9d 01 2a                 # S=0: continuation; false",
        "11 | 00 9d 01 2a                 # PID=1: not the first partition; false",
        "90 | 80 | 80 01 | 00 9d 01       # X, I with M=1 (15-bit PictureID); true",
        "90 | e0 | 05 | 07 | 20 | 00 9d 01 # X, I (7-bit), L, T; true",
        "90 | 10 | 20 | 00 9d 01          # X, K only; true",
        "90 | 80 | 05 | 01 9d 01          # X, I, interframe; false",
        "90                               # X without the extension byte; false",
        "90 | 80 | 80                     # 15-bit PictureID truncated; false",
        "90 | e0 | 05 | 07 | 20           # descriptor complete, frame tag missing; false",
        "10 | 00 9d                       # frame tag truncated; false",
    })
    void vp8(String row) {
        check(row, Vp8Keyframe::isKeyframe);
    }

    @ParameterizedTest(name = "VP9 {0}")
    @CsvSource(delimiterString = "@@", value = {
        "08 | 82                          # B=1 P=0, no optional fields; true",
        "88 | 05 | 82                     # I (7-bit id); true",
        "88 | 80 05 | 82                  # I (15-bit id); true",
        "c8 | 05 | 82                     # P=1 inter-picture predicted; false",
        "80 | 05 | 82                     # B=0 not the start of a frame; false",
        "a8 | 05 | 00 | 07 | 82           # non-flexible: I, L (SID 0), TL0PICIDX; true",
        "a8 | 05 | 02 | 07 | 82           # L with SID=1 (upper spatial layer); false",
        "b8 | 05 | 00 | 82                # flexible: I, L, no TL0PICIDX; true",
        "8a | 05 | 10 | 01 40 00 b4 | 82  # V: SS N_S=0 Y=1 320x180; true",
        "8a | 05 | 18 | 01 40 00 b4 | 01 | 04 | 01 | 82 # SS with Y and G: one group, R=1; true",
        "8a | 05 | 18 | 01 40             # SS truncated in the resolution; false",
        "8a | 05 | 08 | 02 | 04           # SS G=1 N_G=2, groups run past the end; false",
        "88 | 80                          # 15-bit id truncated; false",
        "a8 | 05                          # layer byte missing; false",
        "08                               # descriptor only, no payload; false",
    })
    void vp9(String row) {
        check(row, Vp9Keyframe::isKeyframe);
    }

    @ParameterizedTest(name = "H264 {0}")
    @CsvSource(delimiterString = "@@", value = {
        "65 | 88 84                       # single NAL type 5 IDR; true",
        "67 | 42 00 1f                    # single NAL type 7 SPS; true",
        "41 | 9a                          # single NAL type 1 non-IDR slice; false",
        "68 | ce                          # single NAL type 8 PPS; false",
        "78 | 00 02 67 42 | 00 02 68 ce   # STAP-A: SPS, PPS; true",
        "78 | 00 02 68 ce | 00 03 65 88 84 # STAP-A: PPS, IDR; true",
        "78 | 00 02 68 ce | 00 02 41 9a   # STAP-A: PPS, non-IDR; false",
        "78 | 00 10 67 42                 # STAP-A: size 16 lies past the end; false",
        "78 | 00                          # STAP-A: truncated size; false",
        "79 | 00 01 | 00 02 65 88         # STAP-B: DON, IDR; true",
        "7c | 85 | 88                     # FU-A: S=1 type 5; true",
        "7c | 87 | 42                     # FU-A: S=1 type 7; true",
        "7c | 05 | 88                     # FU-A: middle fragment; false",
        "7c | 45                          # FU-A: end fragment; false",
        "7c | 81 | 9a                     # FU-A: S=1 type 1; false",
        "7c                               # FU-A: header missing; false",
        "00 | 65                          # type 0 (unspecified); false",
        "7e | 65                          # type 30 (reserved); false",
    })
    void h264(String row) {
        check(row, H264Keyframe::isKeyframe);
    }

    @ParameterizedTest(name = "AV1 {0}")
    @CsvSource(delimiterString = "@@", value = {
        "08 | 0a 0b                       # N=1 new coded video sequence; true",
        "18 | 0a                          # N=1, W=1; true",
        "88 | 0a                          # Z=1 continues an OBU: cannot start a sequence; false",
        "40 | 0a                          # Y=1 only; false",
        "08                               # no OBU data; false",
    })
    void av1(String row) {
        check(row, Av1Keyframe::isKeyframe);
    }

    @Test
    void detectorsHonourOffsetAndLength() {
        byte[] b = Hex.bytes("ff ff 65 88 ff");
        assertTrue(H264Keyframe.isKeyframe(b, 2, 2));
        assertFalse(H264Keyframe.isKeyframe(b, 0, 2));
        assertFalse(H264Keyframe.isKeyframe(b, 2, 0), "empty window");
        assertFalse(H264Keyframe.isKeyframe(b, 4, 2), "window past the end");
        assertFalse(H264Keyframe.isKeyframe(b, -1, 2), "negative offset");
        assertFalse(H264Keyframe.isKeyframe(null, 0, 1), "null array");
    }

    @Test
    void forCodecSelectsByName() {
        byte[] vp8Key = Hex.bytes("10 00 9d 01 2a");
        assertTrue(KeyframeDetector.forCodec("VP8").isKeyframe(vp8Key, 0, vp8Key.length));
        assertTrue(KeyframeDetector.forCodec("vp8").isKeyframe(vp8Key, 0, vp8Key.length));
        byte[] h264Key = Hex.bytes("65 88");
        assertTrue(KeyframeDetector.forCodec("H264").isKeyframe(h264Key, 0, 2));
        assertFalse(KeyframeDetector.forCodec("VP8").isKeyframe(h264Key, 0, 2));
        byte[] vp9Key = Hex.bytes("08 82");
        assertTrue(KeyframeDetector.forCodec("VP9").isKeyframe(vp9Key, 0, 2));
        byte[] av1Key = Hex.bytes("08 0a");
        assertTrue(KeyframeDetector.forCodec("AV1").isKeyframe(av1Key, 0, 2));
        assertSame(KeyframeDetector.NONE, KeyframeDetector.forCodec("opus"));
        assertSame(KeyframeDetector.NONE, KeyframeDetector.forCodec(null));
    }

    @Test
    void garbageNeverThrows() {
        KeyframeDetector[] all = {Vp8Keyframe::isKeyframe, Vp9Keyframe::isKeyframe,
            H264Keyframe::isKeyframe, Av1Keyframe::isKeyframe};
        Random rnd = new Random(42);
        byte[] b = new byte[64];
        for (int i = 0; i < 200_000; i++) {
            rnd.nextBytes(b);
            int off = rnd.nextInt(70) - 3;
            int len = rnd.nextInt(70) - 3;
            for (KeyframeDetector d : all) {
                d.isKeyframe(b, off, len); // must return, whatever the bytes and window
            }
        }
    }

    private static void check(String row, KeyframeDetector d) {
        String expected = row.substring(row.lastIndexOf(';') + 1).trim();
        byte[] b = Hex.bytes(row.substring(0, row.lastIndexOf(';')));
        // place the payload at an offset inside a larger array to exercise the window
        byte[] framed = new byte[b.length + 7];
        java.util.Arrays.fill(framed, (byte) 0xff);
        System.arraycopy(b, 0, framed, 3, b.length);
        assertEquals(Boolean.parseBoolean(expected), d.isKeyframe(framed, 3, b.length), row);
    }
}
