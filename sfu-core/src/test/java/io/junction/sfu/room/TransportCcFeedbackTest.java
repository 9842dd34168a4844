package io.junction.sfu.room;

import io.junction.rtp.rtcp.TransportCcReader;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransportCcFeedbackTest {

    /** Collects the RTCP packets sent and decodes them. */
    private static final class Capture implements MediaSender {
        final List<byte[]> rtcp = new ArrayList<>();

        @Override
        public void sendRtp(byte[] buf, int off, int len) {
            throw new AssertionError("no RTP expected");
        }

        @Override
        public void sendRtcp(byte[] buf, int off, int len) {
            rtcp.add(java.util.Arrays.copyOfRange(buf, off, off + len));
        }
    }

    @Test
    void reportsReceivedAndLostAcrossTheWrapWithArrivalDeltas() {
        TransportCcFeedback fb = new TransportCcFeedback();
        Capture c = new Capture();
        long t = 1_000_000;
        // 65533, 65534, (65535 lost), 0, 1 — 5 ms apart.
        int[] seqs = {65533, 65534, 0, 1};
        long[] at = {t, t + 5000, t + 15000, t + 20000};
        for (int i = 0; i < seqs.length; i++) {
            fb.onPacket(seqs[i], at[i]);
        }
        assertEquals(1, fb.flush(11, 22, c));
        TransportCcReader r = new TransportCcReader();
        byte[] p = c.rtcp.get(0);
        assertTrue(r.reset(p, 0, p.length));
        assertEquals(65533, r.baseSequenceNumber());
        assertEquals(5, r.statusCount());
        assertEquals(11, r.senderSsrc());
        assertEquals(22, r.mediaSsrc());
        boolean[] expectReceived = {true, true, false, true, true};
        int[] expectSeq = {65533, 65534, 65535, 0, 1};
        long previous = -1;
        for (int i = 0; i < 5; i++) {
            assertTrue(r.next());
            assertEquals(expectSeq[i], r.sequenceNumber());
            assertEquals(expectReceived[i], r.received(), "status of " + expectSeq[i]);
            if (r.received()) {
                if (previous >= 0) {
                    long d = r.arrivalTimeUs() - previous;
                    assertTrue(d == 5000 || d == 10000, "delta " + d);
                }
                previous = r.arrivalTimeUs();
            }
        }
        assertFalse(r.next());
        assertEquals(0, fb.flush(11, 22, c), "nothing new: nothing sent");
        fb.onPacket(2, t + 25000);
        assertEquals(1, fb.flush(11, 22, c));
        p = c.rtcp.get(1);
        assertTrue(r.reset(p, 0, p.length));
        assertEquals(2, r.baseSequenceNumber());
        assertEquals(1, r.statusCount());
        assertEquals(1, r.feedbackCount(), "feedback packet count increments");
    }

    @Test
    void longRunsSplitIntoSeveralFeedbacks() {
        TransportCcFeedback fb = new TransportCcFeedback();
        Capture c = new Capture();
        for (int i = 0; i < 600; i++) {
            fb.onPacket(i, 1_000_000L + i * 1000L);
        }
        int sent = fb.flush(1, 2, c);
        assertEquals(3, sent, "600 packets at 256 per feedback");
        TransportCcReader r = new TransportCcReader();
        int total = 0;
        for (byte[] p : c.rtcp) {
            assertTrue(r.reset(p, 0, p.length));
            total += r.statusCount();
        }
        assertEquals(600, total);
    }
}
