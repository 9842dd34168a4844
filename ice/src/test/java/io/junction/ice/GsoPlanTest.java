package io.junction.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link GsoPlan}: grouping by destination and cutting into runs the kernel can segment, as a table. */
class GsoPlanTest {
    /** One row: destinations and sizes in queue order → the runs as "dest:size,size|dest:size". */
    private record Row(String name, String[] to, int[] len, int maxSegments, int maxBytes, String expected) {
    }

    private static String plan(Row r) {
        int n = r.to().length;
        int[] order = new int[n];
        int[] runs = new int[n];
        int count = GsoPlan.plan(r.to(), r.len(), n, r.maxSegments(), r.maxBytes(), order, runs, new boolean[n]);
        List<String> out = new ArrayList<>();
        int k = 0;
        for (int i = 0; i < count; i++) {
            StringBuilder b = new StringBuilder(r.to()[order[k]]).append(':');
            for (int j = 0; j < runs[i]; j++, k++) {
                assertEquals(r.to()[order[k]], r.to()[order[k - j]], "a run has one destination");
                b.append(j == 0 ? "" : ",").append(r.len()[order[k]]);
            }
            out.add(b.toString());
        }
        assertEquals(n, k, "every datagram placed once");
        return String.join("|", out);
    }

    @Test
    void table() {
        List<Row> rows = List.of(
                new Row("empty", new String[] {}, new int[] {}, 64, 65000, ""),
                new Row("one", new String[] {"a"}, new int[] {1200}, 64, 65000, "a:1200"),
                new Row("same size to one destination: one run", new String[] {"a", "a", "a"},
                        new int[] {1200, 1200, 1200}, 64, 65000, "a:1200,1200,1200"),
                new Row("a shorter last datagram joins and ends the run", new String[] {"a", "a", "a", "a"},
                        new int[] {1200, 1200, 500, 1200}, 64, 65000, "a:1200,1200,500|a:1200"),
                new Row("a longer datagram starts a new run", new String[] {"a", "a", "a"},
                        new int[] {500, 1200, 1200}, 64, 65000, "a:500|a:1200,1200"),
                new Row("fan-out interleaving is regrouped per destination, order kept",
                        new String[] {"a", "b", "c", "a", "b", "c"}, new int[] {1200, 1200, 1200, 1200, 1200, 900},
                        64, 65000, "a:1200,1200|b:1200,1200|c:1200,900"),
                new Row("segment cap", new String[] {"a", "a", "a", "a", "a"}, new int[] {100, 100, 100, 100, 100},
                        2, 65000, "a:100,100|a:100,100|a:100"),
                new Row("byte cap", new String[] {"a", "a", "a"}, new int[] {1000, 1000, 1000}, 64, 2500,
                        "a:1000,1000|a:1000"),
                new Row("all different destinations: nothing to segment", new String[] {"a", "b", "c"},
                        new int[] {1200, 1200, 1200}, 64, 65000, "a:1200|b:1200|c:1200"));
        for (Row r : rows) {
            assertEquals(r.expected(), plan(r), r.name());
        }
    }
}
