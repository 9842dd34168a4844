package io.junction.sfu.bwe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.junction.rtp.rtcp.TransportCcReader;
import io.junction.rtp.rtcp.TransportCcWriter;
import org.junit.jupiter.api.Test;

/** {@link SentPacketHistory}, {@link FeedbackMatcher}, {@link ProbeResultEstimator}, REMB fallback. */
class FeedbackPathTest {
    private final TransportCcWriter writer = new TransportCcWriter(256);
    private final TransportCcReader reader = new TransportCcReader();
    private final byte[] buf = new byte[1500];

    /** A feedback from {@code base}: arrival µs per packet, or -1 for lost. */
    private TransportCcReader feedback(int base, long... arrivals) {
        long first = -1;
        for (long a : arrivals) {
            if (a >= 0) {
                first = a;
                break;
            }
        }
        writer.resetAt(1, 2, base, first, 0);
        for (long a : arrivals) {
            assertTrue(a < 0 ? writer.addLost() : writer.addReceivedAt(a));
        }
        int len = writer.write(buf, 0);
        assertTrue(reader.reset(buf, 0, len));
        return reader;
    }

    @Test
    void matchesAcksLossesDuplicatesAndUnknowns() {
        SentPacketHistory h = new SentPacketHistory(64);
        for (int s = 0; s < 5; s++) {
            h.onSent(65534 + s, s * 1000L, 100 + s, -1); // crosses 65535 -> 0
        }
        FeedbackMatcher m = new FeedbackMatcher();
        PacketFeedbackBatch b = new PacketFeedbackBatch(16);
        m.match(feedback(65534, 50_000, -1, 52_000), h, b);
        assertEquals(2, b.count());
        assertEquals(1, b.lost());
        assertEquals(0, b.sendTimeUs(0));
        assertEquals(2000, b.sendTimeUs(1));
        assertEquals(102, b.size(1));
        assertEquals(2000, b.arrivalTimeUs(1) - b.arrivalTimeUs(0));

        // overlapping, repeated feedback: the lost one arrived late, 0 and 1 are new, 2 was never sent
        m.match(feedback(65534, 50_000, 53_000, 52_000, 54_000, 55_000, 56_000), h, b);
        assertEquals(3, b.count(), "65535 (late), 0 and 1");
        assertEquals(0, b.lost());
        assertEquals(1000, b.sendTimeUs(0));
        assertEquals(2, m.duplicates());
        assertEquals(1, m.unknown());

        m.match(feedback(65534, 50_000, 53_000, 52_000), h, b);
        assertEquals(0, b.count(), "an exact duplicate adds nothing");
        assertEquals(5, m.duplicates());
    }

    @Test
    void historyForgetsWhatWasOverwritten() {
        SentPacketHistory h = new SentPacketHistory(64);
        for (int s = 0; s < 100; s++) {
            h.onSent(s, s, 1, -1);
        }
        assertEquals(-1, h.slotOf(10), "overwritten by 74");
        assertTrue(h.slotOf(99) >= 0);
        assertEquals(-1, h.slotOf(100), "not sent yet");
        assertEquals(-1, new SentPacketHistory(64).slotOf(0), "nothing sent");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SentPacketHistory(100));
        assertTrue(e.getMessage().contains("history capacity"));
    }

    @Test
    void referenceTimeWrapKeepsArrivalsContinuous() {
        SentPacketHistory h = new SentPacketHistory(64);
        h.onSent(0, 0, 100, -1);
        h.onSent(1, 10_000, 100, -1);
        FeedbackMatcher m = new FeedbackMatcher();
        PacketFeedbackBatch b = new PacketFeedbackBatch(16);
        long unit = 64_000;
        long lastUnitBeforeWrap = (1L << 23) - 1; // signed 24-bit maximum
        m.match(feedback(0, lastUnitBeforeWrap * unit), h, b);
        long a0 = b.arrivalTimeUs(0);
        m.match(feedback(1, (lastUnitBeforeWrap + 1) * unit), h, b); // wraps to -2^23
        assertEquals(unit, b.arrivalTimeUs(0) - a0);
    }

    @Test
    void probeResultIsTheReceiveRateWhenThePathSaturates() {
        ProbeResultEstimator p = new ProbeResultEstimator(4);
        ProbeCluster c = new ProbeCluster(7, 2_000_000, 5, 3750);
        p.onCluster(c);
        p.onClusterSent(7, 10);
        long result = -1;
        for (int i = 0; i < 10; i++) {
            // sent at 2 Mbit/s (1000 B every 4 ms), received at 1 Mbit/s (every 8 ms)
            long r = p.onAcked(7, i * 4_000L, 100_000 + i * 8_000L, 1000);
            if (r > 0) {
                result = r;
                assertEquals(7, i, "80 % of 10 packets");
            }
        }
        assertEquals(950_000, result, 1_000);
        assertEquals(-1, p.onAcked(7, 50_000, 200_000, 1000), "one result per cluster");
        assertEquals(-1, p.onAcked(3, 0, 0, 1000), "unknown cluster");
    }

    @Test
    void probeResultIsTheSendRateWhenThePathKeepsUp() {
        ProbeResultEstimator p = new ProbeResultEstimator(4);
        p.onCluster(new ProbeCluster(1, 1_000_000, 5, 1875));
        long result = -1;
        for (int i = 0; i < 5; i++) {
            long r = p.onAcked(1, i * 8_000L, 20_000 + i * 8_000L, 1000);
            result = r > 0 ? r : result;
        }
        assertEquals(1_000_000, result, 1_000);
    }

    @Test
    void compressedProbeIsDiscarded() {
        ProbeResultEstimator p = new ProbeResultEstimator(4);
        p.onCluster(new ProbeCluster(1, 1_000_000, 5, 1875));
        for (int i = 0; i < 5; i++) {
            assertEquals(-1, p.onAcked(1, i * 8_000L, 20_000 + i * 1_000L, 1000));
        }
    }

    @Test
    void rembRulesOnlyWithoutTransportWideFeedback() {
        SendSideEstimator e = new SendSideEstimator(BweOptions.defaults());
        assertEquals(300_000, e.estimateBps(0));
        e.onRemb(1_200_000, 0);
        assertEquals(1_200_000, e.estimateBps(0), "no TWCC: REMB");
        e.onRemb(100_000_000, 0);
        assertEquals(20_000_000, e.estimateBps(0), "clamped to the maximum");
        e.onSent(0, 1000, -1, 0);
        e.onTransportCc(feedback(0, 10_000), 100_000);
        assertTrue(e.estimateBps(100_000) < 400_000, "TWCC active: REMB ignored");
        assertEquals(20_000_000, e.estimateBps(2_200_000), "silent for 2 s: REMB again");
    }
}
