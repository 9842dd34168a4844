package io.junction.sctp.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Broken SCTP never throws: the frame check names the reason, the per-type check says false. */
class ChunkBrokenInputTest {
    private final Crc32c crc = new Crc32c();

    @Test
    void packetFrame() {
        assertEquals(SctpHeader.Invalid.TOO_SHORT, SctpHeader.check(new byte[12], 0, 12, crc));
        assertEquals(SctpHeader.Invalid.TOO_SHORT, SctpHeader.check(null, 0, 16, crc));
        assertEquals(SctpHeader.Invalid.TOO_SHORT, SctpHeader.check(new byte[16], 4, 16, crc));
        byte[] odd = Hex.packet("1388 1388 00000000 00000000 0b 00 0004 00  # 17 bytes");
        assertEquals(SctpHeader.Invalid.NOT_PADDED, SctpHeader.check(odd, 0, odd.length, crc));
        byte[] ok = Hex.packet("1388 1388 00000000 00000000 0b 00 0004  # COOKIE ACK");
        assertEquals(SctpHeader.Invalid.NONE, SctpHeader.check(ok, 0, ok.length, crc));
        ok[9] ^= 0x10;
        assertEquals(SctpHeader.Invalid.BAD_CHECKSUM, SctpHeader.check(ok, 0, ok.length, crc));
    }

    static Stream<Arguments> framing() {
        return Stream.of(
                Arguments.of("empty window", "", ChunkCursor.Invalid.EMPTY),
                Arguments.of("2 bytes", "0b00", ChunkCursor.Invalid.TRUNCATED_HEADER),
                Arguments.of("length 3 < header", "0b00 0003", ChunkCursor.Invalid.LENGTH_TOO_SMALL),
                Arguments.of("length 0 (would loop)", "0b00 0000", ChunkCursor.Invalid.LENGTH_TOO_SMALL),
                Arguments.of("length 12, 8 bytes", "0900 000c 00000000", ChunkCursor.Invalid.LENGTH_PAST_END),
                Arguments.of("length 5, no padding", "0900 0005 01", ChunkCursor.Invalid.BAD_PADDING),
                Arguments.of("length 6, 1 of 2 pad bytes", "0900 0006 0102 00", ChunkCursor.Invalid.BAD_PADDING),
                Arguments.of("good then stray bytes", "0b00 0004 0b00", ChunkCursor.Invalid.TRUNCATED_HEADER),
                Arguments.of("good then lying", "0b00 0004 0000 ffff 00000000", ChunkCursor.Invalid.LENGTH_PAST_END));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("framing")
    void chunkFraming(String name, String hex, ChunkCursor.Invalid why) {
        byte[] b = Hex.parse(hex);
        ChunkCursor c = new ChunkCursor();
        assertFalse(c.reset(b, 0, b.length));
        assertEquals(why, c.reason());
        assertFalse(c.next(), "nothing iterates after a refusal");
    }

    static Stream<Arguments> layouts() {
        return Stream.of(
                Arguments.of("DATA without user data", "00 03 0010 00000001 0000 0000 00000035"),
                Arguments.of("INIT of 16 bytes", "01 00 0010 00000001 00010000 ffff ffff"),
                Arguments.of("INIT param lying", "01 00 0018 00000001 00010000 ffff ffff 00000001 c000 0010"),
                Arguments.of("INIT param length 2", "01 00 0018 00000001 00010000 ffff ffff 00000001 c000 0002"),
                Arguments.of("SACK gap count lies", "03 00 0010 00000001 00001000 0001 0000"),
                Arguments.of("SACK dup count lies", "03 00 0014 00000001 00001000 0000 0002 00000005"),
                Arguments.of("SACK short", "03 00 000c 00000001 00001000"),
                Arguments.of("HEARTBEAT without info", "04 00 0004"),
                Arguments.of("HEARTBEAT info lying", "04 00 0008 0001 0010"),
                Arguments.of("ABORT cause lying", "06 00 0008 000c 0020"),
                Arguments.of("SHUTDOWN of 12", "07 00 000c 00000001 00000000"),
                Arguments.of("SHUTDOWN ACK of 8", "08 00 0008 00000000"),
                Arguments.of("COOKIE ECHO empty", "0a 00 0004"),
                Arguments.of("COOKIE ACK with value", "0b 00 0008 00000000"),
                Arguments.of("FORWARD TSN half pair", "c0 00 000a 00000001 0001"),
                Arguments.of("FORWARD TSN short", "c0 00 0004"),
                Arguments.of("RE-CONFIG empty", "82 00 0004"),
                Arguments.of("RE-CONFIG response of 16", "82 00 0014 0010 0010 00000001 00000001 00000000"),
                Arguments.of("RE-CONFIG outgoing of 14", "82 00 0012 000d 000e 00000001 00000001 000000 00"),
                Arguments.of("RE-CONFIG three params", "82 00 0028 0010 000c 00000001 00000001"
                        + " 0010 000c 00000002 00000001 0010 000c 00000003 00000001"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void chunkLayouts(String name, String hex) {
        byte[] b = Hex.parse(hex);
        int type = b[0] & 0xFF;
        int len = Bytes.u16(b, 2);
        assertTrue(len <= b.length, "the row itself is framed");
        assertFalse(Chunks.check(type, b, 0, len), name);
    }

    @Test
    void everyTruncationOfAValidPacketIsRefusedOrReframed() {
        byte[] p = Hex.packet(ChunkCodecTest.INIT);
        ChunkCursor c = new ChunkCursor();
        for (int len = 0; len < p.length; len++) {
            byte[] t = Arrays.copyOf(p, len);
            assertTrue(SctpHeader.check(t, 0, len, crc) != SctpHeader.Invalid.NONE, "cut to " + len);
            if (c.resetPacket(t, 0, len)) {
                while (c.next()) {
                    Chunks.check(c.type(), t, c.offset(), c.length());
                }
            }
        }
    }
}
