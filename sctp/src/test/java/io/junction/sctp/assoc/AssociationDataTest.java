package io.junction.sctp.assoc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** DATA transfer: fragmentation, ordering, loss recovery, partial reliability, stream reset. */
class AssociationDataTest {
    private static final int[] SIZES = {1, 2, 100, 1171, 1172, 1173, 2345, 4096, 65_535, 100_000, 262_144};

    private static byte[] payload(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    /** Sends while the queue has room, running the link when it is full. */
    private static void sendAll(Pair p, Association from, int stream, long ppid, List<byte[]> msgs, SendOptions o) {
        for (byte[] m : msgs) {
            while (from.send(stream, ppid, m, 0, m.length, o) == SendStatus.QUEUE_FULL) {
                p.advance(50);
            }
        }
    }

    @Test
    void oneByteTo256KiBTextAndBinaryBothWays() {
        Pair p = new Pair(11);
        assertTrue(p.connect());
        Random r = new Random(1);
        List<byte[]> sent = new ArrayList<>();
        for (int n : SIZES) {
            byte[] bin = payload(r, n);
            byte[] text = "ä".repeat((n + 1) / 2).substring(0, Math.max(1, n / 2)).getBytes(StandardCharsets.UTF_8);
            assertEquals(SendStatus.OK, p.a.send(0, 53, bin, 0, bin.length, SendOptions.RELIABLE_ORDERED));
            assertEquals(SendStatus.OK, p.b.send(1, 51, text, 0, text.length, SendOptions.RELIABLE_ORDERED));
            sent.add(bin);
            sent.add(text);
        }
        assertTrue(p.runUntil(() -> p.rb.messages.size() == SIZES.length && p.ra.messages.size() == SIZES.length,
                60_000));
        for (int i = 0; i < SIZES.length; i++) {
            assertArrayEquals(sent.get(2 * i), p.rb.messages.get(i).data(), "binary " + SIZES[i]);
            assertEquals(53, p.rb.messages.get(i).ppid());
            assertArrayEquals(sent.get(2 * i + 1), p.ra.messages.get(i).data(), "text " + SIZES[i]);
            assertEquals(1, p.ra.messages.get(i).stream());
        }
        assertTrue(p.runUntil(() -> p.a.bufferedAmount() == 0 && p.b.bufferedAmount() == 0, 10_000));
        assertEquals(0, p.a.stats().retransmissions, "no loss, no retransmission");
    }

    @Test
    void tenPercentLossReliableOrderedDeliversEverythingInOrder() {
        Pair p = new Pair(12);
        assertTrue(p.connect());
        p.lossRate = 0.10;
        Random r = new Random(2);
        List<byte[]> msgs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            msgs.add(payload(r, i % 10 == 0 ? 20_000 + r.nextInt(40_000) : 1 + r.nextInt(3000)));
        }
        msgs.add(payload(r, 262_144));
        sendAll(p, p.a, 3, 53, msgs, SendOptions.RELIABLE_ORDERED);
        assertTrue(p.runUntil(() -> p.rb.messages.size() == msgs.size(), 600_000),
                p.rb.messages.size() + " of " + msgs.size() + "; " + p.a.stats());
        for (int i = 0; i < msgs.size(); i++) {
            assertArrayEquals(msgs.get(i), p.rb.messages.get(i).data(), "message " + i);
        }
        assertTrue(p.a.stats().retransmissions > 0 && p.a.stats().fastRetransmits > 0, p.a.stats().toString());
        assertTrue(p.runUntil(() -> p.a.bufferedAmount() == 0, 60_000));
        assertEquals(0, p.b.stats().dataDropped);
    }

    @Test
    void unorderedDeliversAllWithoutHeadOfLineBlocking() {
        Pair p = new Pair(13);
        assertTrue(p.connect());
        p.lossRate = 0.10;
        List<byte[]> msgs = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            msgs.add(("m" + i).getBytes(StandardCharsets.UTF_8));
        }
        sendAll(p, p.a, 2, 51, msgs, SendOptions.RELIABLE_UNORDERED);
        assertTrue(p.runUntil(() -> p.rb.messages.size() == msgs.size(), 600_000));
        Set<String> got = new HashSet<>();
        List<String> order = new ArrayList<>();
        for (Recorder.Msg m : p.rb.messages) {
            String s = new String(m.data(), StandardCharsets.UTF_8);
            got.add(s);
            order.add(s);
        }
        assertEquals(msgs.size(), got.size(), "each message exactly once");
        List<String> sentOrder = msgs.stream().map(m -> new String(m, StandardCharsets.UTF_8)).toList();
        assertNotEquals(sentOrder, order, "later messages overtake lost ones");
    }

    @Test
    void maxRetransmitsZeroLosesAboutWhatTheLinkLosesAndNeverBlocks() {
        Pair p = new Pair(14);
        assertTrue(p.connect());
        p.lossRate = 0.10;
        SendOptions o = new SendOptions(true, 0, -1);
        int n = 2000;
        for (int i = 0; i < n; i++) {
            byte[] m = ("#" + i).getBytes(StandardCharsets.UTF_8);
            assertEquals(SendStatus.OK, p.a.send(4, 51, m, 0, m.length, o));
            p.advance(10);
        }
        p.runUntil(() -> p.a.bufferedAmount() == 0 && p.a.nextTimeout() == Long.MAX_VALUE - 0, 60_000);
        assertEquals(0, p.a.bufferedAmount(), "nothing stays queued");
        int got = p.rb.messages.size();
        double lost = 1.0 - got / (double) n;
        assertTrue(lost > 0.05 && lost < 0.16, "lost " + lost);
        int last = -1;
        for (Recorder.Msg m : p.rb.messages) {
            int i = Integer.parseInt(new String(m.data(), StandardCharsets.UTF_8).substring(1));
            assertTrue(i > last, "ordered: " + i + " after " + last);
            last = i;
        }
        assertTrue(p.a.stats().forwardTsnsOut > 0 && p.b.stats().forwardTsnsIn > 0);
        assertTrue(p.a.stats().messagesAbandoned > 0);
        assertEquals(0, p.a.stats().retransmissions, "abandoned, never retransmitted");
        byte[] after = {42};
        p.lossRate = 0;
        p.a.send(4, 53, after, 0, 1, SendOptions.RELIABLE_ORDERED);
        assertTrue(p.runUntil(() -> p.rb.messages.get(p.rb.messages.size() - 1).data().length == 1, 5_000),
                "the stream still works after the skips");
    }

    @Test
    void lifetimeAbandonsOldMessagesWithForwardTsn() {
        Pair p = new Pair(15);
        assertTrue(p.connect());
        p.lossRate = 0.10;
        SendOptions o = new SendOptions(false, -1, 300);
        for (int i = 0; i < 500; i++) {
            byte[] m = new byte[500];
            assertEquals(SendStatus.OK, p.a.send(6, 53, m, 0, m.length, o));
            p.advance(20);
        }
        p.advance(5_000);
        assertEquals(0, p.a.bufferedAmount());
        assertTrue(p.a.stats().messagesAbandoned > 0 && p.b.stats().forwardTsnsIn > 0, p.a.stats().toString());
        int got = p.rb.messages.size();
        assertTrue(got > 400 && got < 500, "delivered " + got);
    }

    @Test
    void streamResetRestartsSequenceNumbersAndTellsBothSides() {
        Pair p = new Pair(16);
        assertTrue(p.connect());
        for (int i = 0; i < 3; i++) {
            p.a.send(8, 51, new byte[] {(byte) i}, 0, 1, SendOptions.RELIABLE_ORDERED);
        }
        assertTrue(p.a.resetStreams(8));
        assertTrue(p.runUntil(() -> !p.rb.incomingResets.isEmpty() && !p.ra.outgoingResets.isEmpty(), 5_000));
        assertEquals(3, p.rb.messages.size(), "data sent before the reset arrives first");
        assertArrayEquals(new int[] {8}, p.rb.incomingResets.get(0));
        assertArrayEquals(new int[] {8}, p.ra.outgoingResets.get(0));
        p.b.resetStreams(8);
        assertTrue(p.runUntil(() -> !p.ra.incomingResets.isEmpty() && !p.rb.outgoingResets.isEmpty(), 5_000));
        p.a.send(8, 51, new byte[] {9}, 0, 1, SendOptions.RELIABLE_ORDERED);
        assertTrue(p.runUntil(() -> p.rb.messages.size() == 4, 5_000), "SSN 0 again on the reused stream");
    }

    @Test
    void streamResetWaitsForDataStillInFlight() {
        Pair p = new Pair(17);
        assertTrue(p.connect());
        p.lossRate = 0.3;
        for (int i = 0; i < 20; i++) {
            p.a.send(10, 53, new byte[2000], 0, 2000, SendOptions.RELIABLE_ORDERED);
        }
        p.a.resetStreams(10);
        assertTrue(p.runUntil(() -> !p.rb.incomingResets.isEmpty() && !p.ra.outgoingResets.isEmpty(), 120_000));
        assertEquals(20, p.rb.messages.size());
    }

    @Test
    void sendRefusals() {
        AssociationOptions small = AssociationOptions.DEFAULTS.withBuffers(10_000, 20_000, 1_000_000);
        Pair p = new Pair(small, AssociationOptions.DEFAULTS, 18);
        assertEquals(SendStatus.NOT_OPEN, p.a.send(0, 53, new byte[1], 0, 1, SendOptions.RELIABLE_ORDERED));
        assertTrue(p.connect());
        assertEquals(SendStatus.EMPTY, p.a.send(0, 53, new byte[0], 0, 0, SendOptions.RELIABLE_ORDERED));
        assertEquals(SendStatus.TOO_LARGE, p.a.send(0, 53, new byte[10_001], 0, 10_001, SendOptions.RELIABLE_ORDERED));
        assertEquals(SendStatus.INVALID_STREAM, p.a.send(65535, 53, new byte[1], 0, 1, SendOptions.RELIABLE_ORDERED));
        assertEquals(SendStatus.OK, p.a.send(0, 53, new byte[10_000], 0, 10_000, SendOptions.RELIABLE_ORDERED));
        assertEquals(SendStatus.OK, p.a.send(0, 53, new byte[10_000], 0, 10_000, SendOptions.RELIABLE_ORDERED));
        assertEquals(SendStatus.QUEUE_FULL, p.a.send(0, 53, new byte[1], 0, 1, SendOptions.RELIABLE_ORDERED));
        assertEquals(20_000, p.a.bufferedAmount(0));
        assertTrue(p.runUntil(() -> p.a.bufferedAmount() == 0, 5_000));
        assertEquals(SendStatus.OK, p.a.send(0, 53, new byte[1], 0, 1, SendOptions.RELIABLE_ORDERED));
    }

    @Test
    void oversizedIncomingMessageAbortsWithAReason() {
        AssociationOptions small = AssociationOptions.DEFAULTS.withBuffers(65_536, 1_000_000, 1_000_000);
        Pair p = new Pair(AssociationOptions.DEFAULTS, small, 19);
        assertTrue(p.connect());
        assertEquals(SendStatus.OK, p.a.send(0, 53, new byte[100_000], 0, 100_000, SendOptions.RELIABLE_ORDERED));
        assertTrue(p.runUntil(() -> p.ra.closed != null && p.rb.closed != null, 10_000));
        assertTrue(p.rb.closed.contains("receive limit exceeded"), p.rb.closed);
        assertTrue(p.ra.closed.startsWith("aborted by peer") && p.ra.closed.contains("receive limit"), p.ra.closed);
        assertEquals(0, p.rb.messages.size());
    }

    @Test
    void congestionWindowGrowsFromItsInitialValue() {
        Pair p = new Pair(20);
        assertTrue(p.connect());
        long initial = p.a.cwnd();
        assertEquals(4404, initial, "RFC 9260 §7.2.1 min(4*MTU, max(2*MTU, 4404)) for MTU 1200");
        for (int i = 0; i < 100; i++) {
            p.a.send(0, 53, new byte[10_000], 0, 10_000, SendOptions.RELIABLE_ORDERED);
        }
        assertTrue(p.runUntil(() -> p.a.bufferedAmount() == 0, 60_000));
        assertTrue(p.a.cwnd() > 10 * initial, "cwnd " + p.a.cwnd());
        assertTrue(p.a.rtoMs() >= 1000, "RTO.Min");
    }
}
