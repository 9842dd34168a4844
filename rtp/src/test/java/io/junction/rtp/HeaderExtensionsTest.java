package io.junction.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderExtensionsTest {
    static final String FIXED = "90 60 1234 00000010 00000020  # V=2 X=1, PT 96, seq, ts, SSRC\n";

    /** RFC 8285 §4.2 figure: one-byte form, elements of 1, 2 and 4 bytes with 2 padding bytes. */
    static final byte[] ONE_BYTE = Hex.parse(FIXED + """
            bede 0003    # one-byte profile, 3 words
            10 aa        # ID=1 L=0: 1-byte value
            21 bbcc      # ID=2 L=1: 2-byte value
            00 00        # padding between elements
            33 d1d2d3d4  # ID=3 L=3: 4-byte value
            cafe         # payload
            """);

    /** RFC 8285 §4.3 figure: two-byte form, elements of 0, 1 and 4 bytes. */
    static final byte[] TWO_BYTE = Hex.parse(FIXED + """
            1000 0003      # two-byte profile (appbits 0), 3 words
            01 00          # ID=1 L=0: empty value
            02 01 bb       # ID=2 L=1
            00             # padding
            03 04 d1d2d3d4 # ID=3 L=4
            cafe           # payload
            """);

    private static RtpPacket wrap(byte[] b) {
        RtpPacket p = new RtpPacket();
        assertTrue(p.wrap(b, 0, b.length), () -> "invalid: " + p.reason());
        return p;
    }

    private static String value(RtpPacket p, int id) {
        int v = HeaderExtensions.find(p, id);
        return v < 0 ? null : Hex.format(p.array(), v, HeaderExtensions.valueLength(p, v));
    }

    private static List<String> elements(RtpPacket p) {
        List<String> out = new ArrayList<>();
        assertTrue(HeaderExtensions.forEach(p, new ExtensionCursor(),
                (id, b, off, len) -> out.add(id + "=" + Hex.format(b, off, len))));
        return out;
    }

    @Test
    void findsOneByteElements() {
        RtpPacket p = wrap(ONE_BYTE);
        assertEquals(1, HeaderExtensions.form(p));
        assertEquals("aa", value(p, 1));
        assertEquals("bbcc", value(p, 2));
        assertEquals("d1d2d3d4", value(p, 3));
        assertEquals(null, value(p, 4));
        assertEquals(null, value(p, 0));
        assertEquals(List.of("1=aa", "2=bbcc", "3=d1d2d3d4"), elements(p));
        assertEquals(2, p.payloadLength());
    }

    @Test
    void findsTwoByteElements() {
        RtpPacket p = wrap(TWO_BYTE);
        assertEquals(2, HeaderExtensions.form(p));
        assertEquals("", value(p, 1));
        assertEquals("bb", value(p, 2));
        assertEquals("d1d2d3d4", value(p, 3));
        assertEquals(List.of("1=", "2=bb", "3=d1d2d3d4"), elements(p));
    }

    @Test
    void cursorReportsOffsetsAndRewritesIds() {
        byte[] b = ONE_BYTE.clone();
        RtpPacket p = wrap(b);
        ExtensionCursor c = new ExtensionCursor();
        assertTrue(c.reset(p));
        assertTrue(c.oneByte());
        assertTrue(c.next());
        assertEquals(1, c.id());
        assertEquals(16, c.elementOffset());
        assertEquals(17, c.valueOffset());
        assertEquals(1, c.valueLength());
        c.setId(9);
        assertTrue(c.next());
        assertTrue(c.next());
        assertFalse(c.next());
        assertFalse(c.malformed());
        assertEquals("aa", value(p, 9));
    }

    @Test
    void setValueAndSetIdInPlace() {
        byte[] b = ONE_BYTE.clone();
        RtpPacket p = wrap(b);
        assertTrue(HeaderExtensions.setValue(p, 2, new byte[] {1, 2}, 0, 2));
        assertEquals("0102", value(p, 2));
        assertFalse(HeaderExtensions.setValue(p, 2, new byte[] {1, 2, 3}, 0, 3), "length differs");
        assertFalse(HeaderExtensions.setValue(p, 7, new byte[] {1}, 0, 1), "absent");
        assertTrue(HeaderExtensions.setId(p, 3, 14));
        assertEquals("d1d2d3d4", value(p, 14));
        assertEquals(null, value(p, 3));
        assertThrows(IllegalArgumentException.class, () -> HeaderExtensions.setId(p, 14, 15));
        byte[] t = TWO_BYTE.clone();
        RtpPacket q = wrap(t);
        assertTrue(HeaderExtensions.setId(q, 3, 200));
        assertEquals("d1d2d3d4", value(q, 200));
        assertEquals(Hex.format(TWO_BYTE, 0, 22) + "c8" + Hex.format(TWO_BYTE, 23, TWO_BYTE.length - 23),
                Hex.format(t, 0, t.length));
    }

    @Test
    void remapIdsRewritesAndDropsOneByte() {
        byte[] b = ONE_BYTE.clone();
        RtpPacket p = wrap(b);
        byte[] map = new byte[16];
        map[1] = 5;   // 1 -> 5
        map[3] = 2;   // 3 -> 2
        // id 2 maps to 0: removed
        assertEquals(2, HeaderExtensions.remapIds(p, map));
        assertEquals(List.of("5=aa", "2=d1d2d3d4"), elements(p));
        byte[] expected = Hex.parse(FIXED + """
                bede 0003
                50 aa        # id 1 -> 5
                00 0000      # id 2 dropped: zeroed into padding
                00 00
                23 d1d2d3d4  # id 3 -> 2
                cafe
                """);
        assertArrayEquals(expected, b);
        // id beyond map / new id above 14 in one-byte form: dropped
        map = new byte[3];
        map[2] = 15;
        assertEquals(0, HeaderExtensions.remapIds(p, map));
        assertEquals(List.of(), elements(p));
    }

    @Test
    void remapIdsTwoByte() {
        byte[] b = TWO_BYTE.clone();
        RtpPacket p = wrap(b);
        byte[] map = new byte[256];
        map[1] = (byte) 250;
        map[2] = 0;
        map[3] = 3;
        assertEquals(2, HeaderExtensions.remapIds(p, map));
        assertEquals(List.of("250=", "3=d1d2d3d4"), elements(p));
    }

    @Test
    void removeZeroesTheElement() {
        byte[] b = TWO_BYTE.clone();
        RtpPacket p = wrap(b);
        assertTrue(HeaderExtensions.remove(p, 2));
        assertFalse(HeaderExtensions.remove(p, 2));
        assertEquals(List.of("1=", "3=d1d2d3d4"), elements(p));
        assertEquals(b.length, TWO_BYTE.length);
        assertEquals("0201bb", Hex.format(TWO_BYTE, 18, 3));
        assertEquals("000000", Hex.format(b, 18, 3));
    }

    @Test
    void malformedAndForeignBlocks() {
        byte[] lying = Hex.parse(FIXED + "bede 0001  1f aa 00 00  # ID=1 L=15 needs 16 bytes, 3 present\n");
        RtpPacket p = wrap(lying);
        assertEquals(-1, HeaderExtensions.find(p, 1));
        assertEquals(-1, HeaderExtensions.remapIds(p, new byte[16]));
        assertFalse(HeaderExtensions.forEach(p, new ExtensionCursor(), (id, b, o, l) -> { }));
        ExtensionCursor c = new ExtensionCursor();
        assertTrue(c.reset(p));
        assertFalse(c.next());
        assertTrue(c.malformed());

        byte[] twoByteCut = Hex.parse(FIXED + "1000 0001  00 00 00 05  # ID=5 header, length byte past end\n");
        RtpPacket q = wrap(twoByteCut);
        assertEquals(-1, HeaderExtensions.find(q, 5));

        byte[] stop = Hex.parse(FIXED + "bede 0002  10 aa f0 ff 20 bb 00 00  # ID=15 stops processing\n");
        RtpPacket s = wrap(stop);
        assertEquals("aa", value(s, 1));
        assertEquals(null, value(s, 2));
        assertEquals(List.of("1=aa"), elements(s));

        byte[] foreign = Hex.parse(FIXED + "abcd 0001  10 aa 00 00  # not an RFC 8285 profile\n");
        RtpPacket f = wrap(foreign);
        assertEquals(0, HeaderExtensions.form(f));
        assertEquals(-1, HeaderExtensions.find(f, 1));
        assertEquals(-1, HeaderExtensions.remapIds(f, new byte[16]));
        assertFalse(new ExtensionCursor().reset(f));

        byte[] none = Hex.parse("80 60 1234 00000010 00000020 cafe");
        RtpPacket n = wrap(none);
        assertEquals(-1, HeaderExtensions.find(n, 1));
        assertEquals(0, HeaderExtensions.remapIds(n, new byte[16]));
        assertTrue(HeaderExtensions.forEach(n, new ExtensionCursor(), (id, b, o, l) -> { }));
    }

    private static PacketBuffer bufferWith(byte[] packet, int headroom) {
        PacketBuffer pb = new PacketBuffer(headroom + packet.length + 16, headroom);
        pb.copyFrom(packet, 0, packet.length);
        return pb;
    }

    @Test
    void addCreatesOneByteBlockInHeadroom() {
        byte[] plain = Hex.parse("81 e0 1234 00000010 00000020 00000030 cafe  # CC=1, M=1\n");
        PacketBuffer pb = bufferWith(plain, 32);
        RtpPacket p = wrap(plain);
        assertTrue(p.wrap(pb));
        assertTrue(HeaderExtensions.add(pb, p, 3, new byte[] {0x11, 0x22, 0x33}, 0, 3));
        assertEquals(32 - 8, pb.offset());
        assertEquals(plain.length + 8, pb.length());
        byte[] expected = Hex.parse("""
                91 e0 1234 00000010 00000020 00000030  # X bit now set
                bede 0001 32 112233                    # ID=3 L=2
                cafe
                """);
        assertEquals(Hex.format(expected, 0, expected.length), Hex.format(pb.array(), pb.offset(), pb.length()));
        assertEquals(pb.offset(), p.offset());
        assertEquals("cafe", Hex.format(pb.array(), p.payloadOffset(), p.payloadLength()));
        assertEquals(32 + 16, p.payloadOffset(), "payload did not move");
    }

    @Test
    void addGrowsExistingOneByteBlock() {
        PacketBuffer pb = bufferWith(ONE_BYTE, 16);
        RtpPacket p = new RtpPacket();
        assertTrue(p.wrap(pb));
        assertTrue(HeaderExtensions.add(pb, p, 4, new byte[] {(byte) 0xee}, 0, 1));
        assertEquals(16 - 4, pb.offset());
        byte[] expected = Hex.parse(FIXED + """
                bede 0004
                10 aa 21 bbcc 00 00 33 d1d2d3d4
                40 ee 00 00  # new element, padded to a word
                cafe
                """);
        assertEquals(Hex.format(expected, 0, expected.length), Hex.format(pb.array(), pb.offset(), pb.length()));
        assertEquals(List.of("1=aa", "2=bbcc", "3=d1d2d3d4", "4=ee"), elements(p));
    }

    @Test
    void addUsesTrailingPaddingWithoutGrowing() {
        byte[] packet = Hex.parse(FIXED + "bede 0001  10 aa 00 00  cafe\n");
        PacketBuffer pb = bufferWith(packet, 0);
        RtpPacket p = new RtpPacket();
        assertTrue(p.wrap(pb));
        assertTrue(HeaderExtensions.add(pb, p, 2, new byte[] {0x77}, 0, 1));
        assertEquals(0, pb.offset());
        assertEquals(List.of("1=aa", "2=77"), elements(p));
    }

    @Test
    void addToTwoByteBlockAndRefusals() {
        PacketBuffer pb = bufferWith(TWO_BYTE, 16);
        RtpPacket p = new RtpPacket();
        assertTrue(p.wrap(pb));
        assertTrue(HeaderExtensions.add(pb, p, 100, new byte[0], 0, 0));
        assertEquals(List.of("1=", "2=bb", "3=d1d2d3d4", "100="), elements(p));
        assertEquals(12, pb.offset());

        PacketBuffer one = bufferWith(ONE_BYTE, 64);
        RtpPacket q = new RtpPacket();
        assertTrue(q.wrap(one));
        byte[] big = new byte[17];
        assertFalse(HeaderExtensions.add(one, q, 1, big, 0, 17), "needs two-byte form");
        assertFalse(HeaderExtensions.add(one, q, 15, big, 0, 1), "id 15 needs two-byte form");
        assertEquals(64, one.offset(), "unchanged after refusal");

        PacketBuffer tight = bufferWith(ONE_BYTE, 3);
        RtpPacket r = new RtpPacket();
        assertTrue(r.wrap(tight));
        assertFalse(HeaderExtensions.add(tight, r, 4, big, 0, 1), "no headroom");
        assertArrayEquals(ONE_BYTE, Arrays.copyOfRange(tight.array(), 3, 3 + ONE_BYTE.length));

        byte[] plain = Hex.parse("80 60 1234 00000010 00000020 cafe");
        PacketBuffer pbPlain = bufferWith(plain, 32);
        RtpPacket s = new RtpPacket();
        assertTrue(s.wrap(pbPlain));
        assertTrue(HeaderExtensions.add(pbPlain, s, 20, new byte[] {1, 2}, 0, 2), "two-byte block created");
        assertEquals(2, HeaderExtensions.form(s));
        assertEquals("0102", value(s, 20));
        assertThrows(IllegalArgumentException.class, () -> HeaderExtensions.add(pbPlain, s, 0, big, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> HeaderExtensions.add(pbPlain, s, 1, big, 0, 256));
    }
}
