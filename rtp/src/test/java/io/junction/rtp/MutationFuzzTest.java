package io.junction.rtp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.junction.rtp.rtcp.RtcpBrokenInputAccess;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded byte mutations of valid vectors: parsers must give a defined result (valid or
 * invalid), never throw.
 */
class MutationFuzzTest {
    private static final int ROUNDS = 20_000;

    @Test
    void rtpAndHeaderExtensionsNeverThrow() {
        Random rnd = new Random(8285);
        byte[][] seeds = {HeaderExtensionsTest.ONE_BYTE, HeaderExtensionsTest.TWO_BYTE,
            RtpPacketTest.WITH_CSRC_AND_EXT, RtpPacketTest.WITH_PADDING};
        RtpPacket p = new RtpPacket();
        ExtensionCursor c = new ExtensionCursor();
        byte[] map = new byte[256];
        for (int i = 0; i < map.length; i++) {
            map[i] = (byte) (i % 15);
        }
        int valid = 0;
        for (int round = 0; round < ROUNDS; round++) {
            byte[] b = mutate(seeds[round % seeds.length], rnd);
            int len = rnd.nextInt(b.length + 1);
            if (!p.wrap(b, 0, len)) {
                continue;
            }
            valid++;
            assertTrue(p.payloadLength() >= 0 && p.payloadOffset() + p.payloadLength() <= len);
            for (int id = 0; id < 16; id++) {
                int v = HeaderExtensions.find(p, id);
                if (v >= 0) {
                    assertTrue(v + HeaderExtensions.valueLength(p, v) <= p.payloadOffset());
                }
            }
            if (c.reset(p)) {
                while (c.next()) {
                    assertTrue(c.valueOffset() + c.valueLength() <= p.payloadOffset());
                }
            }
            HeaderExtensions.remapIds(p, map);
            PacketBuffer pb = new PacketBuffer(len + 64, 32);
            pb.copyFrom(b, 0, len);
            RtpPacket q = new RtpPacket();
            if (q.wrap(pb)) {
                HeaderExtensions.add(pb, q, 1 + rnd.nextInt(20), b, 0, rnd.nextInt(Math.min(17, len)));
            }
        }
        assertTrue(valid > 1000, "mutations kept enough valid packets: " + valid);
    }

    @Test
    void rtcpNeverThrows() {
        Random rnd = new Random(3550);
        for (int round = 0; round < ROUNDS; round++) {
            byte[] seed = RtcpBrokenInputAccess.vector(round);
            byte[] b = mutate(seed, rnd);
            int len = rnd.nextInt(b.length + 1);
            RtcpBrokenInputAccess.parseCompoundAndEverything(b, len);
        }
    }

    static byte[] mutate(byte[] seed, Random rnd) {
        byte[] b = seed.clone();
        int flips = 1 + rnd.nextInt(4);
        for (int i = 0; i < flips; i++) {
            int at = rnd.nextInt(b.length);
            b[at] = rnd.nextBoolean() ? (byte) rnd.nextInt(256) : (byte) (b[at] ^ (1 << rnd.nextInt(8)));
        }
        return b;
    }
}
