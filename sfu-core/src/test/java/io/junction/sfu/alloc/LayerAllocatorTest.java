package io.junction.sfu.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link LayerAllocator}: estimate, preferences, speaker/pin and history -> layers. */
class LayerAllocatorTest {
    private static final long NOW = 100_000_000;
    /** 180p 150 kbit/s, 360p 500 kbit/s, 720p 1.5 Mbit/s. */
    private static final List<Layer> LAYERS = List.of(
            new Layer(180, 150_000, true), new Layer(360, 500_000, true), new Layer(720, 1_500_000, true));

    /**
     * Demand spec: {@code id[/pin][/spk][/paused][/max=H][/cur=L][/down=-ms][/off=L]}
     * (down: last downgrade that many ms before now; off: that layer is inactive).
     */
    private static SubscriptionDemand demand(String spec) {
        String[] t = spec.split("/");
        int max = SubscriptionDemand.NO_LIMIT;
        int cur = -1;
        long down = Long.MIN_VALUE;
        boolean pin = false;
        boolean spk = false;
        boolean paused = false;
        List<Layer> layers = new ArrayList<>(LAYERS);
        for (int i = 1; i < t.length; i++) {
            String[] kv = t[i].split("=");
            switch (kv[0]) {
                case "pin" -> pin = true;
                case "spk" -> spk = true;
                case "paused" -> paused = true;
                case "max" -> max = Integer.parseInt(kv[1]);
                case "cur" -> cur = Integer.parseInt(kv[1]);
                case "down" -> down = NOW + Long.parseLong(kv[1]) * 1000;
                case "off" -> {
                    int l = Integer.parseInt(kv[1]);
                    Layer x = layers.get(l);
                    layers.set(l, new Layer(x.height(), x.bitrateBps(), false));
                }
                default -> throw new IllegalArgumentException(t[i]);
            }
        }
        return new SubscriptionDemand(t[0], layers, max, paused, pin, spk, cur, down);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "everyone low on a small link         |  900000 | 100000 | a b c                 | 0 0 0",
            "speaker first up to the top          | 2500000 | 100000 | a b/spk c             | 1 2 0",
            "pinned before speaker                | 2300000 |      0 | a/spk b/pin c         | 1 2 0",
            "preference caps, paused gets nothing | 5000000 |      0 | a/max=360 b/paused c  | 1 -1 2",
            "a tiny tile still gets the lowest    | 5000000 |      0 | a/max=90              | 0",
            "nothing fits                         |  100000 |  50000 | a                     | -1",
            "the speaker takes the last low slot  |  320000 |      0 | a b c/spk             | 0 -1 0",
            "keeping a layer costs its bitrate    | 1550000 |      0 | a/cur=2               | 2",
            "going up needs 15 % headroom         | 1600000 |      0 | a/cur=1               | 1",
            "a new subscription's first layer     |  160000 |      0 | a                     | 0",
            "resuming a suspended one needs more  |  160000 |      0 | a/down=-6000          | -1",
            "down when the estimate falls below   | 1400000 |      0 | a/cur=2               | 1",
            "no up-switch within 5 s of a down    | 5000000 |      0 | a/cur=1/down=-2000    | 1",
            "up again after the hold              | 5000000 |      0 | a/cur=1/down=-6000    | 2",
            "the hold does not block going down   |  400000 |      0 | a/cur=1/down=-1000    | 0",
            "inactive layer is skipped            | 5000000 |      0 | a/off=1               | 2",
            "inactive lowest: next is the lowest  |  600000 |      0 | a/off=0/max=180       | 1",
            "others round-robin, one step a round | 1500000 |      0 | a b c                 | 1 1 0",
    })
    void table(String name, long estimate, long reserved, String demands, String expected) {
        List<SubscriptionDemand> ds = new ArrayList<>();
        for (String s : demands.trim().split(" +")) {
            ds.add(demand(s));
        }
        Allocation a = LayerAllocator.defaults().allocate(estimate, reserved, ds, NOW);
        StringBuilder got = new StringBuilder();
        for (LayerChoice c : a.choices()) {
            got.append(c.layer()).append(' ');
        }
        assertEquals(expected.trim(), got.toString().trim(), name);
        assertTrue(a.allocatedBps() <= Math.max(estimate, reserved), name + ": allocated " + a.allocatedBps());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "keeping costs 85 % with 15 % slack     | 1300000 | a/cur=2 | 2",
            "below 85 % it goes down                | 1250000 | a/cur=2 | 1",
            "slack is only for the current layer    | 1400000 | a/cur=1 | 1",
            "a new subscription pays the full rate  | 1400000 | a       | 1",
    })
    void keepSlack(String name, long estimate, String demand, int expected) {
        Allocation a = new LayerAllocator(1.15, 5_000_000, 0.15).allocate(estimate, 0, List.of(demand(demand)), NOW);
        assertEquals(expected, a.choices().get(0).layer(), name);
    }

    @Test
    void keepSlackOutOfRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LayerAllocator(1.15, 0, 0.6));
        assertThrows(IllegalArgumentException.class, () -> new LayerAllocator(1.15, 0, -0.1));
    }

    @Test
    void downgradeIsRecordedAndWantedSumsThePreferences() {
        Allocation a = LayerAllocator.defaults().allocate(900_000, 100_000,
                List.of(demand("a/cur=2"), demand("b/max=360"), demand("c/paused")), NOW);
        assertEquals(NOW, a.choices().get(0).lastDowngradeUs());
        assertEquals(Long.MIN_VALUE, a.choices().get(1).lastDowngradeUs());
        assertEquals(100_000 + 1_500_000 + 500_000, a.wantedBps());
        assertEquals(100_000 + 500_000 + 150_000, a.allocatedBps(), "a down to 360p, b at 180p");
    }

    /** Switches of one subscription over 60 s of estimates every 100 ms, uniform in [lo, hi). */
    private static int switches(LayerAllocator alloc, long lo, long hi) {
        Random r = new Random(42);
        SubscriptionDemand d = demand("a");
        int switches = 0;
        for (int i = 0; i < 600; i++) {
            long estimate = lo + (long) (r.nextDouble() * (hi - lo));
            LayerChoice c = alloc.allocate(estimate, 0, List.of(d), NOW + i * 100_000L).choices().get(0);
            if (c.layer() != d.currentLayer()) {
                switches++;
            }
            d = new SubscriptionDemand("a", LAYERS, d.maxHeight(), false, false, false, c.layer(), c.lastDowngradeUs());
        }
        return switches;
    }

    @Test
    void smallEstimateChangesDoNotSwitch() {
        // ±3 % around 1.6 Mbit/s: 720p's 1.5 Mbit/s fits, but not with 15 % headroom
        assertEquals(1, switches(LayerAllocator.defaults(), 1_550_000, 1_650_000), "only the first choice");
        assertEquals(1, switches(LayerAllocator.defaults(), 1_700_000, 1_800_000), "straight to 720p, then stays");
        assertTrue(switches(new LayerAllocator(1.0, 0), 1_450_000, 1_550_000) > 100, "without hysteresis it flips");
    }

    @Test
    void largeSwingsSwitchAtMostTwicePerHold() {
        int with = switches(LayerAllocator.defaults(), 1_450_000, 1_750_000);
        int without = switches(new LayerAllocator(1.0, 0), 1_450_000, 1_750_000);
        assertTrue(with <= 2 * 60 / 5 + 1, "with hysteresis: " + with);
        assertTrue(without > 5 * with, "without: " + without + " vs " + with);
    }

    @Test
    void optionsAndDemandsAreValidated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LayerAllocator(0.9, 0));
        assertTrue(e.getMessage().contains("up headroom"));
        assertThrows(IllegalArgumentException.class, () -> new LayerAllocator(1.1, -1));
        assertThrows(IllegalArgumentException.class,
                () -> new SubscriptionDemand("a", LAYERS, 0, false, false, false, -1, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new SubscriptionDemand("a", LAYERS, 720, false, false, false, 3, 0));
        assertThrows(IllegalArgumentException.class, () -> new Layer(0, 1, true));
    }
}
