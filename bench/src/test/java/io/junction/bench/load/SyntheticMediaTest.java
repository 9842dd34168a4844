package io.junction.bench.load;

import io.junction.client.SyntheticMedia;
import io.junction.rtp.RtpPacket;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The synthetic media the publishers send, as the subscribers check it. */
class SyntheticMediaTest {
    @Test
    void videoPacketCarriesVp8HeadersMarkerAndBody() {
        byte[] b = new byte[1600];
        int len = SyntheticMedia.write(b, 0, 96, 65535, 90_000, 0x1234_5678L, true, true, true, true, 77, 5,
                123_456_789L, 1200);
        assertEquals(12 + 1200, len);
        RtpPacket p = new RtpPacket();
        assertTrue(p.wrap(b, 0, len));
        assertTrue(p.marker());
        assertEquals(65535, p.sequenceNumber());
        assertEquals(0x10, b[p.payloadOffset()] & 0x10, "S bit: start of a VP8 partition (RFC 7741 §4.2)");
        assertEquals(0, b[p.payloadOffset() + 1] & 0x01, "P bit 0: keyframe (RFC 7741 §4.3)");
        SyntheticMedia.Body body = SyntheticMedia.check(b, p.payloadOffset(), p.payloadLength(), true);
        assertNotNull(body);
        assertEquals(77, body.tag());
        assertEquals(5, body.counter());
        assertEquals(123_456_789L, body.sendNanos());
    }

    @Test
    void deltaFrameAndAudioShapes() {
        byte[] b = new byte[1600];
        int len = SyntheticMedia.write(b, 0, 96, 1, 0, 1, false, true, false, false, 1, 1, 0, 700);
        assertEquals(1, b[13] & 0x01, "P bit 1: interframe");
        assertEquals(0, b[12] & 0x10, "not a frame start");
        int audio = SyntheticMedia.write(b, 0, 111, 1, 0, 1, false, false, false, false, 1, 1, 0, 160);
        assertEquals(12 + 160, audio);
        assertNotNull(SyntheticMedia.check(b, 12, 160, false));
        assertTrue(len > audio);
    }

    @Test
    void corruptionTruncationAndWrongKindAreRejected() {
        byte[] b = new byte[1600];
        int len = SyntheticMedia.write(b, 0, 96, 1, 0, 1, false, true, false, true, 1, 1, 0, 1000);
        b[len - 1] ^= 1;
        assertNull(SyntheticMedia.check(b, 12, len - 12, true), "flipped bit");
        b[len - 1] ^= 1;
        assertNotNull(SyntheticMedia.check(b, 12, len - 12, true));
        assertNull(SyntheticMedia.check(b, 12, len - 13, true), "truncated");
        assertNull(SyntheticMedia.check(b, 12, 10, true), "shorter than the body header");
        assertNull(SyntheticMedia.check(b, 12, len - 12, false), "video read as audio");
    }

    @Test
    void rtxPayloadChecksAfterTheTwoByteOsn() {
        byte[] b = new byte[1600];
        int len = SyntheticMedia.write(b, 0, 96, 300, 0, 1, false, true, false, true, 9, 2, 0, 500);
        byte[] rtx = new byte[len + 2];
        System.arraycopy(b, 0, rtx, 0, 12);
        rtx[12] = 0x01; // OSN 300 (RFC 4588 §4)
        rtx[13] = 0x2C;
        System.arraycopy(b, 12, rtx, 14, len - 12);
        assertNull(SyntheticMedia.check(rtx, 12, len - 10, true));
        SyntheticMedia.Body body = SyntheticMedia.check(rtx, 14, len - 12, true);
        assertNotNull(body);
        assertEquals(9, body.tag());
    }
}
