package io.junction.bench.load;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeededImpairmentTest {
    private static boolean[] drops(SeededImpairment m, int n) {
        boolean[] d = new boolean[n];
        for (int i = 0; i < n; i++) {
            d[i] = m.next() == PacketImpairment.DROP;
        }
        return d;
    }

    @Test
    void independentLossFollowsTheSeededDrawsExactly() {
        SeededImpairment m = new SeededImpairment(20, 1, 0, 0, 0, 42);
        Random r = new Random(42);
        for (int i = 0; i < 1000; i++) {
            double uLoss = r.nextDouble();
            r.nextDouble();
            r.nextDouble();
            assertEquals(uLoss < 0.2 ? PacketImpairment.DROP : 0, m.next(), "packet " + i);
        }
    }

    @Test
    void sameSeedSamePatternOtherSeedOtherPattern() {
        boolean[] a = drops(new SeededImpairment(5, 3, 0, 0, 0, 7), 5000);
        boolean[] b = drops(new SeededImpairment(5, 3, 0, 0, 0, 7), 5000);
        boolean[] c = drops(new SeededImpairment(5, 3, 0, 0, 0, 8), 5000);
        assertArrayEquals(a, b);
        assertTrue(!java.util.Arrays.equals(a, c));
    }

    @Test
    void burstsAverageTheConfiguredLength() {
        boolean[] d = drops(new SeededImpairment(1, 4, 0, 0, 0, 3), 200_000);
        int bursts = 0;
        int lost = 0;
        for (int i = 0; i < d.length; i++) {
            if (d[i]) {
                lost++;
                if (i == 0 || !d[i - 1]) {
                    bursts++;
                }
            }
        }
        double mean = (double) lost / bursts;
        assertTrue(mean > 3.6 && mean < 4.4, "mean burst " + mean);
    }

    @Test
    void jitterAndReorderDelayWithinBounds() {
        SeededImpairment m = new SeededImpairment(0, 1, 2, 10, 5, 11);
        int held = 0;
        for (int i = 0; i < 10_000; i++) {
            long d = m.next();
            assertTrue(d >= 0 && d < 7_000_000L, "delay " + d);
            if (d >= 5_000_000L) {
                held++;
            }
        }
        assertTrue(held > 800 && held < 1200, "held " + held);
    }

    @Test
    void noImpairmentIsInactiveAndBadValuesAreNamed() {
        SeededImpairment m = new SeededImpairment(0, 1, 0, 0, 0, 1);
        assertTrue(!m.isActive());
        assertEquals(0, m.next());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SeededImpairment(101, 1, 0, 0, 0, 1));
        assertTrue(e.getMessage().startsWith("loss"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SeededImpairment(1, 0.5, 0, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new SeededImpairment(1, 1, -1, 0, 0, 1));
    }
}
