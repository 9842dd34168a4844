package io.junction.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Proves the forwarding rewrite (parse + SSRC/seq/ts/PT + one-byte extension id remap)
 * allocates nothing once warm.
 */
class SteadyStateAllocationTest {
    private static final byte[] PACKET = Hex.parse("""
            90 e0 fffe 00001000 deadbeef  # X=1 M=1 PT=96
            bede 0002                     # one-byte form, 2 words
            10 01 22 010203 00 00         # ID=1 (audio level style), ID=2 (3 bytes), padding
            """ + "ab".repeat(1160));

    @Test
    void rewriteAllocatesNothing() {
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(mx.isThreadAllocatedMemorySupported());
        mx.setThreadAllocatedMemoryEnabled(true);
        long tid = Thread.currentThread().getId();
        byte[] buf = PACKET.clone();
        RtpPacket p = new RtpPacket();
        byte[] map = new byte[16];
        map[1] = 3;
        map[2] = 1;
        map[3] = 1;
        long checksum = 0;
        for (int i = 0; i < 200_000; i++) { // warm-up: let the JIT compile the path
            checksum += rewrite(buf, p, map, i);
        }
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 1_000_000; i++) {
            checksum += rewrite(buf, p, map, i);
        }
        long after = mx.getThreadAllocatedBytes(tid);
        // One million iterations; any per-packet allocation (>= 16 bytes per object) would
        // show up as >= 16 MB. The tolerance covers allocations the measurement itself may
        // cause (getThreadAllocatedBytes, a possible OSR/deoptimization in the loop), which
        // are a few hundred bytes to a few KB and independent of the iteration count.
        long delta = after - before;
        assertTrue(delta < 16 * 1024, "allocated " + delta + " bytes in 1M rewrites");
        assertTrue(checksum != 0);
        assertTrue(p.wrap(buf, 0, buf.length));
        assertEquals(1, p.payloadType() >= 96 ? 1 : 0);
    }

    private static int rewrite(byte[] buf, RtpPacket p, byte[] map, int i) {
        if (!p.wrap(buf, 0, buf.length)) {
            return 0;
        }
        int seq = p.sequenceNumber();
        p.setSsrc(0x12345678L + (i & 1));
        p.setSequenceNumber(SeqNum.add(seq, 1));
        p.setTimestamp(p.timestamp() + 960);
        p.setPayloadType(96 + (i & 1));
        // swap ids 1 <-> 3 so every iteration sees a valid mapping
        map[1] = (byte) ((i & 1) == 0 ? 3 : 1);
        map[3] = (byte) ((i & 1) == 0 ? 3 : 1);
        return HeaderExtensions.remapIds(p, map) + seq;
    }
}
