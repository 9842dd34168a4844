package io.junction.sfu.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.junction.sctp.dcep.ChannelOptions;
import io.junction.sctp.dcep.DataChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Relay through the room with in-memory participants ({@link DataRoomFixture}): envelopes, DCEP
 * opens toward receivers, the two backpressure outcomes, targeted delivery and application members.
 */
class DataRoomTest extends DataRoomFixture {
    @Test
    void textAndBinaryReachEveryOtherParticipantWithTheSender() {
        DataRoom room = new DataRoom();
        Peer a = new Peer(room, "alice", 1);
        Peer b = new Peer(room, "bob", 2);
        Peer c = new Peer(room, "carol", 3);
        drain();
        DataChannel chat = a.client.channels().open("chat", ChannelOptions.RELIABLE, a.recorder);
        drain();
        chat.send("hi \"all\"");
        drain();
        assertEquals(List.of("chat {\"from\":\"alice\",\"data\":\"hi \\\"all\\\"\"}"), b.texts);
        assertEquals(b.texts, c.texts);
        assertEquals(List.of(), a.texts, "no echo to the sender");
        assertEquals(1, b.channelsFromServer.size());
        assertEquals("chat", b.channelsFromServer.get(0).label());

        byte[] big = new byte[256 * 1024];
        new Random(5).nextBytes(big);
        chat.send(big);
        drain();
        DataEnvelope.Binary got = DataEnvelope.parseBinary(c.binaries.get(0));
        assertNotNull(got);
        assertEquals("alice", got.from());
        assertArrayEquals(big, got.payload());

        // Bob answers on the channel the server opened toward him: it reaches Alice's own channel.
        b.channelsFromServer.get(0).send(new byte[] {7});
        drain();
        DataEnvelope.Binary toAlice = DataEnvelope.parseBinary(a.binaries.get(0));
        assertEquals("bob", toAlice.from());
        assertArrayEquals(new byte[] {7}, toAlice.payload());
        assertEquals(1, c.channelsFromServer.size(), "carol's channel is reused");
        DataStats s = room.stats();
        assertEquals(3, s.received());
        assertEquals(6, s.delivered());
    }

    @Test
    void unreliableReceiverOverItsBoundDropsAndCounts() {
        DataRoom room = new DataRoom(8 * 1024);
        Peer a = new Peer(room, "a", 11);
        Peer b = new Peer(room, "b", 12);
        drain();
        DataChannel cursor = a.client.channels().open("cursor",
                ChannelOptions.RELIABLE.unordered().withMaxRetransmits(0), a.recorder);
        cursor.send("x");
        drain();
        assertEquals(1, b.texts.size());
        b.toClientBlocked = true;
        for (int i = 0; i < 20; i++) {
            cursor.send(new byte[1000]);
            drain();
        }
        DataStats s = room.stats();
        assertTrue(s.droppedUnreliable() > 0, s.toString());
        assertEquals(0, s.cutOff());
        assertEquals(DataChannel.State.OPEN, b.channelsFromServer.get(0).state());
    }

    @Test
    void reliableReceiverOverItsBoundIsCutOffWithAReason() {
        DataRoom room = new DataRoom(8 * 1024);
        Peer a = new Peer(room, "a", 21);
        Peer b = new Peer(room, "b", 22);
        Peer c = new Peer(room, "c", 23);
        drain();
        DataChannel chat = a.client.channels().open("chat", ChannelOptions.RELIABLE, a.recorder);
        chat.send("x");
        drain();
        b.toClientBlocked = true;
        for (int i = 0; i < 20; i++) {
            chat.send(new byte[1000]);
            drain();
        }
        assertEquals(1, room.stats().cutOff());
        assertEquals(20, c.binaries.size(), "the fast receiver got everything");
        b.toClientBlocked = false;
        for (int i = 0; i < 200 && b.channelsFromServer.get(0).state() != DataChannel.State.CLOSED; i++) {
            now += 1000; // retransmissions reach b now
            room.tick(now);
            b.client.tick(now);
            drain();
        }
        assertTrue(b.texts.get(b.texts.size() - 1).startsWith("chat {\"server\":\"cut-off\",\"reason\":\"receiver too slow"),
                b.texts.toString());
        assertEquals(DataChannel.State.CLOSED, b.channelsFromServer.get(0).state());
        // Further messages are not reopened toward b.
        chat.send("after");
        drain();
        assertEquals(1, room.stats().cutOff());
        assertTrue(c.texts.get(c.texts.size() - 1).endsWith("\"after\"}"));
        assertEquals(1, b.channelsFromServer.size());
    }

    @Test
    void addressedChannelDeliversOnlyToTheNamedParticipants() {
        DataRoom room = new DataRoom();
        Peer a = new Peer(room, "alice", 31);
        Peer b = new Peer(room, "bob", 32);
        Peer c = new Peer(room, "carol", 33);
        drain();
        DataChannel dm = a.client.channels().open("dm", ChannelOptions.RELIABLE.withProtocol(DataAddress.PROTOCOL),
                a.recorder);
        drain();
        dm.send(DataAddress.text(List.of("bob"), "psst"));
        drain();
        assertEquals(List.of("dm {\"from\":\"alice\",\"data\":\"psst\"}"), b.texts);
        assertEquals(List.of(), c.texts, "carol is not named");
        dm.send(DataAddress.binary(List.of("carol", "bob"), new byte[] {5, 6}));
        drain();
        for (Peer p : List.of(b, c)) {
            DataEnvelope.Binary got = DataEnvelope.parseBinary(p.binaries.get(0));
            assertEquals("alice", got.from());
            assertArrayEquals(new byte[] {5, 6}, got.payload());
        }
        dm.send("{\"data\":\"everyone\"}");
        drain();
        assertEquals(2, b.texts.size());
        assertEquals(1, c.texts.size());
        assertTrue(c.texts.get(0).endsWith("\"data\":\"everyone\"}"));
        assertEquals(DataAddress.PROTOCOL, c.channelsFromServer.get(0).protocol(), "opened with the sender's options");

        // Unknown recipients (and the sender itself) are counted, and the sender is told.
        dm.send(DataAddress.text(List.of("nobody", "bob", "alice"), "x"));
        drain();
        assertEquals(3, b.texts.size());
        assertEquals(List.of("dm {\"server\":\"unknown-target\",\"reason\":\"no other participant 'nobody' with data"
                + " channels in the room\"}", "dm {\"server\":\"unknown-target\",\"reason\":\"no other participant"
                + " 'alice' with data channels in the room\"}"), a.texts);
        // Not following the format: dropped whole, counted, the sender told.
        dm.send("plain text");
        drain();
        assertEquals(3, b.texts.size());
        assertTrue(a.texts.get(2).startsWith("dm {\"server\":\"bad-envelope\""), a.texts.toString());
        // Bob answers on the server-opened addressed channel, to Alice only.
        b.channelsFromServer.get(0).send(DataAddress.text(List.of("alice"), "back"));
        drain();
        assertEquals("dm {\"from\":\"bob\",\"data\":\"back\"}", a.texts.get(3));
        assertEquals(1, c.texts.size());
        DataStats s = room.stats();
        assertEquals(2, s.unknownTarget());
        assertEquals(1, s.badEnvelope());
        assertEquals(6, s.received());
        assertEquals(7, s.delivered());
    }

    @Test
    void applicationMemberReceivesAndSends() {
        DataRoom room = new DataRoom();
        Peer a = new Peer(room, "alice", 41);
        Peer b = new Peer(room, "bob", 42);
        drain();
        List<String> got = new ArrayList<>();
        room.attach("app", (label, from, text, binary) -> got.add(label + " " + from + " "
                + (text != null ? text : binary.length + " bytes")));
        DataChannel chat = a.client.channels().open("chat", ChannelOptions.RELIABLE, a.recorder);
        drain();
        chat.send("to all");
        chat.send(new byte[3]);
        drain();
        assertEquals(List.of("chat alice to all", "chat alice 3 bytes"), got);
        assertEquals(0, room.send("app", "chat", ChannelOptions.RELIABLE, List.of("alice"), "only you", null));
        drain();
        assertEquals(List.of("chat {\"from\":\"app\",\"data\":\"only you\"}"), a.texts);
        assertEquals(1, b.texts.size(), "bob got alice's message only");
        assertEquals(1, room.send("app", "news", ChannelOptions.RELIABLE, List.of("ghost", "bob"), null, new byte[] {1}));
        drain();
        assertEquals("app", DataEnvelope.parseBinary(b.binaries.get(1)).from());
        assertEquals(1, room.stats().unknownTarget());
        room.attach("app", (label, from, text, binary) -> {
            throw new IllegalStateException("application bug");
        });
        chat.send("survives");
        drain();
        assertEquals(2, b.texts.size());
        room.detach("app");
        chat.send("gone");
        drain();
        assertEquals(2, got.size());
    }
}
