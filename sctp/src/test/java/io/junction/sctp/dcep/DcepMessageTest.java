package io.junction.sctp.dcep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.junction.sctp.chunk.Hex;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** DATA_CHANNEL_OPEN / ACK (RFC 8832 §5) with annotated bytes and broken input. */
class DcepMessageTest {

    @Test
    void reliableOrderedOpen() {
        byte[] m = Hex.parse("""
                03                 # DATA_CHANNEL_OPEN
                00                 # DATA_CHANNEL_RELIABLE
                0100               # priority 256 (normal)
                00000000           # reliability parameter (ignored for reliable)
                0004 0004          # label length 4, protocol length 4
                63686174           # "chat"
                6a736f6e           # "json"
                """);
        DcepMessage.Open o = DcepMessage.parseOpen(m, 0, m.length);
        assertEquals("chat", o.label());
        assertEquals("json", o.protocol());
        assertEquals(ChannelType.RELIABLE, o.channelType());
        ChannelOptions opt = o.options();
        assertTrue(opt.ordered());
        assertEquals(-1, opt.maxRetransmits());
        assertEquals(-1, opt.maxPacketLifeTimeMs());
        assertArrayEquals(m, DcepMessage.open("chat", ChannelOptions.RELIABLE.withProtocol("json")));
    }

    @Test
    void partialReliableTypes() {
        byte[] rexmit = Hex.parse("03 81 0100 00000000 0001 0000 61  # unordered, max 0 retransmissions, 'a'");
        ChannelOptions o = DcepMessage.parseOpen(rexmit, 0, rexmit.length).options();
        assertFalse(o.ordered());
        assertEquals(0, o.maxRetransmits());
        assertArrayEquals(rexmit, DcepMessage.open("a", ChannelOptions.RELIABLE.unordered().withMaxRetransmits(0)));

        byte[] timed = Hex.parse("03 02 0100 000001f4 0000 0000  # ordered, lifetime 500 ms, empty label");
        o = DcepMessage.parseOpen(timed, 0, timed.length).options();
        assertTrue(o.ordered());
        assertEquals(500, o.maxPacketLifeTimeMs());
        assertEquals("", DcepMessage.parseOpen(timed, 0, timed.length).label());
        assertArrayEquals(timed, DcepMessage.open("", ChannelOptions.RELIABLE.withMaxPacketLifeTime(500)));

        byte[] utf8 = DcepMessage.open("ünïcødé ✓", ChannelOptions.RELIABLE.withProtocol("proto/1"));
        DcepMessage.Open u = DcepMessage.parseOpen(utf8, 0, utf8.length);
        assertEquals("ünïcødé ✓", u.label());
        assertEquals("proto/1", u.protocol());
    }

    @Test
    void ack() {
        assertTrue(DcepMessage.isAck(new byte[] {2}, 0, 1));
        assertFalse(DcepMessage.isAck(new byte[] {2, 0}, 0, 2), "ACK is one byte");
        assertFalse(DcepMessage.isAck(new byte[] {3}, 0, 1));
        assertArrayEquals(new byte[] {2}, DcepMessage.ack());
    }

    static Stream<Arguments> broken() {
        return Stream.of(
                Arguments.of("empty", ""),
                Arguments.of("11 bytes", "03 00 0100 00000000 0000 00"),
                Arguments.of("ACK type", "02 00 0100 00000000 0000 0000"),
                Arguments.of("unknown type 0x04", "04 00 0100 00000000 0000 0000"),
                Arguments.of("channel type 0x03", "03 03 0100 00000000 0000 0000"),
                Arguments.of("channel type 0x83", "03 83 0100 00000000 0000 0000"),
                Arguments.of("channel type 0x40", "03 40 0100 00000000 0000 0000"),
                Arguments.of("label length lies", "03 00 0100 00000000 0005 0000 61626364"),
                Arguments.of("protocol length lies", "03 00 0100 00000000 0001 0003 61 6263"),
                Arguments.of("lengths overflow 16 bits", "03 00 0100 00000000 ffff ffff 61"),
                Arguments.of("label not UTF-8", "03 00 0100 00000000 0002 0000 c328"),
                Arguments.of("protocol not UTF-8", "03 00 0100 00000000 0000 0001 ff"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void brokenOpen(String name, String hex) {
        byte[] b = Hex.parse(hex);
        assertNull(DcepMessage.parseOpen(b, 0, b.length), name);
    }

    @Test
    void optionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> ChannelOptions.RELIABLE.withMaxRetransmits(70000));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ChannelOptions(true, 1, 100, "", false, -1, 0));
        assertTrue(e.getMessage().contains("not both"));
        e = assertThrows(IllegalArgumentException.class, () -> ChannelOptions.RELIABLE.negotiatedId(65535));
        assertTrue(e.getMessage().startsWith("id must be 0..65534"), e.getMessage());
        assertEquals(ChannelType.PARTIAL_RELIABLE_TIMED_UNORDERED,
                ChannelType.of(ChannelOptions.RELIABLE.unordered().withMaxPacketLifeTime(5)));
        assertEquals(ChannelType.RELIABLE_UNORDERED, ChannelType.of(ChannelOptions.RELIABLE.unordered()));
        assertEquals(ChannelType.PARTIAL_RELIABLE_REXMIT_UNORDERED,
                ChannelType.of(ChannelOptions.RELIABLE.unordered().withMaxRetransmits(3)));
    }
}
