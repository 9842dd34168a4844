package io.junction.sfu.bwe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Pacer} and {@link ProbePlanner}. */
class PacingTest {
    private final long[] queued = new long[Pacer.QUEUE_CLASSES];

    @Test
    void keyframeBurstIsSpreadAtThePacingRate() {
        Pacer p = new Pacer(1_000_000, 1.5, 1_000_000, 5_000);
        queued[Pacer.VIDEO] = 60 * 1200; // a 72 kB keyframe arrives at once
        List<Long> sendTimes = new ArrayList<>();
        for (long now = 0; queued[Pacer.VIDEO] > 0 && now < 2_000_000; now += 1_000) {
            for (int c = p.next(now, queued); c != Pacer.NONE; c = p.next(now, queued)) {
                assertEquals(Pacer.VIDEO, c);
                p.onSent(c, 1200);
                queued[Pacer.VIDEO] -= 1200;
                sendTimes.add(now);
            }
        }
        assertEquals(60, sendTimes.size());
        long last = sendTimes.get(59);
        // 576 kbit at 1.5 Mbit/s = 384 ms
        assertTrue(last >= 370_000 && last <= 400_000, "spread over " + last + " µs");
        for (int i = 0; i + 2 < sendTimes.size(); i++) {
            assertTrue(sendTimes.get(i + 2) - sendTimes.get(i) >= 5_000, "never three packets within 5 ms at " + i);
        }
    }

    @Test
    void aLongQueueNeverHoldsMoreThanTheMaximumQueueTime() {
        Pacer p = new Pacer(100_000, 1.0, 500_000, 5_000);
        queued[Pacer.VIDEO] = 100 * 1200; // 960 kbit: 9.6 s at 100 kbit/s
        long now = 0;
        int sent = 0;
        for (; queued[Pacer.VIDEO] > 0 && now < 10_000_000; now += 1_000) {
            for (int c = p.next(now, queued); c != Pacer.NONE; c = p.next(now, queued)) {
                assertTrue(queued[Pacer.VIDEO] * 8e6 / p.rateBps() <= 500_000 + 1, "queue within 500 ms at " + now);
                p.onSent(c, 1200);
                queued[Pacer.VIDEO] -= 1200;
                sent++;
            }
        }
        assertEquals(100, sent);
        assertTrue(now <= 2_500_000, "drained in " + now + " µs, not 9.6 s");
    }

    @Test
    void audioIsNeverHeldAndRetransmissionsGoBeforeVideo() {
        Pacer p = new Pacer(100_000, 1.0, 1_000_000, 5_000);
        queued[Pacer.AUDIO] = 100;
        queued[Pacer.RETRANSMISSION] = 1400;
        queued[Pacer.VIDEO] = 1200;
        assertEquals(Pacer.AUDIO, p.next(0, queued));
        p.onSent(Pacer.AUDIO, 100);
        queued[Pacer.AUDIO] = 0;
        assertEquals(Pacer.RETRANSMISSION, p.next(0, queued));
        p.onSent(Pacer.RETRANSMISSION, 1400); // the start-up budget of one MTU is spent
        queued[Pacer.RETRANSMISSION] = 0;
        assertEquals(Pacer.NONE, p.next(0, queued), "budget spent");
        queued[Pacer.AUDIO] = 100;
        assertEquals(Pacer.AUDIO, p.next(0, queued), "audio ignores the budget");
        p.onSent(Pacer.AUDIO, 100);
        queued[Pacer.AUDIO] = 0;
        long at = p.nextSendUs(0);
        assertTrue(at > 0 && at <= 20_000, "next at " + at);
        assertEquals(Pacer.NONE, p.next(at - 2_000, queued));
        assertEquals(Pacer.VIDEO, p.next(at, queued));
    }

    @Test
    void probeClusterSendsPaddingAtItsRateUntilComplete() {
        Pacer p = new Pacer(300_000, 1.5, 1_000_000, 5_000);
        ProbeCluster c = new ProbeCluster(3, 900_000, 5, 1687);
        p.startProbe(c);
        assertEquals(3, p.activeCluster());
        int completed = -1;
        long now = 0;
        int packets = 0;
        for (; completed < 0 && now < 1_000_000; now += 1_000) {
            for (int cls = p.next(now, queued); cls != Pacer.NONE && completed < 0; cls = p.next(now, queued)) {
                assertEquals(Pacer.PADDING, cls);
                completed = p.onSent(cls, 500);
                packets++;
            }
        }
        assertEquals(3, completed);
        assertEquals(5, packets, "5 packets (2500 B) satisfy both minimums");
        assertEquals(5, p.completedClusterPackets());
        assertEquals(SentPacketHistory.NO_CLUSTER, p.activeCluster());
        assertEquals(Pacer.NONE, p.next(now + 100_000, queued), "no padding without a probe");
    }

    @Test
    void pacerOptionsAreValidated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Pacer(1, 0.5, 1_000_000, 5_000));
        assertTrue(e.getMessage().contains("pacing factor"));
        assertThrows(IllegalArgumentException.class, () -> new Pacer(1, 1.5, 1, 5_000));
        assertThrows(IllegalArgumentException.class, () -> new Pacer(1, 1.5, 1_000_000, 500_000));
    }

    @Test
    void plannerStartsWithTwoAndThreeTimesAndRateLimitsRequests() {
        ProbePlanner p = new ProbePlanner(2_000_000);
        p.start(300_000);
        p.start(300_000);
        ProbeCluster a = p.poll();
        ProbeCluster b = p.poll();
        assertNull(p.poll(), "start-up plans once");
        assertEquals(600_000, a.rateBps());
        assertEquals(900_000, b.rateBps());
        assertEquals(900_000 * 15 / 1000 / 8, b.minBytes());
        assertEquals(ProbePlanner.MIN_PACKETS, b.minPackets());
        assertTrue(b.id() > a.id());

        assertFalse(p.request(500_000, 800_000, 0), "not above the estimate");
        assertTrue(p.request(5_000_000, 800_000, 0));
        assertEquals(2_000_000, p.poll().rateBps(), "capped at 3× estimate and at the maximum");
        assertFalse(p.request(1_500_000, 800_000, 1_000_000), "within 2 s");
        assertTrue(p.request(1_500_000, 800_000, 2_000_000));
        assertEquals(1_500_000, p.poll().rateBps());
        assertFalse(p.request(3_000_000, 2_000_000, 9_000_000), "already at the maximum");
    }
}
