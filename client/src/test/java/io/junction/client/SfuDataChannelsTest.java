package io.junction.client;

import static io.junction.client.LoopbackRoom.connect;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.junction.sctp.assoc.SendStatus;
import io.junction.sctp.dcep.ChannelOptions;
import io.junction.sfu.data.DataAddress;
import io.junction.sfu.sdp.SctpDescription;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Data channels through the SFU over loopback: two Java participants exchange text and binary
 * messages (1 B to 256 KiB), ordered and unordered, each message naming its sender. Alice offers
 * her data section with her media in her first offer; Bob adds his by a later re-offer.
 */
class SfuDataChannelsTest {
    private LoopbackRoom room;

    @BeforeEach
    void start() throws Exception {
        room = new LoopbackRoom();
    }

    @AfterEach
    void stop() {
        room.close();
    }

    private static ClientDataChannels.Message next(ClientDataChannels.Channel ch) throws InterruptedException {
        ClientDataChannels.Message m = ch.received().poll(15, TimeUnit.SECONDS);
        assertNotNull(m, "no message on " + ch.label() + " within 15 s");
        return m;
    }

    @Test
    void twoJavaParticipantsExchangeTextAndBinaryThroughTheServer() throws Exception {
        SfuParticipantClient alice = room.join("data1", "alice", true);
        ClientDataChannels aliceData = alice.dataChannels(); // in the first offer, bundled with media
        connect(alice);
        SfuParticipantClient bob = room.join("data1", "bob", false);
        connect(bob);
        ClientDataChannels bobData = bob.dataChannels(); // added later by a re-offer

        ClientDataChannels.Channel aChat = aliceData.open("chat", ChannelOptions.RELIABLE).get(15, TimeUnit.SECONDS);
        ClientDataChannels.Channel bChat;
        try {
            bChat = bobData.open("chat", ChannelOptions.RELIABLE).get(15, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("bob's channel did not open: " + bobData.describe(), e);
        }

        assertEquals(SendStatus.OK, aChat.send("hello from alice").get(5, TimeUnit.SECONDS));
        ClientDataChannels.Message m = next(bChat);
        assertEquals(alice.id(), m.from());
        assertEquals("hello from alice", m.text());
        assertEquals(SendStatus.OK, bChat.send("héllo 😀").get(5, TimeUnit.SECONDS));
        m = next(aChat);
        assertEquals(bob.id(), m.from());
        assertEquals("héllo 😀", m.text());

        Random r = new Random(17);
        int max = (int) SctpDescription.ADVERTISED_MAX_MESSAGE_SIZE; // 256 KiB less the envelope reserve
        assertEquals(max, aliceData.maxMessageSize());
        for (int size : new int[] {1, 1000, 1200, 65536, max}) {
            byte[] data = new byte[size];
            r.nextBytes(data);
            assertEquals(SendStatus.OK, aChat.send(data).get(5, TimeUnit.SECONDS), "size " + size);
            m = next(bChat);
            assertEquals(alice.id(), m.from(), "size " + size);
            assertArrayEquals(data, m.binary(), "size " + size);
        }
        byte[] big = new byte[max];
        r.nextBytes(big);
        assertEquals(SendStatus.OK, bChat.send(big).get(5, TimeUnit.SECONDS));
        assertArrayEquals(big, next(aChat).binary());
        assertEquals(SendStatus.TOO_LARGE, bChat.send(new byte[max + 1]).get(5, TimeUnit.SECONDS),
                "over the server's a=max-message-size, refused at the sender like a browser's send()");
        assertEquals(SendStatus.TOO_LARGE, bChat.send("é".repeat(max / 2 + 1)).get(5, TimeUnit.SECONDS));
        String text = "x".repeat(max - 10) + "0123456789";
        assertEquals(SendStatus.OK, bChat.send(text).get(5, TimeUnit.SECONDS));
        assertEquals(text, next(aChat).text());

        // Ordered: 200 messages arrive in order.
        for (int i = 0; i < 200; i++) {
            assertEquals(SendStatus.OK, aChat.send("n" + i).get(5, TimeUnit.SECONDS));
        }
        for (int i = 0; i < 200; i++) {
            assertEquals("n" + i, next(bChat).text());
        }

        // Unordered (reliable): opened by Alice only; the server opens it toward Bob with her options.
        ClientDataChannels.Channel aCursor = aliceData.open("cursor", ChannelOptions.RELIABLE.unordered())
                .get(15, TimeUnit.SECONDS);
        Set<String> sent = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            sent.add("c" + i);
            assertEquals(SendStatus.OK, aCursor.send("c" + i).get(5, TimeUnit.SECONDS));
        }
        ClientDataChannels.Channel bCursor = bobData.channel("cursor").get(15, TimeUnit.SECONDS);
        Set<String> got = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            ClientDataChannels.Message c = next(bCursor);
            assertEquals(alice.id(), c.from());
            got.add(c.text());
        }
        assertEquals(sent, got);
        byte[] one = {42};
        assertEquals(SendStatus.OK, aCursor.send(one).get(5, TimeUnit.SECONDS));
        assertArrayEquals(one, next(bCursor).binary());
        assertEquals(0, aliceData.inboundDropped() + bobData.inboundDropped());
    }

    @Test
    void addressedMessagesReachOnlyTheNamedParticipant() throws Exception {
        // Each adds its data section by a re-offer once connected (the path the first test takes
        // for bob). Calling dataChannels() while the join's first offer is being sent can leave
        // the data section out for good (about 1 run in 10 here): a known client race, not what
        // this test is about.
        SfuParticipantClient alice = room.join("data2", "alice", true);
        connect(alice);
        ClientDataChannels aliceData = alice.dataChannels();
        SfuParticipantClient bob = room.join("data2", "bob", true);
        connect(bob);
        ClientDataChannels bobData = bob.dataChannels();
        SfuParticipantClient carol = room.join("data2", "carol", true);
        connect(carol);
        ClientDataChannels carolData = carol.dataChannels();
        ClientDataChannels.Channel aDm = aliceData.open("dm", ChannelOptions.RELIABLE.withProtocol(DataAddress.PROTOCOL))
                .get(15, TimeUnit.SECONDS);
        ClientDataChannels.Channel cDm;
        try {
            cDm = carolData.open("dm", ChannelOptions.RELIABLE.withProtocol(DataAddress.PROTOCOL)).get(15, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("carol's channel did not open: " + carolData.describe(), e);
        }

        assertEquals(SendStatus.OK, aDm.sendTo(List.of(bob.id()), "for bob only").get(5, TimeUnit.SECONDS));
        assertEquals(SendStatus.OK, aDm.sendTo(List.of(bob.id()), new byte[] {1, 2}).get(5, TimeUnit.SECONDS));
        assertEquals(SendStatus.OK, aDm.sendTo(List.of("no-such-id"), "lost").get(5, TimeUnit.SECONDS));
        assertEquals(SendStatus.OK, aDm.sendTo(List.of(), "for everyone").get(5, TimeUnit.SECONDS));
        ClientDataChannels.Channel bDm = bobData.channel("dm").get(15, TimeUnit.SECONDS);
        ClientDataChannels.Message m = next(bDm);
        assertEquals(alice.id(), m.from());
        assertEquals("for bob only", m.text());
        m = next(bDm);
        assertArrayEquals(new byte[] {1, 2}, m.binary());
        assertEquals("for everyone", next(bDm).text());
        m = next(cDm);
        assertEquals("for everyone", m.text(), "carol's first message is the room-wide one");
        m = next(aDm);
        assertEquals(null, m.from());
        assertTrue(m.notice().startsWith("unknown-target: no other participant 'no-such-id'"), m.notice());
        // Carol answers Alice privately.
        assertEquals(SendStatus.OK, cDm.sendTo(List.of(alice.id()), "hi alice").get(5, TimeUnit.SECONDS));
        m = next(aDm);
        assertEquals(carol.id(), m.from());
        assertEquals("hi alice", m.text());
    }
}
