package io.junction.sfu.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SequenceRewriterTest {
    private static final long A = 0x11111111L;
    private static final long B = 0xBBBBBBBBL;

    private static void mapped(SequenceRewriter r, int seq, long ts, long now, int outSeq, long outTs) {
        assertEquals(SequenceRewriter.MAPPED, r.map(seq, ts, now), "seq " + seq);
        assertEquals(outSeq, r.outputSequence(), "output seq for " + seq);
        assertEquals(outTs, r.outputTimestamp(), "output ts for " + seq);
    }

    @Test
    void firstSegmentKeepsSourceNumbering() {
        SequenceRewriter r = new SequenceRewriter(90000, 1024);
        r.switchTo(A, 100, 5000, 0);
        mapped(r, 100, 5000, 0, 100, 5000);
        mapped(r, 102, 8000, 33, 102, 8000);
        mapped(r, 101, 5000, 34, 101, 5000); // reordered: consistent, no +1 drift
        assertEquals(SequenceRewriter.DUPLICATE, r.map(101, 5000, 35));
        assertEquals(SequenceRewriter.TOO_OLD, r.map(99, 2000, 36), "before the segment start");
    }

    @Test
    void switchKeepsSeqAndTimestampContinuousAcrossWraps() {
        SequenceRewriter r = new SequenceRewriter(90000, 1024);
        r.switchTo(A, 65534, 0xFFFFF000L, 0);
        mapped(r, 65534, 0xFFFFF000L, 0, 65534, 0xFFFFF000L);
        mapped(r, 65535, 0xFFFFF000L, 1, 65535, 0xFFFFF000L);
        mapped(r, 0, 0xFFFFF000L + 9000 - 0x100000000L, 33, 0, (0xFFFFF000L + 9000) & 0xFFFFFFFFL);
        long lastTs = (0xFFFFF000L + 9000) & 0xFFFFFFFFL;
        // switch to source B at t=133 ms: seq continues at 1, ts advances by 100 ms * 90 = 9000
        r.switchTo(B, 40000, 123456, 133);
        mapped(r, 40000, 123456, 133, 1, (lastTs + 9000) & 0xFFFFFFFFL);
        mapped(r, 40001, 123456 + 3000, 166, 2, (lastTs + 12000) & 0xFFFFFFFFL);
        assertEquals(SequenceRewriter.TOO_OLD, r.map(39999, 120456, 167), "older than the switch point");
        // reverse map across the switch
        assertTrue(r.lookup(65535));
        assertEquals(A, r.foundSourceSsrc());
        assertEquals(65535, r.foundSourceSequence());
        assertTrue(r.lookup(2));
        assertEquals(B, r.foundSourceSsrc());
        assertEquals(40001, r.foundSourceSequence());
        assertEquals(((lastTs + 9000) - 123456) & 0xFFFFFFFFL, r.foundTimestampOffset());
        assertFalse(r.lookup(3), "not produced yet");
    }

    @Test
    void switchWithNoElapsedTimeAdvancesTimestampByOne() {
        SequenceRewriter r = new SequenceRewriter(48000, 64);
        r.switchTo(A, 10, 1000, 50);
        mapped(r, 10, 1000, 50, 10, 1000);
        r.switchTo(B, 7, 999_999, 50);
        mapped(r, 7, 999_999, 50, 11, 1001);
    }

    @Test
    void reverseMapFallsBackToCurrentSegmentForUnsentSeqs() {
        SequenceRewriter r = new SequenceRewriter(90000, 64);
        r.switchTo(A, 500, 0, 0);
        mapped(r, 500, 0, 0, 500, 0);
        mapped(r, 502, 0, 0, 502, 0); // 501 lost upstream, subscriber will NACK it
        assertTrue(r.lookup(501));
        assertEquals(501, r.foundSourceSequence());
        assertFalse(r.lookup(499), "before the segment");
    }

    @Test
    void historyWindowBoundsDuplicatesAndLookups() {
        SequenceRewriter r = new SequenceRewriter(90000, 16);
        r.switchTo(A, 0, 0, 0);
        for (int s = 0; s < 40; s++) {
            r.map(s, 0, s);
        }
        assertEquals(SequenceRewriter.TOO_OLD, r.map(20, 0, 50), "beyond 16 remembered outputs");
        assertEquals(SequenceRewriter.DUPLICATE, r.map(30, 0, 50));
        assertFalse(r.lookup(23));
        assertTrue(r.lookup(24));
    }

    @Test
    void optionsValidated() {
        assertThrows(IllegalArgumentException.class, () -> new SequenceRewriter(0, 1024));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SequenceRewriter(90000, 1000));
        assertEquals("historySize must be a power of two in [16, 32768], was 1000", e.getMessage());
        assertThrows(IllegalStateException.class, () -> new SequenceRewriter(90000, 16).map(1, 1, 1));
    }
}
