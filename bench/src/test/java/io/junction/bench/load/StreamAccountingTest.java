package io.junction.bench.load;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class StreamAccountingTest {
    private static final long MS = 1_000_000L;
    private static final long GRACE = 100 * MS;

    @Test
    void inOrderStreamHasNoLoss() {
        StreamAccounting a = new StreamAccounting();
        for (int i = 0; i < 100; i++) {
            assertEquals(StreamAccounting.Outcome.NEW, a.onPacket(65500 + i, i * MS, false)); // wraps at 65535
        }
        a.tick(1000 * MS, GRACE);
        assertEquals(100, a.expected());
        assertEquals(100, a.received());
        assertEquals(100, a.settled());
        assertEquals(0, a.gaps());
        assertEquals(0, a.lostAfterRepair());
        assertEquals(65500 + 99 - 65536 + 0x10000L, a.extendedHighest());
    }

    @Test
    void gapsAreNackedRepairedOrLostAfterGrace() {
        StreamAccounting a = new StreamAccounting();
        a.onPacket(10, 0, false);
        a.onPacket(14, 1 * MS, false); // 11, 12, 13 missing
        assertEquals(3, a.gaps());
        int[] out = new int[8];
        assertEquals(3, a.collectNacks(2 * MS, 50 * MS, 2, out));
        assertArrayEquals(new int[] {11, 12, 13}, java.util.Arrays.copyOf(out, 3));
        assertEquals(0, a.collectNacks(3 * MS, 50 * MS, 2, out), "no retry inside the retry interval");
        assertEquals(StreamAccounting.Outcome.REPAIRED, a.onPacket(12, 10 * MS, true)); // RTX
        assertEquals(StreamAccounting.Outcome.REPAIRED, a.onPacket(11, 11 * MS, false)); // late original
        assertEquals(1, a.outOfOrder());
        assertEquals(1, a.collectNacks(60 * MS, 50 * MS, 2, out), "13 retried once");
        assertEquals(13, out[0]);
        assertEquals(0, a.collectNacks(200 * MS, 50 * MS, 2, out), "tries exhausted");
        a.tick(50 * MS, GRACE);
        assertEquals(0, a.lostAfterRepair(), "13 still inside grace");
        a.tick(102 * MS, GRACE);
        assertEquals(1, a.lostAfterRepair());
        assertEquals(5, a.settled());
        assertEquals(2, a.repaired());
        assertEquals(StreamAccounting.Outcome.TOO_LATE, a.onPacket(13, 103 * MS, false));
        assertEquals(1, a.tooLate());
    }

    @Test
    void duplicatesAreCountedOnce() {
        StreamAccounting a = new StreamAccounting();
        a.onPacket(1, 0, false);
        a.onPacket(2, 0, false);
        assertEquals(StreamAccounting.Outcome.DUPLICATE, a.onPacket(2, 0, false));
        assertEquals(StreamAccounting.Outcome.DUPLICATE, a.onPacket(1, 0, true));
        assertEquals(2, a.duplicates());
        assertEquals(2, a.received());
    }

    @Test
    void hugeJumpSettlesWhatFallsOutOfTheWindow() {
        StreamAccounting a = new StreamAccounting();
        a.onPacket(0, 0, false);
        a.onPacket(10_000, MS, false);
        assertEquals(9999, a.gaps());
        a.settleAll();
        assertEquals(9999, a.lostAfterRepair());
        assertEquals(10_001, a.settled());
        assertEquals(2, a.received());
    }

    @Test
    void settleAllCountsEveryOpenGap() {
        StreamAccounting a = new StreamAccounting();
        a.onPacket(100, 0, false);
        a.onPacket(103, 0, false);
        a.settleAll();
        assertEquals(2, a.lostAfterRepair());
        assertEquals(4, a.settled());
    }
}
