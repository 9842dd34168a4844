package io.junction.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RtxTest {
    private static final byte[] ORIGINAL = Hex.parse("""
            90 e0 ffff 00001000 deadbeef  # X=1 M=1 PT=96 seq 65535
            bede 0001 10 aa 00 00         # one-byte extension
            01020304                      # payload
            """);

    private static final byte[] RTX = Hex.parse("""
            90 e1 0007 00001000 cafebabe  # M=1 PT=97 (rtx) seq 7, rtx SSRC
            bede 0001 10 aa 00 00         # extension kept
            ffff                          # OSN 65535 (RFC 4588 §4)
            01020304                      # original payload
            """);

    @Test
    void roundTripInPlace() {
        PacketBuffer pb = new PacketBuffer(64, 8);
        pb.copyFrom(ORIGINAL, 0, ORIGINAL.length);
        RtpPacket p = new RtpPacket();
        assertTrue(p.wrap(pb));
        int payloadAt = p.payloadOffset();
        assertTrue(Rtx.encapsulate(pb, p, 97, 0xcafebabeL, 7));
        assertEquals(6, pb.offset());
        assertEquals(Hex.format(RTX, 0, RTX.length), Hex.format(pb.array(), pb.offset(), pb.length()));
        assertEquals(65535, Rtx.originalSequenceNumber(p));
        assertEquals(payloadAt - 2, p.payloadOffset(), "OSN sits just before the unmoved payload");

        assertEquals(65535, Rtx.decapsulate(pb, p, 96, 0xdeadbeefL));
        assertEquals(8, pb.offset());
        assertEquals(Hex.format(ORIGINAL, 0, ORIGINAL.length), Hex.format(pb.array(), pb.offset(), pb.length()));
        assertEquals(payloadAt, p.payloadOffset());
    }

    @Test
    void refusals() {
        PacketBuffer pb = new PacketBuffer(64, 1);
        pb.copyFrom(ORIGINAL, 0, ORIGINAL.length);
        RtpPacket p = new RtpPacket();
        assertTrue(p.wrap(pb));
        assertFalse(Rtx.encapsulate(pb, p, 97, 1, 1), "headroom 1 < 2");
        assertEquals(1, pb.offset());

        byte[] probe = Hex.parse("a0 61 0001 00000000 00000001 00 00 00 04  # padding-only RTX probe");
        PacketBuffer pp = new PacketBuffer(64, 8);
        pp.copyFrom(probe, 0, probe.length);
        assertTrue(p.wrap(pp));
        assertEquals(-1, Rtx.originalSequenceNumber(p));
        assertEquals(-1, Rtx.decapsulate(pp, p, 96, 2));
        assertEquals(8, pp.offset());

        RtpPacket other = new RtpPacket();
        assertTrue(other.wrap(ORIGINAL, 0, ORIGINAL.length));
        assertThrows(IllegalArgumentException.class, () -> Rtx.encapsulate(pp, other, 97, 1, 1));
    }
}
