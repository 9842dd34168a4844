package io.junction.sfu.bwe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The estimator, pacer and probe planner on synthetic seeded paths ({@link LinkSimulation}):
 * real feedback bytes from the receive-side {@link io.junction.sfu.room.TransportCcFeedback},
 * 20 ms one way, a 300 ms drop-tail bottleneck queue. Times are simulated (no waiting).
 */
class EstimatorScenariosTest {
    private static final long S = 1_000_000;

    private static LinkSimulation sim(long seed) {
        return new LinkSimulation(BweOptions.defaults(), seed);
    }

    @Test
    void startupProbesRampFrom300kTo2500kLinkWithinSixSeconds() {
        LinkSimulation s = sim(1);
        s.run(20 * S);
        long reached = s.firstTime(0, e -> e >= 2_000_000);
        assertTrue(reached >= 0 && reached <= 6 * S, () -> "reached 80 % at " + reached + " µs: " + s.trace(S));
        assertTrue(s.max(0, 20 * S) <= 2_750_000, () -> "overshoot: " + s.trace(S));
    }

    @Test
    void allocatorProbesReachTheLinkWithinTwoSeconds() {
        LinkSimulation s = sim(2);
        s.wantedBps = 4_000_000;
        s.run(10 * S);
        long reached = s.firstTime(0, e -> e >= 2_000_000);
        assertTrue(reached >= 0 && reached <= 2 * S, () -> "reached 80 % at " + reached + " µs: " + s.trace(S / 2));
        assertTrue(s.max(0, 10 * S) <= 2_750_000, () -> "a probe above capacity overshot: " + s.trace(S / 2));
    }

    @Test
    void withoutProbesTheMultiplicativeIncreaseStillGetsThere() {
        // 8 %/s from 300 kbit/s to 2 Mbit/s is ln(6.7)/ln(1.08) = 25 s
        LinkSimulation s = sim(3);
        s.startupProbes = false;
        s.run(40 * S);
        long reached = s.firstTime(0, e -> e >= 2_000_000);
        assertTrue(reached >= 15 * S && reached <= 32 * S, () -> "reached 80 % at " + reached + " µs: " + s.trace(2 * S));
    }

    @Test
    void capacityDropTo500kIsFollowedWithinTwoSeconds() {
        LinkSimulation s = sim(4);
        s.wantedBps = 4_000_000;
        s.capacityBpsAt = t -> t < 20 * S ? 2_500_000 : 500_000;
        s.run(45 * S);
        long below = s.firstTime(20 * S, e -> e < 500_000);
        assertTrue(below >= 0 && below - 20 * S <= 2 * S, () -> "below capacity at " + below + ": " + s.trace(S / 2));
        long min = s.min(23 * S, 45 * S);
        long max = s.max(23 * S, 45 * S);
        assertTrue(min >= 250_000 && max <= 650_000, () -> "after the drop " + min + ".." + max + ": " + s.trace(S));
    }

    @Test
    void liftingA500kCapClimbsBackWithinFifteenSeconds() {
        LinkSimulation s = sim(11);
        s.wantedBps = 4_000_000;
        s.capacityBpsAt = t -> t < 20 * S ? 500_000 : 2_500_000;
        s.run(40 * S);
        assertTrue(s.max(5 * S, 20 * S) <= 650_000, () -> "capped: " + s.trace(S));
        long reached = s.firstTime(20 * S, e -> e >= 2_000_000);
        assertTrue(reached >= 0 && reached - 20 * S <= 15 * S, () -> "after the lift: " + s.trace(S));
    }

    @Test
    void steadyLinkStaysInABand() {
        LinkSimulation s = sim(5);
        s.capacityBpsAt = t -> 1_500_000;
        s.run(60 * S);
        long min = s.min(10 * S, 60 * S);
        long max = s.max(10 * S, 60 * S);
        assertTrue(min >= 0.7 * 1_500_000 && max <= 1.1 * 1_500_000, () -> min + ".." + max + ": " + s.trace(S));
        assertTrue(s.droppedAtQueue <= s.sentPackets / 200, () -> "queue drops " + s.droppedAtQueue + " of " + s.sentPackets);
    }

    @Test
    void jitterDoesNotPullTheEstimateDown() {
        LinkSimulation s = sim(6);
        s.jitterUs = 5_000;
        s.run(40 * S);
        long min = s.min(10 * S, 40 * S);
        assertTrue(min >= 0.6 * 2_500_000, () -> "min " + min + ": " + s.trace(S));
    }

    @Test
    void heavyRandomLossLowersTheEstimate() {
        LinkSimulation s = sim(7);
        s.capacityBpsAt = t -> 50_000_000;
        s.loss = 0.2;
        s.run(15 * S);
        long end = s.estimateAt(15 * S);
        assertTrue(end < 300_000, () -> "with 20 % loss: " + s.trace(S));
        assertTrue(s.estimator.lossBasedBps() < s.estimator.delayBasedBps(), "the loss-based controller rules");
    }

    @Test
    void lightRandomLossDoesNotStopTheIncrease() {
        LinkSimulation s = sim(8);
        s.capacityBpsAt = t -> 50_000_000;
        s.loss = 0.01;
        s.run(15 * S);
        long end = s.estimateAt(15 * S);
        assertTrue(end >= 1_500_000, () -> "with 1 % loss: " + s.trace(S));
    }

    @Test
    void duplicatedAndReorderedFeedbackChangesNothingEssential() {
        LinkSimulation s = sim(9);
        s.wantedBps = 4_000_000;
        s.duplicateAndReorderFeedback = true;
        s.capacityBpsAt = t -> t < 20 * S ? 2_500_000 : 500_000;
        s.run(40 * S);
        assertTrue(s.estimator.matcher().duplicates() > 1000, "feedback was really duplicated");
        long reached = s.firstTime(0, e -> e >= 2_000_000);
        assertTrue(reached >= 0 && reached <= 2 * S, () -> "ramp: " + s.trace(S / 2));
        assertTrue(s.max(10 * S, 20 * S) <= 2_750_000, () -> "overshoot: " + s.trace(S / 2));
        long below = s.firstTime(20 * S, e -> e < 500_000);
        assertTrue(below >= 0 && below - 20 * S <= 2 * S, () -> "drop: " + s.trace(S / 2));
    }

    @Test
    void sameSeedSameTrace() {
        LinkSimulation a = sim(10);
        LinkSimulation b = sim(10);
        a.loss = b.loss = 0.05;
        a.jitterUs = b.jitterUs = 3_000;
        a.run(10 * S);
        b.run(10 * S);
        assertEquals(a.samples.size(), b.samples.size());
        for (int i = 0; i < a.samples.size(); i++) {
            assertArrayEquals(a.samples.get(i), b.samples.get(i));
        }
    }
}
