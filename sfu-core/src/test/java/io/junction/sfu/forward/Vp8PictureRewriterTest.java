package io.junction.sfu.forward;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Vp8PictureRewriter} and {@link Vp8Keyframe#height} on annotated descriptor bytes (RFC 7741 §4.2). */
class Vp8PictureRewriterTest {

    /** X=1 S=1 PID=0 | I=1 L=1 T=1 K=1 | M=1 PictureID (15 bits) | TL0PICIDX | TID=0 Y=0 KEYIDX. */
    private static byte[] full(int picId, int tl0, int keyIdx) {
        return new byte[]{
                (byte) 0x90,                        // X=1, S=1, PID=0
                (byte) 0xF0,                        // I, L, T, K
                (byte) (0x80 | (picId >> 8)), (byte) picId, // M=1, 15-bit PictureID
                (byte) tl0,                         // TL0PICIDX
                (byte) (keyIdx & 0x1F),             // TID=0, Y=0, KEYIDX
                0x10, 0x02, 0x00                    // frame tag (not inspected)
        };
    }

    private static int pic15(byte[] p) {
        return ((p[2] & 0x7F) << 8) | (p[3] & 0xFF);
    }

    @Test
    void firstSegmentKeepsTheSourceNumbering() {
        Vp8PictureRewriter r = new Vp8PictureRewriter();
        byte[] p = full(1234, 7, 3);
        assertTrue(r.rewrite(p, 0, p.length, true, 100));
        assertArrayEquals(full(1234, 7, 3), p);
    }

    @Test
    void aSwitchContinuesEveryFieldFromTheLastValueSent() {
        Vp8PictureRewriter r = new Vp8PictureRewriter();
        for (int pic = 500; pic <= 510; pic++) { // layer A (ssrc 100)
            byte[] p = full(pic, pic & 0xFF, 2);
            r.rewrite(p, 0, p.length, pic == 500, 100);
        }
        // layer B (ssrc 200) numbers its pictures elsewhere: 32000 wraps past 32767 soon
        int[] outPics = new int[5];
        for (int i = 0; i < 5; i++) {
            byte[] p = full((32766 + i) & 0x7FFF, 250 + i & 0xFF, 17);
            r.rewrite(p, 0, p.length, i == 0, 200);
            outPics[i] = pic15(p);
            assertEquals((511 + i) & 0xFF, p[4] & 0xFF, "TL0PICIDX continues from 510");
            assertEquals(3, p[5] & 0x1F, "KEYIDX continues from 2");
        }
        assertArrayEquals(new int[]{511, 512, 513, 514, 515}, outPics, "PictureID continues from 510 across the source wrap");
    }

    @Test
    void sevenBitPictureIdsWrapInSevenBits() {
        Vp8PictureRewriter r = new Vp8PictureRewriter();
        byte[] a = {(byte) 0x90, (byte) 0x80, 0x7E, 0x10, 0, 0}; // I only, M=0, PictureID 126
        r.rewrite(a, 0, a.length, true, 1);
        byte[] b = {(byte) 0x90, (byte) 0x80, 0x05, 0x10, 0, 0}; // new layer, PictureID 5
        r.rewrite(b, 0, b.length, true, 2);
        assertEquals(127, b[2] & 0xFF);
        byte[] c = {(byte) 0x90, (byte) 0x80, 0x06, 0x10, 0, 0};
        r.rewrite(c, 0, c.length, false, 2);
        assertEquals(0, c[2] & 0xFF, "7-bit PictureID wraps to 0, M stays 0");
    }

    @Test
    void retransmissionsGetTheOffsetsOfTheirSegment() {
        Vp8PictureRewriter r = new Vp8PictureRewriter();
        byte[] a = full(100, 1, 0);
        r.rewrite(a, 0, a.length, true, 100);
        byte[] b = full(9000, 50, 4);
        r.rewrite(b, 0, b.length, true, 200); // out 101
        byte[] c = full(9001, 50, 4);
        r.rewrite(c, 0, c.length, false, 200); // out 102

        byte[] oldA = full(100, 1, 0);
        assertTrue(r.rewriteRetransmission(oldA, 0, oldA.length, 100));
        assertEquals(100, pic15(oldA), "previous segment: its own offset (0)");
        byte[] oldB = full(9000, 50, 4);
        assertTrue(r.rewriteRetransmission(oldB, 0, oldB.length, 200));
        assertEquals(101, pic15(oldB));
        byte[] stranger = full(7, 7, 7);
        assertFalse(r.rewriteRetransmission(stranger, 0, stranger.length, 999), "unknown segment left alone");
        assertArrayEquals(full(7, 7, 7), stranger);
        byte[] next = full(9002, 51, 4);
        r.rewrite(next, 0, next.length, false, 200);
        assertEquals(103, pic15(next), "retransmissions did not move the last value sent");
    }

    @Test
    void truncatedDescriptorsAreLeftUnchanged() {
        byte[][] broken = {
                {(byte) 0x90},                               // X set, extension byte missing
                {(byte) 0x90, (byte) 0x80},                  // I set, PictureID missing
                {(byte) 0x90, (byte) 0x80, (byte) 0x80},     // M=1: second PictureID byte missing
                {(byte) 0x90, (byte) 0x40},                  // L set, TL0PICIDX missing
                {(byte) 0x90, (byte) 0xF0, (byte) 0x81, 0x02, 0x03}, // KEYIDX byte missing
        };
        Vp8PictureRewriter r = new Vp8PictureRewriter();
        for (byte[] b : broken) {
            byte[] copy = b.clone();
            assertFalse(r.rewrite(copy, 0, copy.length, true, 1));
            assertArrayEquals(b, copy);
        }
        assertEquals(broken.length, r.malformed());
        byte[] plain = {0x10, 0x00, 0x00, 0x00}; // X=0: nothing numbered, accepted as is
        assertTrue(r.rewrite(plain, 0, plain.length, true, 1));
        assertFalse(r.rewrite(new byte[4], 2, 3, true, 1), "window past the array");
    }

    @Test
    void keyframeHeightComesFromTheVp8FrameHeader() {
        // descriptor S=1 | frame tag (P=0: key) 3 bytes | start code 9d 01 2a | width 640 LE | height 360 LE
        byte[] key = {0x10, 0x00, 0x00, 0x00, (byte) 0x9d, 0x01, 0x2a, (byte) 0x80, 0x02, 0x68, 0x01};
        assertEquals(360, Vp8Keyframe.height(key, 0, key.length));
        byte[] scaled = key.clone();
        scaled[10] |= (byte) 0x40; // vertical scale bits are not part of the height
        assertEquals(360, Vp8Keyframe.height(scaled, 0, scaled.length));
        byte[] delta = key.clone();
        delta[1] = 0x01; // P=1
        assertEquals(-1, Vp8Keyframe.height(delta, 0, delta.length));
        byte[] badStart = key.clone();
        badStart[5] = 0x02;
        assertEquals(-1, Vp8Keyframe.height(badStart, 0, badStart.length));
        assertEquals(-1, Vp8Keyframe.height(key, 0, key.length - 1), "height cut off");
        assertEquals(-1, Vp8Keyframe.height(key, 0, 0));
    }
}
