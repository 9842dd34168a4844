package io.junction.sfu.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.junction.sfu.forward.ForwardDecision.Verdict;
import org.junit.jupiter.api.Test;

class ForwarderTest {
    private static final long LOW = 0x1000L;
    private static final long HIGH = 0x2000L;

    /** One table row: input packet and the expected decision ("FORWARD 123" or a drop verdict). */
    private static void row(Forwarder f, long ssrc, int seq, long ts, boolean key, long now, String expected) {
        ForwardDecision d = f.decide(ssrc, seq, ts, key, now);
        String actual = d.forward() ? "FORWARD " + d.sequenceNumber() : d.verdict().name();
        assertEquals(expected, actual, "ssrc=" + Long.toHexString(ssrc) + " seq=" + seq + " t=" + now);
    }

    @Test
    void videoWaitsForKeyframeThenForwardsContinuously() {
        Forwarder f = new Forwarder(true, LOW, 90000, 1024);
        assertTrue(f.needsKeyframe());
        row(f, LOW, 10, 1000, false, 0, "DROP_WAITING_FOR_KEYFRAME");
        row(f, LOW, 11, 1000, false, 1, "DROP_WAITING_FOR_KEYFRAME");
        row(f, LOW, 12, 4000, true, 33, "FORWARD 12");
        assertFalse(f.needsKeyframe());
        row(f, LOW, 13, 4000, false, 34, "FORWARD 13");
        row(f, LOW, 15, 7000, false, 66, "FORWARD 15");
        row(f, LOW, 14, 7000, false, 67, "FORWARD 14");   // reordered
        row(f, LOW, 14, 7000, false, 68, "DROP_DUPLICATE");
        row(f, LOW, 11, 1000, false, 69, "DROP_TOO_OLD"); // before the keyframe
        row(f, 0x9999L, 1, 1, true, 70, "DROP_NOT_SELECTED");
        assertEquals(4, f.countOf(Verdict.FORWARD));
        assertEquals(2, f.countOf(Verdict.DROP_WAITING_FOR_KEYFRAME));
    }

    @Test
    void aSwitchCalledOffBeforeItsKeyframeKeepsTheCurrentSourceFlowing() {
        Forwarder f = new Forwarder(true, LOW, 90000, 1024);
        row(f, LOW, 10, 1000, true, 0, "FORWARD 10");
        f.select(HIGH);
        assertTrue(f.needsKeyframe());
        row(f, LOW, 11, 1000, false, 1, "FORWARD 11");
        f.select(LOW); // back before HIGH's keyframe
        assertFalse(f.needsKeyframe());
        row(f, LOW, 12, 4000, false, 33, "FORWARD 12");
        row(f, HIGH, 300, 50000, true, 34, "DROP_NOT_SELECTED");
        row(f, LOW, 13, 7000, false, 66, "FORWARD 13");
        f.pause();
        f.resume();
        f.select(LOW); // after a pause the same source still waits for a keyframe
        assertTrue(f.needsKeyframe());
        row(f, LOW, 14, 9000, false, 99, "DROP_WAITING_FOR_KEYFRAME");
    }

    @Test
    void audioStartsImmediately() {
        Forwarder f = new Forwarder(false, LOW, 48000, 1024);
        assertFalse(f.needsKeyframe());
        row(f, LOW, 500, 960, false, 0, "FORWARD 500");
        row(f, LOW, 501, 1920, false, 20, "FORWARD 501");
    }

    @Test
    void simulcastSwitchWaitsForKeyframeOnNewLayerAndLeavesNoHole() {
        Forwarder f = new Forwarder(true, LOW, 90000, 1024);
        row(f, LOW, 65534, 9000, true, 0, "FORWARD 65534");
        row(f, LOW, 65535, 9000, false, 1, "FORWARD 65535");
        f.select(HIGH);
        assertTrue(f.needsKeyframe());
        row(f, HIGH, 300, 50000, false, 30, "DROP_WAITING_FOR_KEYFRAME");
        row(f, LOW, 0, 12000, false, 33, "FORWARD 0");     // old layer keeps flowing, across the wrap
        row(f, HIGH, 301, 53000, true, 66, "FORWARD 1");   // switch: last output + 1
        long switchTs = f.decide(HIGH, 302, 53000, false, 67).timestamp();
        assertEquals((12000 + 33 * 90) & 0xFFFFFFFFL, switchTs, "ts advanced by elapsed 33 ms at 90 kHz");
        row(f, LOW, 1, 15000, false, 68, "DROP_NOT_SELECTED"); // old layer now dropped
        row(f, HIGH, 303, 56000, false, 99, "FORWARD 3");
    }

    @Test
    void pauseAndResume() {
        Forwarder f = new Forwarder(true, LOW, 90000, 1024);
        row(f, LOW, 1, 0, true, 0, "FORWARD 1");
        f.pause();
        assertFalse(f.needsKeyframe());
        row(f, LOW, 2, 0, false, 10, "DROP_PAUSED");
        row(f, LOW, 3, 3000, true, 20, "DROP_PAUSED");
        f.resume();
        assertTrue(f.needsKeyframe());
        row(f, LOW, 4, 3000, false, 30, "DROP_WAITING_FOR_KEYFRAME");
        row(f, LOW, 50, 90000, true, 1000, "FORWARD 2");   // no hole for the paused/dropped frames
        row(f, LOW, 51, 90000, false, 1001, "FORWARD 3");
        row(f, LOW, 4, 3000, false, 1002, "DROP_TOO_OLD");
        assertEquals(2, f.countOf(Verdict.DROP_PAUSED));
    }

    @Test
    void publisherSsrcChangeOnAudio() {
        Forwarder f = new Forwarder(false, LOW, 48000, 1024);
        row(f, LOW, 100, 0, false, 0, "FORWARD 100");
        f.select(HIGH);
        row(f, HIGH, 7, 0, false, 20, "FORWARD 101");
        row(f, LOW, 101, 960, false, 21, "DROP_NOT_SELECTED");
    }
}
