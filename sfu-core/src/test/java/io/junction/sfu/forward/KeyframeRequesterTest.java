package io.junction.sfu.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KeyframeRequesterTest {

    @Test
    void pliThrottledTo300msAndRepeatedUntilKeyframe() {
        KeyframeRequester k = new KeyframeRequester(300, false);
        assertEquals(KeyframeRequest.NONE, k.poll(0), "nothing requested");
        k.request(0);
        k.request(1); // aggregated
        assertEquals(KeyframeRequest.PLI, k.poll(1));
        k.request(50);
        assertEquals(KeyframeRequest.NONE, k.poll(50));
        assertEquals(KeyframeRequest.NONE, k.poll(300));
        assertEquals(KeyframeRequest.PLI, k.poll(301), "still no keyframe: repeat after 300 ms");
        k.onKeyframe(320);
        assertFalse(k.pending());
        assertEquals(KeyframeRequest.NONE, k.poll(700));
        k.request(710);
        assertEquals(KeyframeRequest.PLI, k.poll(710));
        k.request(720); // new subscriber just after a PLI went out
        k.onKeyframe(730);
        k.request(740);
        assertEquals(KeyframeRequest.NONE, k.poll(800), "throttle applies across requests");
        assertEquals(KeyframeRequest.PLI, k.poll(1010));
        assertEquals(4, k.sent());
        assertEquals(6, k.requests());
    }

    @Test
    void firSequenceNumbersIncrementPerRequestNotPerRepeat() {
        KeyframeRequester k = new KeyframeRequester(300, true);
        k.request(0);
        assertEquals(KeyframeRequest.FIR, k.poll(0));
        assertEquals(0, k.firSequenceNumber());
        assertEquals(KeyframeRequest.FIR, k.poll(300));
        assertEquals(0, k.firSequenceNumber(), "RFC 5104 §4.3.1.1: a repetition keeps the number");
        k.onKeyframe(310);
        for (int i = 1; i <= 300; i++) {
            k.request(i * 1000L);
            assertEquals(KeyframeRequest.FIR, k.poll(i * 1000L));
            assertEquals(i & 0xFF, k.firSequenceNumber(), "wraps mod 256");
            k.onKeyframe(i * 1000L + 10);
        }
        assertTrue(k.keyframes() > 0);
    }

    @Test
    void intervalValidated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new KeyframeRequester(0, false));
        assertEquals("minIntervalMs must be in [1, 10000], was 0", e.getMessage());
    }
}
