package io.junction.sfu.room;

import io.junction.rtp.BufferPool;
import io.junction.rtp.PacketBuffer;
import io.junction.rtp.RtpHeader;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulcast receive and forwarding path (layer lookup by SSRC, per-layer stats and store, the
 * subscription's layer filter and VP8 PictureID rewrite) allocates nothing per packet once the
 * layers' SSRCs are learned.
 */
class SimulcastAllocationTest {
    private static final long[] SSRC = {100, 200, 300};

    private static final class CountingSender implements MediaSender {
        long rtp;

        @Override
        public void sendRtp(byte[] buf, int off, int len) {
            rtp++;
        }

        @Override
        public void sendRtcp(byte[] buf, int off, int len) {
        }
    }

    @Test
    void steadyStateSimulcastForwardingAllocatesNothing() {
        BufferPool pool = new BufferPool(4096);
        CountingSender pubSide = new CountingSender();
        CountingSender subSide = new CountingSender();
        ParticipantMedia publisher = new ParticipantMedia("p1", pubSide, 1);
        TrackSource src = new TrackSource("p1/1", "p1", "t", "video", "VP8", 90000, 96, 97, -1, -1, false,
                List.of(new LayerSource("q", -1, -1, -1), new LayerSource("h", -1, -1, -1), new LayerSource("f", -1, -1, -1)));
        PublishedTrack track = new PublishedTrack(src, pubSide, 1, RoomOptions.defaults());
        track.setStreamIdExtensionIds(0, 10, 11);
        MediaGraph graph = new MediaGraph();
        graph.publish(publisher, track);
        ParticipantMedia subscriber = new ParticipantMedia("p2", subSide, 2);
        Subscription s = new Subscription(track, subSide, pool, new Subscription.Output(7000, 7001, 100, 101, new byte[256]), 3);
        graph.subscribe(subscriber, s);
        s.activate(0);
        int[] seq = {1, 20_000, 65_000};
        long now = 0;
        // learn the SSRCs (RID on the first packet of each layer), then choose the top layer
        for (int l = 0; l < 3; l++) {
            publisher.onRtp(packet(pool, l, seq[l]++, 0, true, true), now);
        }
        now += Subscription.CHOICE_INTERVAL_MS; // the next layer choice
        track.tick(now);
        assertEquals(2, s.targetLayer());
        for (int round = 0; round < 2; round++) {
            com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 30_000; i++) {
                now++;
                for (int l = 0; l < 3; l++) {
                    publisher.onRtp(packet(pool, l, seq[l]++, i, i % 30 == 0, false), now);
                }
            }
            long allocated = mx.getCurrentThreadAllocatedBytes() - before;
            if (round == 1) {
                assertTrue(allocated < 8 * 1024, "allocated " + allocated + " bytes over 90k packets");
            }
        }
        assertTrue(subSide.rtp > 50_000, "the top layer was forwarded: " + subSide.rtp);
        assertEquals(3, publisher.learnedSsrcs());
        track.close();
        assertEquals(0, pool.outstanding());
    }

    /** A VP8 packet with PictureID and TL0PICIDX, the RID element when {@code rid}. */
    private static PacketBuffer packet(BufferPool pool, int l, int seq, int frame, boolean key, boolean rid) {
        PacketBuffer p = pool.acquire();
        byte[] b = p.array();
        int off = p.offset();
        int at = off + RtpHeader.writeFixedHeader(b, off, false, 96, seq & 0xFFFF, frame * 3000L, SSRC[l]);
        if (rid) {
            b[off] |= 0x10;
            b[at++] = (byte) 0xBE;
            b[at++] = (byte) 0xDE;
            b[at++] = 0;
            b[at++] = 1;
            b[at++] = (byte) (10 << 4);
            b[at++] = (byte) "qhf".charAt(l);
            b[at++] = 0;
            b[at++] = 0;
        }
        b[at++] = (byte) 0x90;
        b[at++] = (byte) 0xC0;
        b[at++] = (byte) (0x80 | (frame >> 8 & 0x7F));
        b[at++] = (byte) frame;
        b[at++] = (byte) frame;
        b[at++] = (byte) (key ? 0x10 : 0x11);
        b[at++] = 0;
        b[at++] = 0;
        for (int i = 0; i < 200; i++) {
            b[at++] = (byte) i;
        }
        p.setLength(at - off);
        return p;
    }
}
