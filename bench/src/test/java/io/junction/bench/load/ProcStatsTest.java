package io.junction.bench.load;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcStatsTest {
    @Test
    void parsesUtimePlusStimeAfterANameWithSpacesAndParens() {
        String stat = "1234 (java (x) y) S 1 1234 1234 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 30 0 99 0 0";
        assertEquals(300 * 10_000_000L, ProcStats.cpuNanosFromStat(stat));
    }

    @Test
    void brokenStatLinesThrowNamedErrors() {
        assertThrows(IllegalArgumentException.class, () -> ProcStats.cpuNanosFromStat("1234 java S 1 2"));
        assertThrows(IllegalArgumentException.class, () -> ProcStats.cpuNanosFromStat("1 (java) S 1 2 3"));
        assertThrows(NumberFormatException.class,
                () -> ProcStats.cpuNanosFromStat("1 (j) S 1 1 1 0 -1 0 0 0 0 0 x y 0"));
    }

    @Test
    void rssFromStatus() {
        assertEquals(20480, ProcStats.rssKbFromStatus("Name:\tjava\nVmRSS:\t   20480 kB\nThreads: 3\n"));
        assertEquals(-1, ProcStats.rssKbFromStatus("Name:\tjava\n"));
    }

    @Test
    void threadsFromStatus() {
        assertEquals(3, ProcStats.threadsFromStatus("Name:\tjava\nVmRSS:\t   20480 kB\nThreads:\t3\n"));
        assertEquals(-1, ProcStats.threadsFromStatus("Name:\tjava\n"));
        assertThrows(NumberFormatException.class, () -> ProcStats.threadsFromStatus("Threads:\tmany\n"));
    }

    @Test
    void readsThisProcess() {
        ProcStats.Sample s = ProcStats.read(ProcessHandle.current().pid());
        assertNotNull(s, "/proc is readable on Linux");
        assertTrue(s.rssKb() > 0);
        assertTrue(s.threads() >= 1, "this test's own thread at least");
        assertEquals(null, ProcStats.read(Long.MAX_VALUE));
    }
}
