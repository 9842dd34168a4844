package io.junction.sfu.bwe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link InterArrival}, {@link TrendlineEstimator} and {@link OveruseDetector} on scripted deltas. */
class DelayPipelineTest {

    /** Rows: packets as send:arrival (ms); expected deltas as sendDelta/arrivalDelta (ms) per completed pair. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "one packet per group, no queue   | 0:100 10:110 20:120 30:130          | 10/10 10/10",
            "bursts of 5 ms form one group    | 0:100 4:104 10:110 14:114 20:120 24:124 30:130 | 10/10 10/10",
            "growing queue                    | 0:100 10:112 20:124 30:136          | 10/12 10/12",
            "sent within 5 ms joins the group | 0:100 10:120 11:121 20:130 30:140   | 11/21 9/9",
            "queued behind the group joins it | 0:100 10:130 20:131 30:140 40:150   | 20/31 10/9",
            "reordered packet is ignored      | 0:100 10:110 5:115 20:120 30:130    | 10/10 10/10",
            "arriving before the group joins  | 0:100 10:110 20:105 30:115 40:125   | 20/10 10/5",
            "gap over 3 s dropped             | 0:100 10:110 20:3200 30:3210 40:3220 | 10/10 10/10",
    })
    void groupsAndDeltas(String name, String packets, String expected) {
        InterArrival ia = new InterArrival();
        StringBuilder got = new StringBuilder();
        for (String p : packets.trim().split(" +")) {
            String[] t = p.split(":");
            if (ia.onPacket(Long.parseLong(t[0]) * 1000, Long.parseLong(t[1]) * 1000)) {
                got.append(ia.sendDeltaUs() / 1000).append('/').append(ia.arrivalDeltaUs() / 1000).append(' ');
            }
        }
        assertEquals(expected.trim(), got.toString().trim(), name);
    }

    @Test
    void trendIsZeroOnAConstantDelayAndPositiveOnAGrowingOne() {
        TrendlineEstimator flat = new TrendlineEstimator(20, 0.9, 4);
        TrendlineEstimator growing = new TrendlineEstimator(20, 0.9, 4);
        TrendlineEstimator draining = new TrendlineEstimator(20, 0.9, 4);
        for (int i = 1; i <= 100; i++) {
            flat.update(10_000, 10_000, i * 10_000L);
            growing.update(10_000, 11_000, i * 11_000L); // 10 % over capacity: +1 ms per group
            draining.update(10_000, 9_000, i * 9_000L);
        }
        assertEquals(0, flat.modifiedTrend(), 1e-9);
        assertEquals(0.1, growing.slopeValue(), 0.02, "1 ms more delay per 11 ms");
        assertEquals(60 * 4 * growing.slopeValue(), growing.modifiedTrend(), 1e-9);
        assertTrue(draining.modifiedTrend() < -12.5);
    }

    @Test
    void trendWaitsForAFullWindow() {
        TrendlineEstimator t = new TrendlineEstimator(20, 0.9, 4);
        for (int i = 1; i < 20; i++) {
            assertEquals(0, t.update(10_000, 15_000, i * 15_000L));
        }
        assertTrue(t.update(10_000, 15_000, 20 * 15_000L) > 0);
    }

    @Test
    void trendlineOptionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new TrendlineEstimator(1, 0.9, 4));
        assertThrows(IllegalArgumentException.class, () -> new TrendlineEstimator(20, 1.0, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TrendlineEstimator(20, 0.9, 0));
        assertTrue(e.getMessage().contains("trendline gain"));
    }

    /** Rows: trends fed every send delta; expected states after each (the first counts half a delta). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "normal below the threshold        | 10 | 5 5 -5 0       | N N N N",
            "over-use after > 10 ms, 2 hits    | 10 | 20 20 20       | N O O",
            "over-use needs > 10 ms            |  4 | 20 20 20 20    | N N N O",
            "a falling trend is not over-use   | 10 | 20 19 18 17    | N N N N",
            "under-use at once below -γ        | 10 | -20 -20        | U U",
            "back to normal                    | 10 | 20 20 20 0     | N O O N",
    })
    void detectorStates(String name, int sendDeltaMs, String trends, String states) {
        OveruseDetector d = new OveruseDetector();
        StringBuilder got = new StringBuilder();
        long now = 0;
        for (String t : trends.trim().split(" +")) {
            now += sendDeltaMs * 1000L;
            got.append(d.detect(Double.parseDouble(t), sendDeltaMs * 1000L, now).name().charAt(0)).append(' ');
        }
        assertEquals(states.trim(), got.toString().trim(), name);
    }

    @Test
    void thresholdAdaptsUpQuicklyDownSlowlyAndIgnoresOutliers() {
        OveruseDetector d = new OveruseDetector();
        long now = 0;
        for (int i = 0; i < 100; i++) {
            d.detect(25, 10_000, now += 10_000);
        }
        double up = d.threshold();
        assertTrue(up > 20 && up <= 25, "follows |m| up: " + up);
        for (int i = 0; i < 100; i++) {
            d.detect(0, 10_000, now += 10_000);
        }
        assertTrue(d.threshold() > up * 0.8, "decays slowly: " + d.threshold());
        OveruseDetector o = new OveruseDetector();
        o.detect(1000, 10_000, 10_000);
        o.detect(1000, 10_000, 20_000);
        assertEquals(OveruseDetector.INITIAL_THRESHOLD, o.threshold(), 1e-9, "an outlier does not move γ");
        OveruseDetector low = new OveruseDetector();
        for (int i = 0; i < 10_000; i++) {
            low.detect(0, 10_000, (i + 1) * 10_000L);
        }
        assertEquals(OveruseDetector.MIN_THRESHOLD, low.threshold(), 1e-9, "clamped at 6 ms");
    }

    @Test
    void noDeltaBeforeTwoGroups() {
        InterArrival ia = new InterArrival();
        assertFalse(ia.onPacket(0, 100));
        assertFalse(ia.onPacket(10_000, 110_000));
        assertTrue(ia.onPacket(20_000, 120_000));
    }
}
