package io.junction.sctp.assoc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.junction.sctp.chunk.Bytes;
import io.junction.sctp.chunk.ChunkCursor;
import io.junction.sctp.chunk.ChunkType;
import io.junction.sctp.chunk.Crc32c;
import io.junction.sctp.chunk.Reconfig;
import io.junction.sctp.chunk.SctpHeader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 6525 §5.2.5: a peer that negotiated few streams (Firefox starts with 16) asks to add
 * outgoing streams before it opens a channel on a higher id. Association b (65535 streams)
 * grants what fits its own offer, answers with a RE-CONFIG response, and then accepts DATA on
 * the new streams; a request past its offer is denied and the count stays.
 */
class AddStreamsTest {
    private final Pair p = new Pair(AssociationOptions.DEFAULTS.withStreams(16), AssociationOptions.DEFAULTS, 7);
    private final List<long[]> responsesToA = new ArrayList<>();

    AddStreamsTest() {
        p.script = (fromA, packet, now) -> {
            if (!fromA) {
                collectResponses(packet);
            }
            return packet;
        };
    }

    @Test
    void addOutgoingStreamsGrowsThePeersInboundCountAndDataFlowsOnTheNewStream() {
        assertTrue(p.connect());
        assertEquals(16, p.b.inStreams(), "the smaller offer wins at setup (RFC 9260 §5.1.1)");
        assertEquals(16, p.a.outStreams);

        long seq = p.a.myInitialTsn; // the first request sequence number (RFC 6525 §5.1.1)
        inject(addOutgoingStreams(seq, 16));
        p.advance(500);
        assertEquals(32, p.b.inStreams());
        assertEquals(1, responsesToA.size());
        assertEquals(seq, responsesToA.get(0)[0]);
        assertEquals(Reconfig.RESULT_PERFORMED, responsesToA.get(0)[1]);

        // a grows its own side (as the peer's stack would) and sends on stream 20
        p.a.outStreams = 32;
        p.a.send(20, 51, new byte[] {'h', 'i'}, 0, 2, SendOptions.RELIABLE_ORDERED);
        assertTrue(p.runUntil(() -> !p.rb.messages.isEmpty(), 2_000));
        assertEquals(20, p.rb.messages.get(0).stream());

        // a retransmitted request gets the same answer and adds nothing (§5.2.1)
        inject(addOutgoingStreams(seq, 16));
        p.advance(500);
        assertEquals(32, p.b.inStreams());
        assertEquals(Reconfig.RESULT_PERFORMED, responsesToA.get(1)[1]);
    }

    @Test
    void aRequestPastOurOfferIsDenied() {
        assertTrue(p.connect());
        inject(addOutgoingStreams(p.a.myInitialTsn, 65535));
        p.advance(500);
        assertEquals(16, p.b.inStreams());
        assertEquals(Reconfig.RESULT_DENIED, responsesToA.get(0)[1]);
        // the next request in sequence is still answered
        inject(addOutgoingStreams(p.a.myInitialTsn + 1, 0));
        p.advance(500);
        assertEquals(Reconfig.RESULT_DENIED, responsesToA.get(1)[1], "zero new streams is not a request");
    }

    /** RE-CONFIG chunk with one Add Outgoing Streams parameter (RFC 6525 §4.5): 4 + 12 bytes. */
    private static byte[] addOutgoingStreams(long seq, int n) {
        byte[] c = new byte[16];
        c[0] = (byte) ChunkType.RE_CONFIG;
        c[3] = 16;
        c[5] = Reconfig.ADD_OUTGOING_STREAMS;
        c[7] = 12;
        c[8] = (byte) (seq >>> 24);
        c[9] = (byte) (seq >>> 16);
        c[10] = (byte) (seq >>> 8);
        c[11] = (byte) seq;
        c[12] = (byte) (n >>> 8);
        c[13] = (byte) n;
        return c;
    }

    private void inject(byte[] chunk) {
        int len = Bytes.pad4(SctpHeader.LENGTH + chunk.length);
        byte[] pkt = new byte[len];
        SctpHeader.write(pkt, 0, 5000, 5000, p.b.myTag);
        System.arraycopy(chunk, 0, pkt, SctpHeader.LENGTH, chunk.length);
        new Crc32c().write(pkt, 0, len);
        p.b.receive(pkt, 0, len);
    }

    private void collectResponses(byte[] packet) {
        ChunkCursor c = new ChunkCursor();
        if (!c.resetPacket(packet, 0, packet.length)) {
            return;
        }
        while (c.next()) {
            int at = c.offset();
            if (c.type() == ChunkType.RE_CONFIG && Bytes.u16(packet, at + 4) == Reconfig.RESPONSE) {
                responsesToA.add(new long[] {Reconfig.sequence(packet, at + 4), Reconfig.responseResult(packet, at + 4)});
            }
        }
    }
}
