package io.junction.sfu.room;

import io.junction.rtp.BufferPool;
import io.junction.rtp.PacketBuffer;
import io.junction.rtp.RtpHeader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * Not a test: the sfu-core forward path's cost per forwarded packet in thread CPU time (robust to a
 * machine shared with other work, unlike wall-clock throughput). One VP8 publisher (1000-byte
 * payloads with a transport-wide CC extension, a keyframe every 30 packets) fanned out to
 * {@code subscribers} subscriptions whose sender does nothing: receive bookkeeping, forward
 * decision, copy, header rewrite, VP8 descriptor rewrite, extension remap, send statistics,
 * periodic tick. No SRTP, no socket.
 *
 * <p>Run: {@code java -cp sfu-core/target/test-classes:bench/target/benchmarks.jar
 * io.junction.sfu.room.ForwardPathCostProbe [subscribers=15] [rounds=9]}; prints the median of the
 * rounds in ns per forwarded packet.
 */
public final class ForwardPathCostProbe {
    private ForwardPathCostProbe() {
    }

    private static final class NullSender implements MediaSender {
        long rtp;

        @Override
        public void sendRtp(byte[] buf, int off, int len) {
            rtp++;
        }

        @Override
        public void sendRtcp(byte[] buf, int off, int len) {
        }
    }

    public static void main(String[] args) {
        int subscribers = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
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
        for (int i = 0; i < subscribers; i++) {
            Subscription s = new Subscription(track, subscriberSide, pool,
                    new Subscription.Output(5000 + i, 6000 + i, 100, 101, extMap), 7);
            track.addSubscription(s);
            s.activate(0);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int packets = 200_000;
        int seq = 1;
        long now = 0;
        double[] ns = new double[rounds];
        for (int warm = 0; warm < 3; warm++) {
            for (int i = 0; i < packets; i++) {
                seq = (seq + 1) & 0xFFFF;
                now++;
                send(pool, publisher, track, seq, i, now);
            }
        }
        for (int r = 0; r < rounds; r++) {
            long out0 = subscriberSide.rtp;
            long cpu0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < packets; i++) {
                seq = (seq + 1) & 0xFFFF;
                now++;
                send(pool, publisher, track, seq, i, now);
            }
            ns[r] = (double) (mx.getCurrentThreadCpuTime() - cpu0) / (subscriberSide.rtp - out0);
        }
        double[] sorted = ns.clone();
        Arrays.sort(sorted);
        System.out.printf("forward path, %d subscribers: median %.1f ns CPU per forwarded packet (rounds %s)%n",
                subscribers, sorted[rounds / 2], Arrays.toString(Arrays.stream(ns).map(x -> Math.round(x)).toArray()));
        track.close();
    }

    private static void send(BufferPool pool, ParticipantMedia publisher, PublishedTrack track, int seq, int i,
                             long now) {
        PacketBuffer p = pool.acquire();
        p.setLength(writePacket(p.array(), p.offset(), seq, i % 30 == 0));
        publisher.onRtp(p, now);
        if (i % 10 == 0) {
            track.tick(now);
            publisher.sendTransportFeedback();
        }
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
        b[p] = (byte) 0x90; // VP8 descriptor: X and S bits
        b[p + 1] = (byte) 0x80; // I: a 15-bit PictureID follows
        b[p + 2] = (byte) (0x80 | (seq >> 8) & 0x7F);
        b[p + 3] = (byte) seq;
        b[p + 4] = (byte) (keyframe ? 0x10 : 0x11);
        for (int i = 5; i < 1000; i++) {
            b[p + i] = (byte) i;
        }
        return p + 1000 - off;
    }
}
