package io.junction.sfu.room;

import io.junction.sfu.alloc.SubscriptionDemand;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link LayerChooser}: preference and layer state → layer, as a table. */
class LayerChooserTest {
    private static final int NONE = SubscriptionDemand.NO_LIMIT;

    private record Row(String name, int[] heights, boolean[] active, int maxHeight, boolean paused, int expected) {
    }

    @Test
    void table() {
        boolean[] all = {true, true, true};
        Row[] rows = {
                new Row("no preference: the highest active layer", new int[]{180, 360, 720}, all, NONE, false, 2),
                new Row("max 360", new int[]{180, 360, 720}, all, 360, false, 1),
                new Row("max 359: below h", new int[]{180, 360, 720}, all, 359, false, 0),
                new Row("max smaller than every layer: the lowest", new int[]{180, 360, 720}, all, 90, false, 0),
                new Row("top paused by the publisher", new int[]{180, 360, 720}, new boolean[]{true, true, false}, NONE, false, 1),
                new Row("only the top active, max 180: the lowest active", new int[]{180, 360, 720},
                        new boolean[]{false, false, true}, 180, false, 2),
                new Row("nothing active", new int[]{180, 360, 720}, new boolean[3], NONE, false, -1),
                new Row("paused by the subscriber", new int[]{180, 360, 720}, all, NONE, true, -1),
                new Row("heights unknown: 180/360/720 assumed", new int[]{-1, -1, -1}, all, 400, false, 1),
                new Row("two layers, unknown: 360/720 assumed", new int[]{-1, -1}, new boolean[]{true, true}, 400, false, 0),
                new Row("single layer", new int[]{-1}, new boolean[]{true}, 100, false, 0),
        };
        for (Row r : rows) {
            assertEquals(r.expected, LayerChooser.choose(r.heights, r.active, r.maxHeight, r.paused, -1), r.name);
            assertEquals(r.expected, LayerChooser.choose(r.heights, r.active, r.maxHeight, r.paused, 0),
                    r.name + " (no hysteresis without an estimate)");
        }
    }
}
