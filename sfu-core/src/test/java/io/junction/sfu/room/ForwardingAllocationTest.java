package io.junction.sfu.room;

import io.junction.rtp.BufferPool;
import io.junction.rtp.PacketBuffer;
import io.junction.rtp.RtpHeader;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The steady-state forwarding path of a room (participant receive → published track → three
 * subscriptions → send, plus transport-wide CC bookkeeping and the periodic tick) allocates
 * nothing per packet.
 */
class ForwardingAllocationTest {

    private static final class NullSender implements MediaSender {
        long rtp;
        long rtcp;

        @Override
        public void sendRtp(byte[] buf, int off, int len) {
            rtp++;
        }

        @Override
        public void sendRtcp(byte[] buf, int off, int len) {
            rtcp++;
        }
    }

    @Test
    void steadyStateForwardingAllocatesNothing() {
        BufferPool pool = new BufferPool(4096);
        NullSender publisherSide = new NullSender();
        NullSender subscriberSide = new NullSender();
        ParticipantMedia publisher = new ParticipantMedia("p1", publisherSide, 1234);
        publisher.setTransportCcExtensionId(3);
        TrackSource src = new TrackSource("p1/0", "p1", "t", "video", "VP8", 90000, 96, 97, 1111, 2222, false);
        PublishedTrack track = new PublishedTrack(src, publisherSide, 1234, RoomOptions.defaults());
        publisher.addPublished(track);
        byte[] extMap = new byte[256];
        extMap[3] = 5;
        for (int i = 0; i < 3; i++) {
            Subscription s = new Subscription(track, subscriberSide, pool,
                    new Subscription.Output(5000 + i, 6000 + i, 100, 101, extMap), 7);
            track.addSubscription(s);
            s.activate(0);
        }
        long now = 0;
        int seq = 65000;
        long[] clock = {0};
        // warm-up, then measure
        for (int round = 0; round < 2; round++) {
            com.sun.management.ThreadMXBean mx =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100_000; i++) {
                PacketBuffer p = pool.acquire();
                int len = writePacket(p.array(), p.offset(), seq, i % 30 == 0);
                p.setLength(len);
                seq = (seq + 1) & 0xFFFF;
                now = clock[0]++;
                publisher.onRtp(p, now);
                if (i % 10 == 0) {
                    track.tick(now);
                    publisher.sendTransportFeedback();
                }
            }
            long allocated = mx.getCurrentThreadAllocatedBytes() - before;
            if (round == 1) {
                // Tolerance: the JIT and the allocation counter itself may account a few hundred bytes once.
                assertTrue(allocated < 8 * 1024, "allocated " + allocated + " bytes over 100k packets");
            }
        }
        assertEquals(3 * 200_000L, subscriberSide.rtp, "every packet reached the three subscribers");
        assertTrue(publisherSide.rtcp > 0, "transport-wide CC feedback went to the publisher");
        track.close();
        assertEquals(0, pool.outstanding(), "every pooled buffer returned");
    }

    /** A VP8-shaped packet with a one-byte extension block carrying a transport-wide seq (id 3). */
    private static int writePacket(byte[] b, int off, int seq, boolean keyframe) {
        int p = off + RtpHeader.writeFixedHeader(b, off, false, 96, seq, seq * 3000L, 1111);
        b[off] |= 0x10; // X bit
        b[p] = (byte) 0xBE;
        b[p + 1] = (byte) 0xDE;
        b[p + 2] = 0;
        b[p + 3] = 1; // one 32-bit word
        b[p + 4] = (byte) ((3 << 4) | 1); // id 3, length 2
        b[p + 5] = (byte) (seq >> 8);
        b[p + 6] = (byte) seq;
        b[p + 7] = 0;
        p += 8;
        b[p] = 0x10; // VP8 descriptor, S bit
        b[p + 1] = (byte) (keyframe ? 0x10 : 0x11);
        b[p + 2] = 0;
        b[p + 3] = 0;
        for (int i = 4; i < 1000; i++) {
            b[p + i] = (byte) i;
        }
        return p + 1000 - off;
    }
}
