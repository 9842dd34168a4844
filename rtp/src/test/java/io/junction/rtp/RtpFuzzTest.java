package io.junction.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Coverage-guided fuzz test of RTP parsing and rewriting: {@link RtpPacket#wrap}, the header
 * setters, {@link HeaderExtensions} (find, setId, remapIds, remove, add), {@link ExtensionCursor},
 * {@link Rtx} and {@link PacketClassifier} on arbitrary bytes.
 *
 * <p>Property: no exception at all (these parsers document no thrown type for packet bytes),
 * every offset they return stays inside the packet, and rewriting never touches the payload.
 * Under {@code mvn verify} it replays {@code RtpFuzzTestInputs/}; {@code -Pfuzz} fuzzes it.
 */
class RtpFuzzTest {
    private static final int HEADROOM = 64;
    /** Elements to append: one-byte ids, a two-byte-only id, a value too long for one-byte form. */
    private static final int[][] ADDS = {{3, 1}, {14, 16}, {5, 17}, {20, 4}, {200, 0}};

    @FuzzTest
    void parseAndRewrite(byte[] input) {
        RtpPacket p = new RtpPacket();
        PacketClassifier.classify(input, 0, input.length);
        // a window that claims more than the array holds is rejected, never read
        assertFalse(p.wrap(input, 0, input.length + 1));
        assertFalse(p.wrap(input, 1, input.length));
        if (!p.wrap(input, 0, input.length)) {
            assertNotEquals(RtpPacket.Invalid.NONE, p.reason());
            return;
        }
        checkLayout(p, input.length);
        checkExtensions(p);
        byte[] payload = payloadOf(p);

        PacketBuffer buf = copy(input);
        RtpPacket q = new RtpPacket();
        assertTrue(q.wrap(buf));
        q.setMarker(!q.marker());
        q.setPayloadType(q.payloadType() ^ 0x55);
        q.setSequenceNumber(q.sequenceNumber() + 1);
        q.setTimestamp((q.timestamp() + 90_000) & 0xFFFF_FFFFL);
        q.setSsrc(~q.ssrc() & 0xFFFF_FFFFL);
        assertTrue(q.wrap(buf), "setters keep the packet valid");
        assertEquals(p.headerLength(), q.headerLength());

        byte[] map = new byte[256];
        for (int i = 0; i < map.length; i++) {
            map[i] = (byte) ((i * 7 + 1) % 17);
        }
        HeaderExtensions.remapIds(q, map);
        ExtensionCursor c = new ExtensionCursor();
        if (c.reset(q)) {
            while (c.next()) {
                int newId = c.oneByte() ? 1 + c.id() % 14 : 1 + c.id() % 255;
                HeaderExtensions.setId(q, c.id(), newId);
            }
        }
        for (int id = 1; id < 16; id++) {
            HeaderExtensions.remove(q, id);
        }
        assertTrue(q.wrap(buf));
        assertArrayEquals(payload, payloadOf(q), "in-place rewriting leaves the payload alone");

        for (int[] add : ADDS) {
            addElement(copy(input), add[0], add[1], payload);
        }
        rtxRoundTrip(copy(input), payload);
    }

    private static void checkLayout(RtpPacket p, int len) {
        assertEquals(RtpPacket.Invalid.NONE, p.reason());
        assertTrue(p.headerLength() >= 12 && p.headerLength() <= len);
        assertEquals(p.offset() + p.headerLength(), p.payloadOffset());
        assertEquals(len, p.headerLength() + p.payloadLength() + p.paddingLength());
        assertTrue(p.payloadLength() >= 0);
        for (int i = 0; i < p.csrcCount(); i++) {
            assertTrue(p.csrc(i) >= 0);
        }
        if (p.hasExtension()) {
            assertTrue(p.extensionOffset() + 4 + p.extensionDataLength() <= p.payloadOffset());
            assertTrue(p.extensionProfile() >= 0);
        } else {
            assertEquals(-1, p.extensionOffset());
        }
        assertTrue(p.toString().startsWith("RtpPacket"));
    }

    private static void checkExtensions(RtpPacket p) {
        int blockStart = p.extensionOffset() + 4;
        ExtensionCursor c = new ExtensionCursor();
        if (c.reset(p)) {
            while (c.next()) {
                assertTrue(c.valueOffset() >= blockStart && c.valueLength() >= 0);
                assertTrue(c.valueOffset() + c.valueLength() <= p.payloadOffset());
                assertTrue(HeaderExtensions.find(p, c.id()) >= 0, "find agrees with the cursor");
            }
        }
        HeaderExtensions.forEach(p, new ExtensionCursor(), (id, array, valueOffset, valueLength) ->
                assertTrue(valueOffset + valueLength <= p.payloadOffset()));
        HeaderExtensions.form(p);
        for (int id = -1; id < 18; id++) { // every one-byte id, a few two-byte ones (255 below)
            int v = HeaderExtensions.find(p, id == 17 ? 255 : id);
            if (v >= 0) {
                assertTrue(v >= blockStart);
                assertTrue(v + HeaderExtensions.valueLength(p, v) <= p.payloadOffset());
            }
        }
    }

    private static void addElement(PacketBuffer buf, int id, int len, byte[] payload) {
        RtpPacket q = new RtpPacket();
        assertTrue(q.wrap(buf));
        if (HeaderExtensions.find(q, id) >= 0) {
            return; // add's contract: the caller ensures the id is absent
        }
        byte[] value = new byte[len];
        Arrays.fill(value, (byte) 0x5A);
        if (HeaderExtensions.add(buf, q, id, value, 0, len)) {
            assertTrue(q.wrap(buf), "add leaves a valid packet");
            int v = HeaderExtensions.find(q, id);
            assertTrue(v >= 0, "added element is found");
            assertEquals(len, HeaderExtensions.valueLength(q, v));
            assertArrayEquals(payload, payloadOf(q));
        }
    }

    private static void rtxRoundTrip(PacketBuffer buf, byte[] payload) {
        RtpPacket q = new RtpPacket();
        assertTrue(q.wrap(buf));
        int seq = q.sequenceNumber();
        int pt = q.payloadType();
        long ssrc = q.ssrc();
        assertTrue(Rtx.encapsulate(buf, q, 97, 0x1234_5678L, 7));
        assertEquals(seq, Rtx.originalSequenceNumber(q));
        assertEquals(seq, Rtx.decapsulate(buf, q, pt, ssrc));
        assertEquals(seq, q.sequenceNumber());
        assertArrayEquals(payload, payloadOf(q));
    }

    private static PacketBuffer copy(byte[] input) {
        PacketBuffer buf = new PacketBuffer(HEADROOM + input.length + 16, HEADROOM);
        buf.copyFrom(input, 0, input.length);
        return buf;
    }

    private static byte[] payloadOf(RtpPacket p) {
        return Arrays.copyOfRange(p.array(), p.payloadOffset(), p.payloadOffset() + p.payloadLength());
    }
}
