package io.junction.sctp.dcep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.junction.sctp.assoc.Pair;
import io.junction.sctp.assoc.SendOptions;
import io.junction.sctp.assoc.SendStatus;
import io.junction.sctp.assoc.State;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Data channels over an in-memory association pair: a = DTLS client, b = DTLS server. */
class DataChannelsTest {

    /** Records one channel's events. */
    static final class Log implements DataChannel.Listener {
        final List<Object> got = new ArrayList<>();
        int low;
        boolean open;
        boolean closed;

        @Override
        public void onOpen(DataChannel ch) {
            open = true;
        }

        @Override
        public void onText(DataChannel ch, String text) {
            got.add(text);
        }

        @Override
        public void onBinary(DataChannel ch, byte[] data) {
            got.add(data);
        }

        @Override
        public void onClosed(DataChannel ch) {
            closed = true;
        }

        @Override
        public void onBufferedAmountLow(DataChannel ch) {
            low++;
        }
    }

    private final Pair p = new Pair(100);
    private final DataChannels client = new DataChannels(p.a, true);
    private final DataChannels server = new DataChannels(p.b, false);
    private final List<DataChannel> remote = new ArrayList<>();
    private final List<Log> remoteLogs = new ArrayList<>();

    DataChannelsTest() {
        server.onChannel(ch -> {
            Log l = new Log();
            ch.setListener(l);
            remote.add(ch);
            remoteLogs.add(l);
        });
    }

    private void connect() {
        p.a.connect();
        assertTrue(p.runUntil(() -> p.a.state() == State.ESTABLISHED && p.b.state() == State.ESTABLISHED, 10_000));
    }

    @Test
    void openAnnouncesLabelProtocolAndCarriesTextAndBinary() {
        Log local = new Log();
        DataChannel ch = client.open("chat", ChannelOptions.RELIABLE.withProtocol("v1"), local);
        assertEquals(DataChannel.State.CONNECTING, ch.state(), "waits for the association");
        connect();
        assertTrue(local.open);
        assertTrue(p.runUntil(() -> remote.size() == 1, 1000));
        DataChannel r = remote.get(0);
        assertEquals("chat", r.label());
        assertEquals("v1", r.protocol());
        assertEquals(0, r.id(), "DTLS client: even ids");
        assertTrue(remoteLogs.get(0).open);

        Random rnd = new Random(3);
        byte[] big = new byte[262_144];
        rnd.nextBytes(big);
        assertEquals(SendStatus.OK, ch.send("héllo"));
        assertEquals(SendStatus.OK, ch.send(""));
        assertEquals(SendStatus.OK, ch.send(new byte[0]));
        assertEquals(SendStatus.OK, ch.send(new byte[] {7}));
        assertEquals(SendStatus.OK, ch.send(big));
        assertTrue(ch.bufferedAmount() > 262_144);
        assertTrue(p.runUntil(() -> remoteLogs.get(0).got.size() == 5, 30_000));
        List<Object> got = remoteLogs.get(0).got;
        assertEquals("héllo", got.get(0));
        assertEquals("", got.get(1), "PPID 56");
        assertArrayEquals(new byte[0], (byte[]) got.get(2), "PPID 57");
        assertArrayEquals(new byte[] {7}, (byte[]) got.get(3));
        assertArrayEquals(big, (byte[]) got.get(4));
        assertTrue(p.runUntil(() -> ch.bufferedAmount() == 0, 5_000));

        assertEquals(SendStatus.OK, r.send("back"));
        assertTrue(p.runUntil(() -> local.got.size() == 1, 1000));
        assertEquals("back", local.got.get(0));
    }

    @Test
    void bufferedAmountLowFiresOncePerDrain() {
        connect();
        Log local = new Log();
        DataChannel ch = client.open("bulk", ChannelOptions.RELIABLE, local);
        ch.setBufferedAmountLowThreshold(50_000);
        for (int i = 0; i < 20; i++) {
            assertEquals(SendStatus.OK, ch.send(new byte[10_000]));
        }
        assertTrue(ch.bufferedAmount() >= 200_000, "user bytes (plus the DATA_CHANNEL_OPEN until acked)");
        assertTrue(p.runUntil(() -> local.low == 1, 10_000));
        assertTrue(ch.bufferedAmount() <= 50_000);
        assertTrue(p.runUntil(() -> ch.bufferedAmount() == 0, 10_000));
        assertEquals(1, local.low, "once per crossing");
        assertThrows(IllegalArgumentException.class, () -> ch.setBufferedAmountLowThreshold(-1));
    }

    @Test
    void streamIdsFollowTheDtlsRole() {
        connect();
        Log l = new Log();
        assertEquals(0, client.open("a", ChannelOptions.RELIABLE, l).id());
        assertEquals(2, client.open("b", ChannelOptions.RELIABLE, l).id());
        assertEquals(1, server.open("c", ChannelOptions.RELIABLE, l).id());
        assertEquals(3, server.open("d", ChannelOptions.RELIABLE, l).id());
        List<DataChannel> atClient = new ArrayList<>();
        client.onChannel(atClient::add);
        assertTrue(p.runUntil(() -> remote.size() == 2 && atClient.size() == 2, 1000));
        assertEquals(1, atClient.get(0).id());
        assertEquals("d", atClient.get(1).label());
    }

    @Test
    void negotiatedChannelsSkipDcep() {
        connect();
        Log a = new Log();
        Log b = new Log();
        DataChannel ca = client.open("pre", ChannelOptions.RELIABLE.negotiatedId(7), a);
        DataChannel cb = server.open("pre", ChannelOptions.RELIABLE.negotiatedId(7), b);
        assertTrue(a.open && b.open);
        ca.send("x");
        cb.send("y");
        assertTrue(p.runUntil(() -> a.got.size() == 1 && b.got.size() == 1, 1000));
        assertEquals("x", b.got.get(0));
        assertTrue(remote.isEmpty(), "no DATA_CHANNEL_OPEN was sent");
        assertThrows(IllegalArgumentException.class, () -> client.open("dup", ChannelOptions.RELIABLE.negotiatedId(7), a));
    }

    @Test
    void closeResetsBothDirectionsAndFreesTheId() {
        connect();
        Log local = new Log();
        DataChannel ch = client.open("x", ChannelOptions.RELIABLE, local);
        assertTrue(p.runUntil(() -> remote.size() == 1, 1000));
        ch.send("last words");
        ch.close();
        assertEquals(DataChannel.State.CLOSING, ch.state());
        assertEquals(SendStatus.NOT_OPEN, ch.send("too late"));
        assertTrue(p.runUntil(() -> local.closed && remoteLogs.get(0).closed, 5_000));
        assertEquals(DataChannel.State.CLOSED, ch.state());
        assertEquals(DataChannel.State.CLOSED, remote.get(0).state());
        assertEquals(List.of("last words"), remoteLogs.get(0).got);
        assertNull(client.channel(0));
        DataChannel again = client.open("y", ChannelOptions.RELIABLE.negotiatedId(0), new Log());
        assertEquals(0, again.id(), "the stream is free again");
    }

    @Test
    void maxRetransmitsZeroOnALossyLinkNeverBlocks() {
        connect();
        Log local = new Log();
        DataChannel ch = client.open("lossy", ChannelOptions.RELIABLE.unordered().withMaxRetransmits(0), local);
        assertTrue(p.runUntil(() -> remote.size() == 1, 1000));
        assertEquals(0, remote.get(0).options().maxRetransmits());
        assertFalse(remote.get(0).options().ordered());
        p.lossRate = 0.10;
        for (int i = 0; i < 1000; i++) {
            assertEquals(SendStatus.OK, ch.send("m" + i));
            p.advance(10);
        }
        p.advance(5_000);
        assertEquals(0, ch.bufferedAmount());
        int got = remoteLogs.get(0).got.size();
        assertTrue(got > 850 && got < 950, "delivered " + got);
    }

    @Test
    void abortClosesEveryChannel() {
        connect();
        Log local = new Log();
        client.open("x", ChannelOptions.RELIABLE, local);
        String[] reason = new String[1];
        server.onClosed(r -> reason[0] = r);
        assertTrue(p.runUntil(() -> remote.size() == 1, 1000));
        p.a.abort("bye");
        assertTrue(p.runUntil(() -> reason[0] != null, 1000));
        assertTrue(local.closed && remoteLogs.get(0).closed);
        assertTrue(reason[0].contains("bye"), reason[0]);
    }

    @Test
    void anOpenOnAStreamInUseOrMalformedIsRefused() {
        connect();
        Log local = new Log();
        DataChannel mine = client.open("mine", ChannelOptions.RELIABLE, local);
        assertTrue(p.runUntil(() -> remote.size() == 1, 1000));
        byte[] open = DcepMessage.open("evil", ChannelOptions.RELIABLE);
        // the server opens on the stream the client's channel already uses
        assertEquals(SendStatus.OK, p.b.send(mine.id(), Ppid.DCEP, open, 0, open.length, SendOptions.RELIABLE_ORDERED));
        byte[] junk = {9, 9, 9};
        p.a.send(4, Ppid.DCEP, junk, 0, junk.length, SendOptions.RELIABLE_ORDERED);
        p.a.send(6, Ppid.STRING, junk, 0, junk.length, SendOptions.RELIABLE_ORDERED);
        p.advance(1000);
        assertEquals(1, remote.size(), "only the client's own channel reached the server");
        assertEquals(2, server.droppedMessages(), "junk DCEP and data on a stream without a channel");
        assertEquals(1, client.droppedMessages(), "the OPEN on a stream in use");
        assertEquals(DataChannel.State.OPEN, mine.state(), "the channel in use is untouched");
    }

    @Test
    void anOpenWithTheOtherParityIsAcceptedAndItsIdIsNotReused() {
        // werift picks its parity from the ICE role: as the controlling DTLS client it opens odd ids
        connect();
        byte[] open = DcepMessage.open("odd", ChannelOptions.RELIABLE);
        assertEquals(SendStatus.OK, p.a.send(1, Ppid.DCEP, open, 0, open.length, SendOptions.RELIABLE_ORDERED));
        assertTrue(p.runUntil(() -> remote.size() == 1, 1000));
        assertEquals(1, remote.get(0).id());
        assertEquals("odd", remote.get(0).label());
        DataChannel fromServer = server.open("next", ChannelOptions.RELIABLE, new Log());
        assertEquals(3, fromServer.id(), "the server skips the stream the peer took");
    }
}
