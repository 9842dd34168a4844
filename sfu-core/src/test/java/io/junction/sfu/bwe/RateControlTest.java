package io.junction.sfu.bwe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.junction.sfu.bwe.AimdRateController.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link AimdRateController}, {@link LossBasedController}, {@link AckedBitrateEstimator}, {@link BweOptions}. */
class RateControlTest {

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource({
            "HOLD, OVERUSING, DECREASE", "INCREASE, OVERUSING, DECREASE", "DECREASE, OVERUSING, DECREASE",
            "HOLD, NORMAL, INCREASE", "INCREASE, NORMAL, INCREASE", "DECREASE, NORMAL, HOLD",
            "HOLD, UNDERUSING, HOLD", "INCREASE, UNDERUSING, HOLD", "DECREASE, UNDERUSING, HOLD",
    })
    void transitionTable(State from, BandwidthUsage signal, State to) {
        assertEquals(to, AimdRateController.next(from, signal));
    }

    @Test
    void multiplicativeIncreaseIsAboutEightPercentPerSecond() {
        AimdRateController c = new AimdRateController(1_000_000, 30_000, 20_000_000);
        for (long t = 0; t <= 1_000_000; t += 100_000) {
            c.update(BandwidthUsage.NORMAL, -1, t);
        }
        assertEquals(1_080_000, c.rateBps(), 15_000);
    }

    @Test
    void decreaseGoesTo85PercentOfAckedAndAtMostOncePerResponseTime() {
        AimdRateController c = new AimdRateController(2_000_000, 30_000, 20_000_000);
        c.setRtt(100_000);
        assertEquals(1_275_000, c.update(BandwidthUsage.OVERUSING, 1_500_000, 0));
        assertEquals(1_275_000, c.update(BandwidthUsage.OVERUSING, 1_000_000, 150_000), "within rtt + 100 ms");
        assertEquals(850_000, c.update(BandwidthUsage.OVERUSING, 1_000_000, 200_000));
        assertEquals(State.DECREASE, c.state());
        assertEquals(850_000, c.update(BandwidthUsage.NORMAL, 1_000_000, 300_000), "decrease -> hold");
        assertEquals(State.HOLD, c.state());
    }

    @Test
    void nearConvergenceTheIncreaseIsAdditive() {
        AimdRateController c = new AimdRateController(1_000_000, 30_000, 20_000_000);
        c.update(BandwidthUsage.OVERUSING, 1_000_000, 0); // learns 1 Mbit/s as the link's max
        long before = c.update(BandwidthUsage.NORMAL, 1_000_000, 100_000);
        long after = c.update(BandwidthUsage.NORMAL, 1_000_000, 1_100_000);
        assertTrue(c.nearConvergence());
        assertTrue(after - before <= 5_000, "additive: +" + (after - before));
        // the acknowledged rate jumps far above the learned max: multiplicative again
        long m = c.update(BandwidthUsage.NORMAL, 3_000_000, 2_100_000);
        assertTrue(m - after > 50_000, "multiplicative: +" + (m - after));
    }

    @Test
    void increaseIsCappedAtOneAndAHalfTimesAcked() {
        AimdRateController c = new AimdRateController(1_000_000, 30_000, 20_000_000);
        for (long t = 0; t <= 20_000_000; t += 100_000) {
            c.update(BandwidthUsage.NORMAL, 500_000, t);
        }
        assertEquals(1_000_000, c.rateBps(), "never lowered by the cap, never raised above it");
        AimdRateController d = new AimdRateController(500_000, 30_000, 20_000_000);
        for (long t = 0; t <= 20_000_000; t += 100_000) {
            d.update(BandwidthUsage.NORMAL, 500_000, t);
        }
        assertEquals(760_000, d.rateBps());
    }

    /** Rows: lost, received in one interval, the sender's target -> the loss-based rate (it starts at the 20 Mbit/s ceiling). */
    @ParameterizedTest(name = "{0} lost of {1}")
    @CsvSource({
            "0, 100, 1000000, 20000000",  // no loss: stays at the ceiling
            "1, 99, 1000000, 20000000",   // 1 %: increase, clamped at the ceiling
            "5, 95, 1000000, 20000000",   // 5 %: hold
            "30, 70, 1000000, 850000",    // 30 %: target × (1 - 0.15)
            "50, 50, 1000000, 750000",
            "100, 0, 1000000, 500000",
            "100, 0, 40000, 30000",       // never below the floor
    })
    void lossTable(int lost, int received, long target, long expected) {
        LossBasedController c = new LossBasedController(30_000, 20_000_000, 200_000);
        c.onFeedback(0, 0, target, 0);
        assertEquals(expected, c.onFeedback(lost, received, target, 200_000));
    }

    @Test
    void lossIncreaseIsFivePercentPerIntervalAndNeedsTwentyPackets() {
        LossBasedController c = new LossBasedController(30_000, 20_000_000, 200_000);
        c.onFeedback(0, 0, 1_000_000, 0);
        assertEquals(750_000, c.onFeedback(50, 50, 1_000_000, 200_000), "from the target: 1 - 0.5 × 50 %");
        assertEquals(750_000, c.onFeedback(0, 19, 750_000, 400_000), "19 packets are not enough");
        assertEquals(788_500, c.onFeedback(0, 1, 750_000, 400_000));
        assertEquals(788_500, c.onFeedback(0, 100, 750_000, 500_000), "interval not over");
        assertEquals(788_500, c.onFeedback(5, 95, 750_000, 600_000), "5 % holds");
    }

    @Test
    void lossDecreaseWaitsForTheSenderToReact() {
        LossBasedController c = new LossBasedController(30_000, 20_000_000, 200_000);
        c.onFeedback(0, 0, 1_000_000, 0);
        assertEquals(750_000, c.onFeedback(50, 50, 1_000_000, 200_000));
        assertEquals(750_000, c.onFeedback(50, 50, 750_000, 400_000), "within 300 ms + rtt");
        assertEquals(375_000, c.onFeedback(50, 50, 500_000, 600_000), "from the lower target");
    }

    @Test
    void ackedBitrateOverTheWindow() {
        AckedBitrateEstimator a = new AckedBitrateEstimator(500_000, 1024);
        assertEquals(-1, a.bitrateBps());
        for (long t = 0; t <= 1_000_000; t += 10_000) {
            a.onAcked(t, 1000);
        }
        assertEquals(800_000, a.bitrateBps(), 20_000);
        for (long t = 1_010_000; t <= 2_000_000; t += 20_000) {
            a.onAcked(t, 1000);
        }
        assertEquals(400_000, a.bitrateBps(), 20_000);
        assertThrows(IllegalArgumentException.class, () -> new AckedBitrateEstimator(0, 1024));
    }

    @Test
    void optionsAreValidatedWithTheirNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BweOptions(5_000, 30_000, 20_000_000, 2_000_000, 200_000));
        assertTrue(e.getMessage().contains("bwe initial bitrate"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new BweOptions(300_000, 30_000, 20_000, 2_000_000, 200_000));
        assertTrue(e.getMessage().contains("bwe max bitrate"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new BweOptions(300_000, 30_000, 20_000_000, 10, 200_000));
        assertTrue(e.getMessage().contains("bwe remb fallback"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new AimdRateController(10, 30_000, 20_000_000));
        assertTrue(e.getMessage().contains("rate controller"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LossBasedController(30_000, 20_000_000, 0));
        assertTrue(e.getMessage().contains("loss controller interval"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ProbeResultEstimator(0));
        assertThrows(IllegalArgumentException.class, () -> new ProbePlanner(0));
    }
}
