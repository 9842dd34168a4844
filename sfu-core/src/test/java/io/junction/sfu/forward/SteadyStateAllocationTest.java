package io.junction.sfu.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.junction.rtp.BufferPool;
import io.junction.rtp.PacketBuffer;
import io.junction.rtp.RtpPacket;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The per-packet path (parse view, keyframe check, NACK tracking, store once, decide + rewrite for
 * several subscriptions, NACK collection) allocates nothing once warm. Not a speed test.
 */
class SteadyStateAllocationTest {
    private static final long SSRC = 0x1234L;
    private static final int SUBSCRIBERS = 4;

    private final BufferPool pool = new BufferPool(4096, 1600, 64, false);
    private final RtpPacket view = new RtpPacket();
    private final KeyframeDetector vp8 = KeyframeDetector.forCodec("VP8");
    private final NackGenerator nacks = new NackGenerator(NackGenerator.Options.defaults());
    private final RetransmissionBuffer store = new RetransmissionBuffer(1024, 1000);
    private final Forwarder[] subs = new Forwarder[SUBSCRIBERS];
    private final byte[] keyPayload = Hex.bytes("10 00 9d 01 2a 00 00");
    private final byte[] deltaPayload = Hex.bytes("10 01 00 00 00 00 00");
    private long checksum;
    private final NackSink sink = seq -> checksum += seq;

    private void onePacket(int i) {
        int seq = (60000 + i) & 0xFFFF; // wraps 65535 -> 0 during the run
        if (i % 50 == 7) {
            return; // scripted loss
        }
        long now = i;
        PacketBuffer b = Packets.rtp(pool, 96, seq, 3000L * (i / 3), SSRC, i % 300 == 0 ? keyPayload : deltaPayload, 0);
        view.wrap(b);
        boolean key = vp8.isKeyframe(view.array(), view.payloadOffset(), view.payloadLength());
        nacks.onPacket(view.sequenceNumber(), now);
        for (Forwarder f : subs) {
            ForwardDecision d = f.decide(view.ssrc(), view.sequenceNumber(), view.timestamp(), key, now);
            if (d.forward()) {
                checksum += d.sequenceNumber() + d.timestamp();
            }
        }
        if (!store.store(b, seq, now)) {
            b.release();
        }
        if (i % 10 == 0) {
            nacks.collect(now, sink);
        }
    }

    @Test
    void perPacketPathDoesNotAllocate() {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "HotSpot allocation counter available");
        com.sun.management.ThreadMXBean hs = (com.sun.management.ThreadMXBean) mx;
        assumeTrue(hs.isThreadAllocatedMemorySupported() && hs.isThreadAllocatedMemoryEnabled());
        for (int s = 0; s < SUBSCRIBERS; s++) {
            subs[s] = new Forwarder(true, SSRC, 90000, 1024);
        }
        int i = 0;
        for (; i < 200_000; i++) { // warm-up: pool fills, JIT compiles
            onePacket(i);
        }
        long before = hs.getCurrentThreadAllocatedBytes();
        for (; i < 400_000; i++) {
            onePacket(i);
        }
        long allocated = hs.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 4096, "allocated " + allocated + " bytes over 200000 packets");
        assertTrue(subs[0].countOf(ForwardDecision.Verdict.FORWARD) > 300_000);
        assertTrue(nacks.nacksSent() > 0 && checksum != 0);
        store.close();
        assertEquals(0, pool.outstanding());
    }
}
