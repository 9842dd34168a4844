package io.junction.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.junction.cluster.SequenceCheck.Result;
import org.junit.jupiter.api.Test;

class SequenceCheckTest {
    @Test
    void table() {
        Object[][] rows = {
                // node, room, seq, expected
                {"a", "r", 5L, Result.IN_ORDER},   // first seen mid-stream: no gap
                {"a", "r", 6L, Result.IN_ORDER},
                {"a", "r", 8L, Result.GAP},        // 7 lost
                {"a", "r", 9L, Result.IN_ORDER},
                {"a", "r", 9L, Result.STALE},      // duplicate
                {"a", "r", 3L, Result.STALE},      // older
                {"a", "r", 1L, Result.RESTART},    // publisher followed the room anew
                {"a", "r", 2L, Result.IN_ORDER},
                {"b", "r", 40L, Result.IN_ORDER},  // publishers are independent
                {"a", "s", 17L, Result.IN_ORDER},  // rooms are independent
                {"a", "r", 3L, Result.IN_ORDER},
        };
        SequenceCheck c = new SequenceCheck();
        for (Object[] row : rows) {
            assertEquals(row[3], c.check((String) row[0], (String) row[1], (Long) row[2]), java.util.Arrays.toString(row));
        }
        c.forgetNode("a");
        assertEquals(Result.IN_ORDER, c.check("a", "r", 100));
        c.forgetRoom("r");
        assertEquals(Result.IN_ORDER, c.check("b", "r", 7));
    }
}
