package io.junction.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.junction.rtp.RtpPacket.Invalid;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RtpPacketTest {

    static final byte[] WITH_CSRC_AND_EXT = Hex.parse("""
            91          # V=2 P=0 X=1 CC=1
            e0          # M=1 PT=96
            ffff        # sequence number 65535
            12345678    # timestamp
            deadbeef    # SSRC (above 2^31: unsigned)
            01020304    # CSRC[0]
            bede 0001   # RFC 8285 one-byte profile, 1 word
            10 aa 00 00 # id=1 L=0 value aa, 2 padding bytes
            01020304    # payload
            """);

    static final byte[] WITH_PADDING = Hex.parse("""
            a0          # V=2 P=1 X=0 CC=0
            6f          # M=0 PT=111 (opus)
            0000        # sequence number 0
            ffffffff    # timestamp 2^32-1
            00000001    # SSRC 1
            aabbcc      # payload (3 bytes)
            000003      # padding, last byte = count 3
            """);

    @Test
    void parsesAllFields() {
        RtpPacket p = new RtpPacket();
        assertTrue(p.wrap(WITH_CSRC_AND_EXT, 0, WITH_CSRC_AND_EXT.length));
        assertEquals(Invalid.NONE, p.reason());
        assertEquals(2, p.version());
        assertFalse(p.hasPadding());
        assertTrue(p.hasExtension());
        assertEquals(1, p.csrcCount());
        assertEquals(0x01020304L, p.csrc(0));
        assertThrows(IndexOutOfBoundsException.class, () -> p.csrc(1));
        assertTrue(p.marker());
        assertEquals(96, p.payloadType());
        assertEquals(65535, p.sequenceNumber());
        assertEquals(0x12345678L, p.timestamp());
        assertEquals(0xdeadbeefL, p.ssrc());
        assertEquals(12 + 4 + 4 + 4, p.headerLength());
        assertEquals(24, p.payloadOffset());
        assertEquals(4, p.payloadLength());
        assertEquals(0, p.paddingLength());
        assertEquals(16, p.extensionOffset());
        assertEquals(0xBEDE, p.extensionProfile());
        assertEquals(4, p.extensionDataLength());
    }

    @Test
    void paddingIsExcludedFromPayload() {
        RtpPacket p = new RtpPacket();
        assertTrue(p.wrap(WITH_PADDING, 0, WITH_PADDING.length));
        assertTrue(p.hasPadding());
        assertEquals(111, p.payloadType());
        assertFalse(p.marker());
        assertEquals(0, p.sequenceNumber());
        assertEquals(0xffffffffL, p.timestamp());
        assertEquals(1L, p.ssrc());
        assertEquals(12, p.headerLength());
        assertEquals(3, p.paddingLength());
        assertEquals(3, p.payloadLength());
        assertEquals(-1, p.extensionOffset());
    }

    @Test
    void setterRoundTripIsByteExact() {
        byte[] copy = WITH_CSRC_AND_EXT.clone();
        RtpPacket p = new RtpPacket();
        assertTrue(p.wrap(copy, 0, copy.length));
        p.setMarker(false);
        p.setPayloadType(100);
        p.setSequenceNumber(1);
        p.setTimestamp(0xfedcba98L);
        p.setSsrc(0x11223344L);
        assertEquals("916400" + "01" + "fedcba98" + "11223344", Hex.format(copy, 0, 12));
        assertArrayEquals(Arrays.copyOfRange(WITH_CSRC_AND_EXT, 12, copy.length),
                Arrays.copyOfRange(copy, 12, copy.length), "bytes after the fixed header untouched");
        p.setMarker(true);
        p.setPayloadType(96);
        p.setSequenceNumber(65535);
        p.setTimestamp(0x12345678L);
        p.setSsrc(0xdeadbeefL);
        assertArrayEquals(WITH_CSRC_AND_EXT, copy);
    }

    @Test
    void writeFixedHeaderMatchesParsedVector() {
        byte[] out = new byte[12];
        assertEquals(12, RtpHeader.writeFixedHeader(out, 0, false, 111, 0, 0xffffffffL, 1));
        assertArrayEquals(Arrays.copyOf(WITH_PADDING, 12), withoutPaddingBit(out));
    }

    private static byte[] withoutPaddingBit(byte[] header) {
        header[0] |= 0x20; // the vector has P set; everything else must match
        return header;
    }

    @Test
    void wrapsAtAnOffsetInsideALargerArray() {
        byte[] big = new byte[WITH_PADDING.length + 20];
        System.arraycopy(WITH_PADDING, 0, big, 7, WITH_PADDING.length);
        RtpPacket p = new RtpPacket();
        assertTrue(p.wrap(big, 7, WITH_PADDING.length));
        assertEquals(7 + 12, p.payloadOffset());
        assertEquals(3, p.payloadLength());
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("empty", "", Invalid.TOO_SHORT),
                Arguments.of("11 bytes", "80 60 0001 00000002 000003", Invalid.TOO_SHORT),
                Arguments.of("version 1", "40 60 0001 00000002 00000003", Invalid.BAD_VERSION),
                Arguments.of("version 0 (STUN-like)", "00 01 0001 00000002 00000003", Invalid.BAD_VERSION),
                Arguments.of("CC=2, one CSRC present", "82 60 0001 00000002 00000003 00000004",
                        Invalid.CSRC_PAST_END),
                Arguments.of("X set, no extension header", "90 60 0001 00000002 00000003 bede",
                        Invalid.EXTENSION_PAST_END),
                Arguments.of("extension length lies (2 words, 1 present)",
                        "90 60 0001 00000002 00000003 bede0002 10aa0000", Invalid.EXTENSION_PAST_END),
                Arguments.of("padding count 0", "a0 60 0001 00000002 00000003 aa00", Invalid.BAD_PADDING),
                Arguments.of("padding longer than payload", "a0 60 0001 00000002 00000003 aa05",
                        Invalid.BAD_PADDING),
                Arguments.of("padding bit on header-only packet", "a0 60 0001 00000002 00000003",
                        Invalid.BAD_PADDING));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejectsBrokenInput(String name, String hex, Invalid expected) {
        byte[] b = Hex.parse(hex);
        RtpPacket p = new RtpPacket();
        assertFalse(p.wrap(b, 0, b.length));
        assertEquals(expected, p.reason());
        assertFalse(p.isValid());
    }

    @Test
    void rejectsBadWindows() {
        RtpPacket p = new RtpPacket();
        assertFalse(p.wrap(null, 0, 12));
        assertFalse(p.wrap(WITH_PADDING, 10, WITH_PADDING.length));
        assertFalse(p.wrap(WITH_PADDING, -1, 12));
        assertEquals(Invalid.TOO_SHORT, p.reason());
    }

    static Stream<byte[]> vectors() {
        return Stream.of(WITH_CSRC_AND_EXT, WITH_PADDING);
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void everyTruncationGivesADefinedResult(byte[] vector) {
        RtpPacket p = new RtpPacket();
        for (int len = 0; len < vector.length; len++) {
            byte[] t = Arrays.copyOf(vector, len);
            boolean ok = p.wrap(t, 0, len);
            if (ok) {
                assertTrue(p.headerLength() + p.paddingLength() <= len);
                assertTrue(p.payloadLength() >= 0);
            } else {
                assertTrue(p.reason() != Invalid.NONE);
            }
        }
    }
}
