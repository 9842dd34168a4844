package io.junction.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SeqNumTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 32767, 65535})
    void arithmeticAroundStartPoints(int start) {
        assertEquals(0, SeqNum.diff(start, start));
        assertFalse(SeqNum.isNewer(start, start));
        for (int d = 1; d <= 32767; d += 4681) {
            int ahead = SeqNum.add(start, d);
            int behind = SeqNum.add(start, -d);
            assertEquals(d, SeqNum.diff(ahead, start), "ahead by " + d + " from " + start);
            assertEquals(-d, SeqNum.diff(behind, start), "behind by " + d + " from " + start);
            assertTrue(SeqNum.isNewer(ahead, start));
            assertFalse(SeqNum.isNewer(start, ahead));
            assertTrue(SeqNum.isNewer(start, behind));
            assertEquals(start, SeqNum.add(ahead, -d));
        }
        assertTrue(SeqNum.isNewer(SeqNum.add(start, 32767), start));
        // exactly half the circle apart: -32768 both ways, neither is newer
        int half = SeqNum.add(start, 32768);
        assertEquals(-32768, SeqNum.diff(half, start));
        assertEquals(-32768, SeqNum.diff(start, half));
        assertFalse(SeqNum.isNewer(half, start));
        assertFalse(SeqNum.isNewer(start, half));
    }

    @Test
    void wrapEdges() {
        assertEquals(0, SeqNum.add(65535, 1));
        assertEquals(65535, SeqNum.add(0, -1));
        assertEquals(1, SeqNum.diff(0, 65535));
        assertEquals(-1, SeqNum.diff(65535, 0));
        assertTrue(SeqNum.isNewer(0, 65535));
        assertEquals(32767, SeqNum.diff(32767, 0));
        assertEquals(-32767, SeqNum.diff(0, 32767));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 32767, 65535})
    void unwrapperCountsCyclesForward(int start) {
        SeqNumUnwrapper u = new SeqNumUnwrapper();
        assertEquals(start, u.unwrap(start));
        long expected = start;
        int seq = start;
        for (int i = 0; i < 3 * 65536; i += 1000) {
            seq = SeqNum.add(seq, 1000);
            expected += 1000;
            assertEquals(expected, u.unwrap(seq));
        }
        assertEquals(expected, u.highest());
    }

    @Test
    void unwrapperHandlesReorderingNearWrap() {
        SeqNumUnwrapper u = new SeqNumUnwrapper();
        assertEquals(65534, u.unwrap(65534));
        assertEquals(65536 + 1, u.unwrap(1));     // jumped over the wrap
        assertEquals(65535, u.unwrap(65535));     // late packet from before the wrap
        assertEquals(65536, u.unwrap(0));         // late, after the wrap
        assertEquals(65537, u.highest());
        assertEquals(65538, u.unwrap(2));
    }

    @Test
    void unwrapperReorderedBeforeFirstGoesNegative() {
        SeqNumUnwrapper u = new SeqNumUnwrapper();
        assertEquals(0, u.unwrap(0));
        assertEquals(-1, u.unwrap(65535));
        assertEquals(65535, u.unwrap(65535) & 0xFFFF);
        assertEquals(0, u.highest());
        assertEquals(1, u.peek(1));
        assertEquals(0, u.highest());
        u.reset();
        assertFalse(u.started());
        assertEquals(40000, u.unwrap(40000));
    }
}
