package io.junction.sfu.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NackGeneratorTest {
    private final List<Integer> out = new ArrayList<>();

    private int[] collect(NackGenerator g, long now) {
        out.clear();
        g.collect(now, out::add);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static NackGenerator gen(int capacity, int maxGap, int retries, long reorderMs) {
        return new NackGenerator(new NackGenerator.Options(capacity, maxGap, retries, 10, 1000, reorderMs, 100));
    }

    @Test
    void lossAcrossWrapIsNackedAndRecovered() {
        NackGenerator g = gen(100, 100, 10, 0);
        long t = 1000;
        // scripted loss: 65533 65534 [65535 0 lost] 1 2 [3 lost] 4
        for (int seq : new int[] {65533, 65534, 1, 2, 4}) {
            g.onPacket(seq, t);
        }
        assertEquals(3, g.missingCount());
        assertArrayEquals(new int[] {65535, 0, 3}, collect(g, t), "first NACK immediately, in order");
        assertArrayEquals(new int[] {}, collect(g, t + 50), "retry gated by RTT 100 ms");
        g.onPacket(0, t + 60); // recovered by retransmission
        assertEquals(1, g.recovered());
        assertArrayEquals(new int[] {65535, 3}, collect(g, t + 100));
        assertEquals(5, g.nacksSent());
        assertFalse(g.takeKeyframeNeeded(), "holes still being repaired need no keyframe");
        g.onPacket(4, t + 101); // duplicate: no effect
        assertEquals(2, g.missingCount());
    }

    @Test
    void reorderDelayDefersTheFirstNack() {
        NackGenerator g = gen(100, 100, 10, 20);
        g.onPacket(10, 0);
        g.onPacket(12, 5);
        assertArrayEquals(new int[] {}, collect(g, 10));
        assertArrayEquals(new int[] {11}, collect(g, 25));
    }

    @Test
    void retrySpacingFollowsRttWithMinimum() {
        NackGenerator g = gen(100, 100, 10, 0);
        g.onPacket(1, 0);
        g.onPacket(3, 0);
        assertArrayEquals(new int[] {2}, collect(g, 0));
        g.setRtt(40);
        assertArrayEquals(new int[] {}, collect(g, 39));
        assertArrayEquals(new int[] {2}, collect(g, 40));
        g.setRtt(1); // below the 10 ms floor
        assertArrayEquals(new int[] {}, collect(g, 45));
        assertArrayEquals(new int[] {2}, collect(g, 50));
    }

    @Test
    void retryCapGivesUp() {
        NackGenerator g = gen(100, 100, 3, 0);
        g.onPacket(1, 0);
        g.onPacket(3, 0);
        int sends = 0;
        for (long t = 0; t <= 1000; t += 100) {
            sends += collect(g, t).length;
        }
        assertEquals(3, sends);
        assertEquals(0, g.missingCount());
        assertEquals(1, g.givenUp());
        assertTrue(g.takeKeyframeNeeded(), "a packet given up leaves a hole only a keyframe repairs");
    }

    @Test
    void maxAgeGivesUp() {
        NackGenerator g = new NackGenerator(new NackGenerator.Options(100, 100, 100, 10, 250, 0, 100));
        g.onPacket(1, 0);
        g.onPacket(3, 0);
        int sends = 0;
        for (long t = 0; t <= 1000; t += 100) {
            sends += collect(g, t).length;
        }
        assertEquals(3, sends, "sent at 0, 100, 200; dropped at 300 (> 250 ms old)");
        assertEquals(1, g.givenUp());
        assertTrue(g.takeKeyframeNeeded(), "a packet given up leaves a hole only a keyframe repairs");
    }

    @Test
    void largeGapClearsAndAsksForKeyframe() {
        NackGenerator g = gen(1000, 500, 10, 0);
        g.onPacket(65000, 0);
        g.onPacket(65002, 0);
        assertEquals(1, g.missingCount());
        g.onPacket((65002 + 502) & 0xFFFF, 10); // gap of 501 across the wrap
        assertEquals(0, g.missingCount());
        assertTrue(g.takeKeyframeNeeded());
        assertFalse(g.takeKeyframeNeeded(), "signal is taken once");
        assertEquals(1, g.overflows());
        g.onPacket((65002 + 504) & 0xFFFF, 20); // continues normally afterwards
        assertEquals(1, g.missingCount());
    }

    @Test
    void capacityOverflowClearsAndAsksForKeyframe() {
        NackGenerator g = gen(8, 500, 10, 0);
        g.onPacket(0, 0);
        g.onPacket(6, 0); // 5 missing
        g.onPacket(10, 0); // +3 = 8, fits
        assertEquals(8, g.missingCount());
        g.onPacket(12, 0); // +1 = 9 > 8
        assertEquals(0, g.missingCount());
        assertTrue(g.takeKeyframeNeeded());
        assertEquals(8, g.givenUp());
    }

    @Test
    void collectIntoArrayKeepsOverflowDue() {
        NackGenerator g = gen(100, 100, 10, 0);
        g.onPacket(65533, 0);
        g.onPacket(2, 0); // 65534 65535 0 1 missing
        int[] out = new int[3];
        assertEquals(3, g.collect(0, out));
        assertArrayEquals(new int[] {65534, 65535, 0}, out);
        assertEquals(1, g.collect(1, out), "the one that did not fit is still due");
        assertEquals(1, out[0]);
        assertEquals(4, g.nacksSent());
    }

    @Test
    void optionsAreValidated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new NackGenerator.Options(0, 500, 10, 10, 1000, 0, 100));
        assertEquals("capacity must be in [1, 4096], was 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new NackGenerator.Options(10, 500, 0, 10, 1000, 0, 100));
        assertThrows(IllegalArgumentException.class, () -> new NackGenerator.Options(10, 500, 10, 10, 1000, -1, 100));
    }
}
