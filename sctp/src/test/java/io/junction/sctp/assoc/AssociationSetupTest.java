package io.junction.sctp.assoc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.junction.sctp.chunk.ChunkType;
import io.junction.sctp.chunk.Crc32c;
import org.junit.jupiter.api.Test;

/** Handshake (RFC 9260 §5), cookie checks (§5.1.5), ABORT (§9.1), SHUTDOWN (§9.2), heartbeat (§8.3). */
class AssociationSetupTest {

    private static int firstChunk(byte[] p) {
        return p[12] & 0xFF;
    }

    @Test
    void clientAndServer() {
        Pair p = new Pair(1);
        assertTrue(p.connect());
        assertEquals(State.ESTABLISHED, p.a.state());
        assertEquals(State.ESTABLISHED, p.b.state());
        assertEquals(65535, p.a.outboundStreams());
        assertEquals(2, p.packetsAtoB, "INIT, COOKIE ECHO");
        assertEquals(2, p.packetsBtoA, "INIT ACK, COOKIE ACK");
    }

    @Test
    void simultaneousOpen() {
        Pair p = new Pair(2);
        p.a.connect();
        p.b.connect();
        assertTrue(p.runUntil(() -> p.ra.established && p.rb.established, 10_000));
        assertEquals(SendStatus.OK, p.a.send(0, 53, new byte[] {1}, 0, 1, SendOptions.RELIABLE_ORDERED));
        assertEquals(SendStatus.OK, p.b.send(1, 53, new byte[] {2}, 0, 1, SendOptions.RELIABLE_ORDERED));
        assertTrue(p.runUntil(() -> p.ra.messages.size() == 1 && p.rb.messages.size() == 1, 5_000));
    }

    @Test
    void peerInitAnsweredWhileClosedThenOwnConnectStillEstablishes() {
        // b answers a's INIT while not started (random tag in its INIT ACK), then connects itself:
        // a's COOKIE ECHO then carries the earlier tag and must still be accepted.
        Pair p = new Pair(12);
        p.a.connect();
        assertTrue(p.runUntil(() -> p.packetsBtoA >= 1, 1_000), "INIT ACK sent by the closed side");
        p.b.connect();
        assertTrue(p.runUntil(() -> p.ra.established && p.rb.established, 10_000));
        assertEquals(SendStatus.OK, p.a.send(0, 53, new byte[] {1}, 0, 1, SendOptions.RELIABLE_ORDERED));
        assertEquals(SendStatus.OK, p.b.send(1, 53, new byte[] {2}, 0, 1, SendOptions.RELIABLE_ORDERED));
        assertTrue(p.runUntil(() -> p.ra.messages.size() == 1 && p.rb.messages.size() == 1, 5_000));
    }

    @Test
    void lostInitIsRetransmittedAndGivesUpAfterTheLimit() {
        Pair p = new Pair(3);
        p.script = (fromA, pkt, t) -> fromA && firstChunk(pkt) == ChunkType.INIT && p.packetsAtoB == 1 ? null : pkt;
        assertTrue(p.connect(), "second INIT after T1 gets through");

        Pair q = new Pair(4);
        q.lossRate = 1.0;
        q.a.connect();
        q.advance(600_000);
        assertEquals(State.CLOSED, q.a.state());
        assertTrue(q.ra.closed.contains("handshake timed out"), q.ra.closed);
        assertEquals(1 + AssociationOptions.DEFAULTS.maxInitRetransmits(), q.packetsAtoB);
    }

    @Test
    void staleCookieIsRefusedAndTheClientStartsOver() {
        AssociationOptions o = AssociationOptions.DEFAULTS.withCookieLifetime(1000);
        Pair p = new Pair(o, o, 5);
        boolean[] droppedOne = {false};
        p.script = (fromA, pkt, t) -> {
            if (fromA && firstChunk(pkt) == ChunkType.COOKIE_ECHO && !droppedOne[0]) {
                droppedOne[0] = true;
                return null;
            }
            return pkt;
        };
        p.a.connect();
        assertTrue(p.runUntil(() -> p.ra.established && p.rb.established, 30_000));
        assertEquals(1, p.b.stats().staleCookies, "the retransmitted echo (2 s after INIT ACK) was stale");
        assertEquals(0, p.b.stats().forgedCookies);
    }

    @Test
    void forgedCookieIsDroppedSilently() {
        Pair p = new Pair(6);
        Crc32c crc = new Crc32c();
        boolean[] forged = {false};
        p.script = (fromA, pkt, t) -> {
            if (fromA && firstChunk(pkt) == ChunkType.COOKIE_ECHO && !forged[0]) {
                forged[0] = true;
                pkt[12 + 4 + 10] ^= 1; // one bit of the signed body (the peer tag)
                crc.write(pkt, 0, pkt.length);
            }
            return pkt;
        };
        p.a.connect();
        p.advance(500);
        assertEquals(State.CLOSED, p.b.state(), "no association from a forged cookie");
        assertEquals(1, p.b.stats().forgedCookies);
        assertEquals(1, p.packetsBtoA, "only the INIT ACK: nothing answers the forged echo");
        assertTrue(p.runUntil(() -> p.ra.established && p.rb.established, 10_000), "the retransmitted echo works");
    }

    @Test
    void abortReachesThePeerWithItsReason() {
        Pair p = new Pair(7);
        assertTrue(p.connect());
        p.a.abort("user left");
        assertTrue(p.runUntil(() -> p.rb.closed != null, 1000));
        assertEquals("aborted locally: user left", p.ra.closed);
        assertTrue(p.rb.closed.contains("user left"), p.rb.closed);
        assertEquals(State.CLOSED, p.b.state());
        assertEquals(SendStatus.NOT_OPEN, p.a.send(0, 53, new byte[1], 0, 1, SendOptions.RELIABLE_ORDERED));
    }

    @Test
    void shutdownDeliversQueuedDataFirst() {
        Pair p = new Pair(8);
        assertTrue(p.connect());
        p.lossRate = 0.1;
        for (int i = 0; i < 50; i++) {
            assertEquals(SendStatus.OK, p.a.send(0, 53, new byte[3000], 0, 3000, SendOptions.RELIABLE_ORDERED));
        }
        p.a.shutdown();
        assertEquals(SendStatus.NOT_OPEN, p.a.send(0, 53, new byte[1], 0, 1, SendOptions.RELIABLE_ORDERED));
        assertTrue(p.runUntil(() -> p.ra.closed != null && p.rb.closed != null, 120_000),
                "a=" + p.ra.closed + " b=" + p.rb.closed);
        assertEquals(50, p.rb.messages.size());
        assertEquals("shutdown complete", p.ra.closed);
        assertEquals("shutdown complete", p.rb.closed);
    }

    @Test
    void heartbeatsKeepAnIdleAssociationAndDetectADeadPeer() {
        Pair p = new Pair(9);
        assertTrue(p.connect());
        p.advance(100_000);
        assertTrue(p.a.stats().heartbeatsOut >= 2, "idle heartbeats: " + p.a.stats().heartbeatsOut);
        assertNull(p.ra.closed);
        assertEquals(State.ESTABLISHED, p.a.state());
        p.lossRate = 1.0;
        p.advance(3_600_000);
        assertTrue(p.ra.closed != null && p.ra.closed.contains("peer unreachable"), p.ra.closed);
    }

    @Test
    void connectTwiceIsRefused() {
        Pair p = new Pair(10);
        p.a.connect();
        assertThrows(IllegalStateException.class, p.a::connect);
    }

    @Test
    void optionsAreValidatedWithTheirNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AssociationOptions.DEFAULTS.withBuffers(1000, 10, 1000));
        assertTrue(e.getMessage().startsWith("sendBufferLimit must be in 1000.."), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AssociationOptions.DEFAULTS.withRto(1000, 2000, 5000));
        assertTrue(e.getMessage().startsWith("rtoMinMs"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SendOptions(true, 2, 100));
        assertTrue(e.getMessage().contains("not both"));
    }
}
