package io.junction.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.junction.rtp.PacketClassifier.Kind;
import org.junit.jupiter.api.Test;

class PacketClassifierTest {

    private static Kind kindOf(int firstByte) {
        return PacketClassifier.classify(new byte[] {9, (byte) firstByte, 0}, 1, 2);
    }

    @Test
    void rfc7983Ranges() {
        for (int v = 0; v < 256; v++) {
            Kind expected = v <= 3 ? Kind.STUN
                    : v >= 16 && v <= 19 ? Kind.ZRTP
                    : v >= 20 && v <= 63 ? Kind.DTLS
                    : v >= 64 && v <= 79 ? Kind.TURN_CHANNEL
                    : v >= 128 && v <= 191 ? Kind.RTP_RTCP
                    : Kind.UNKNOWN;
            assertEquals(expected, kindOf(v), "first byte " + v);
        }
        assertEquals(Kind.STUN, kindOf(0x00));
        assertEquals(Kind.DTLS, kindOf(22)); // handshake content type
        assertEquals(Kind.RTP_RTCP, kindOf(0x80));
        assertEquals(Kind.UNKNOWN, PacketClassifier.classify(new byte[0], 0, 0));
    }

    @Test
    void rfc5761RtcpByPayloadType() {
        byte[] b = {(byte) 0x80, 0};
        for (int second = 0; second < 256; second++) {
            b[1] = (byte) second;
            int pt = second & 0x7F;
            assertEquals(pt >= 64 && pt <= 95, PacketClassifier.isRtcp(b, 0, 2), "second byte " + second);
        }
        assertTrue(PacketClassifier.isRtcp(new byte[] {(byte) 0x81, (byte) 201}, 0, 2)); // RR
        assertTrue(PacketClassifier.isRtcp(new byte[] {(byte) 0x8F, (byte) 205}, 0, 2)); // RTPFB
        assertFalse(PacketClassifier.isRtcp(new byte[] {(byte) 0x80, 111}, 0, 2));       // opus
        assertFalse(PacketClassifier.isRtcp(new byte[] {(byte) 0x80, (byte) (0x80 | 96)}, 0, 2)); // marker+96
        assertFalse(PacketClassifier.isRtcp(new byte[] {(byte) 0x80}, 0, 1));            // too short
        assertFalse(PacketClassifier.isRtcp(new byte[] {(byte) 0x40, (byte) 200}, 0, 2)); // version 1
    }
}
