package io.junction.sfu.bwe;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.junction.rtp.rtcp.TransportCcReader;
import io.junction.rtp.rtcp.TransportCcWriter;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The per-packet and per-feedback paths of the estimator and pacer allocate nothing once warm:
 * {@link SendSideEstimator#onSent}, {@link SendSideEstimator#onTransportCc} (matching, grouping,
 * trendline, detector, rate control, loss, acked bitrate), {@link Pacer#next}/{@link Pacer#onSent}.
 */
class BweAllocationTest {
    private final SendSideEstimator estimator = new SendSideEstimator(BweOptions.defaults());
    private final Pacer pacer = new Pacer(1_000_000, 1.5, 1_000_000, 5_000);
    private final TransportCcWriter writer = new TransportCcWriter(64);
    private final TransportCcReader reader = new TransportCcReader();
    private final byte[] buf = new byte[1500];
    private final long[] queued = {0, 0, 1200};
    private int seq;
    private long now;
    private long sink;

    /** 50 packets 1 ms apart, then one feedback for them (every 10th lost). */
    private void round() {
        int base = seq & 0xFFFF;
        for (int i = 0; i < 50; i++) {
            now += 1_000;
            if (pacer.next(now, queued) != Pacer.NONE) {
                pacer.onSent(Pacer.VIDEO, 1200);
            }
            estimator.onSent(seq++ & 0xFFFF, 1200, -1, now);
        }
        writer.resetAt(1, 2, base, now, seq);
        for (int i = 0; i < 50; i++) {
            if (i % 10 == 9) {
                writer.addLost();
            } else {
                writer.addReceivedAt(now - 50_000 + i * 1_000L + 20_000);
            }
        }
        int len = writer.write(buf, 0);
        if (reader.reset(buf, 0, len)) {
            estimator.onTransportCc(reader, now + 20_000);
        }
        sink += estimator.estimateBps(now) + pacer.nextSendUs(now);
    }

    @Test
    void steadyStateAllocatesNothing() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(mx.isThreadAllocatedMemorySupported());
        mx.setThreadAllocatedMemoryEnabled(true);
        long tid = Thread.currentThread().getId();
        for (int i = 0; i < 4_000; i++) { // warm-up: 200k packets, 4k feedbacks
            round();
        }
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 20_000; i++) { // 1M packets, 20k feedbacks
            round();
        }
        long delta = mx.getThreadAllocatedBytes(tid) - before;
        // any per-packet or per-feedback object would be >= 16 bytes x 20k = 320 kB
        assertTrue(delta < 16 * 1024, "allocated " + delta + " bytes in 1M packets / 20k feedbacks");
        assertTrue(sink != 0);
        assertTrue(estimator.feedbacks() == 24_000);
    }
}
