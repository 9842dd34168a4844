package io.junction.sfu.room;

import io.junction.rtp.BufferPool;
import io.junction.rtp.HeaderExtensions;
import io.junction.rtp.PacketBuffer;
import io.junction.rtp.RtpHeader;
import io.junction.rtp.RtpPacket;
import io.junction.rtp.rtcp.Feedback;
import io.junction.rtp.rtcp.RtcpCursor;
import io.junction.rtp.rtcp.RtcpHeader;
import io.junction.sfu.bwe.BweOptions;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * A deterministic, discrete-time (1 ms steps) model of the room's forwarding toward one
 * subscriber over a limited path, with the real units: a publisher sends three VP8 simulcast
 * layers (keyframes when asked by PLI), {@link PublishedTrack} and {@link Subscription} forward
 * one of them, the subscriber's {@link ParticipantMedia} stamps transport-wide sequence
 * numbers ({@link SubscriberBandwidth}), a drop-tail bottleneck of {@link #capacityBpsAt}
 * with a one-way delay carries the packets, the receive side writes transport-wide feedback
 * every 50 ms ({@link TransportCcFeedback}) that returns after the same delay into
 * {@link ParticipantMedia#onRtcp}, and the room's tick runs every 10 ms (layer choice and
 * {@link BandwidthAllocation}). Test code only.
 */
final class BweRoomSimulation {
    static final long[] SSRC = {100, 200, 300};
    /** Track {@code k}'s layer SSRCs are {@link #SSRC} + 1000 k. */
    static final long TRACK_SSRC_STEP = 1000;
    static final int TWCC_ID = 5;
    static final int RID_ID = 10;

    LongUnaryOperator capacityBpsAt = t -> 5_000_000;
    long oneWayUs = 20_000;
    long maxQueueUs = 250_000;
    final long[] layerBps;

    private final BufferPool pool = new BufferPool(8192);
    private long nowUs;
    private final int tracks;
    private final ParticipantMedia[] publishers;
    private final ParticipantMedia subscriber;
    private final PublishedTrack[] trackOf;
    final Subscription subscription;
    final Subscription[] subscriptions;
    /** The dominant speaker's participant id handed to the allocation, or null. */
    String speaker;
    private final boolean[][] keyRequested;
    private final int[][] seq;
    private final int[][] frame;
    private boolean learned;
    private long linkFreeUs;
    private long lastArrivalUs;
    private final ArrayDeque<long[]> inFlight = new ArrayDeque<>(); // {twSeq, arrivalUs, layer}
    private final ArrayDeque<Object[]> feedbackInFlight = new ArrayDeque<>(); // {dueUs, byte[]}
    private final TransportCcFeedback receiver = new TransportCcFeedback();
    private final RtpPacket view = new RtpPacket();
    private final RtcpCursor cursor = new RtcpCursor();
    long dropped;
    long delivered;
    long padding;
    /** {timeMs, current layer, target layer, estimate} every 100 ms. */
    final List<long[]> samples = new ArrayList<>();

    BweRoomSimulation(long[] layerBps) {
        this(layerBps, true);
    }

    /** @param rtx the subscription has an RTX stream (then up-switches are probed with padding first) */
    BweRoomSimulation(long[] layerBps, boolean rtx) {
        this(layerBps, rtx, 1);
    }

    /** @param tracks publishers (p1, p3, ...), one simulcast video track each, all received by p2 */
    BweRoomSimulation(long[] layerBps, boolean rtx, int tracks) {
        this.layerBps = layerBps.clone();
        this.tracks = tracks;
        this.publishers = new ParticipantMedia[tracks];
        this.trackOf = new PublishedTrack[tracks];
        this.subscriptions = new Subscription[tracks];
        this.keyRequested = new boolean[tracks][3];
        this.seq = new int[tracks][3];
        this.frame = new int[tracks][3];
        for (int k = 0; k < tracks; k++) {
            java.util.Arrays.fill(keyRequested[k], true);
            seq[k] = new int[] {1 + k, 20_000 + k, 40_000 + k};
        }
        MediaSender pubSide = new MediaSender() {
            @Override
            public void sendRtp(byte[] buf, int off, int len) {
            }

            @Override
            public void sendRtcp(byte[] buf, int off, int len) {
                onUpstreamRtcp(buf, off, len);
            }
        };
        MediaSender subSide = new MediaSender() {
            @Override
            public void sendRtp(byte[] buf, int off, int len) {
                onWire(buf, off, len);
            }

            @Override
            public void sendRtcp(byte[] buf, int off, int len) {
            }
        };
        MediaGraph graph = new MediaGraph();
        subscriber = new ParticipantMedia("p2", subSide, 2, () -> nowUs, BweOptions.defaults());
        subscriber.bandwidth().setExtensionId(TWCC_ID);
        for (int k = 0; k < tracks; k++) {
            String id = "p" + (2 * k + 1);
            publishers[k] = new ParticipantMedia(id, pubSide, 1 + k, () -> nowUs, BweOptions.defaults());
            TrackSource src = new TrackSource(id + "/1", id, "t", "video", "VP8", 90000, 96, 97, -1, -1, false,
                    List.of(new LayerSource("q", -1, -1, -1), new LayerSource("h", -1, -1, -1),
                            new LayerSource("f", -1, -1, -1)));
            trackOf[k] = new PublishedTrack(src, pubSide, 1, RoomOptions.defaults());
            trackOf[k].setStreamIdExtensionIds(0, RID_ID, 0);
            graph.publish(publishers[k], trackOf[k]);
            long out = 7000 + 10 * k;
            subscriptions[k] = new Subscription(trackOf[k], subscriber.sender(), pool,
                    new Subscription.Output(out, rtx ? out + 1 : -1, 100, rtx ? 101 : -1, new byte[256]), 3);
            graph.subscribe(subscriber, subscriptions[k]);
            subscriptions[k].activate(0);
        }
        subscription = subscriptions[0];
    }

    /** The current layer of subscription {@code k}. */
    int layerOf(int k) {
        return subscriptions[k].currentLayer();
    }

    ParticipantMedia subscriber() {
        return subscriber;
    }

    void run(long untilMs) {
        for (long ms = nowUs / 1000; ms <= untilMs; ms++) {
            nowUs = ms * 1000;
            if (ms % 33 == 0) {
                for (int k = 0; k < tracks; k++) {
                    for (int l = 0; l < 3; l++) {
                        sendFrame(k, l, ms);
                    }
                }
                learned = true;
            }
            deliver();
            if (ms % 50 == 0) {
                receiver.flush(9, 0, new MediaSender() {
                    @Override
                    public void sendRtp(byte[] buf, int off, int len) {
                    }

                    @Override
                    public void sendRtcp(byte[] buf, int off, int len) {
                        feedbackInFlight.add(new Object[] {nowUs + oneWayUs,
                                java.util.Arrays.copyOfRange(buf, off, off + len)});
                    }
                });
            }
            while (!feedbackInFlight.isEmpty() && (long) feedbackInFlight.peek()[0] <= nowUs) {
                byte[] fb = (byte[]) feedbackInFlight.poll()[1];
                PacketBuffer p = pool.acquire();
                p.copyFrom(fb, 0, fb.length);
                subscriber.onRtcp(p, ms, ms);
            }
            if (ms % 10 == 0) {
                for (PublishedTrack t : trackOf) {
                    t.tick(ms);
                }
                subscriber.allocate(ms, speaker);
            }
            if (ms % 100 == 0) {
                long est = subscriber.bandwidth().estimateBps();
                samples.add(new long[] {ms, subscription.currentLayer(), subscription.targetLayer(), est});
            }
        }
    }

    private void sendFrame(int k, int l, long ms) {
        boolean key = keyRequested[k][l];
        keyRequested[k][l] = false;
        int bytes = (int) (layerBps[l] / 8 / 30) * (key ? 3 : 1);
        int packets = Math.max(1, (bytes + 1099) / 1100);
        for (int i = 0; i < packets; i++) {
            int payload = Math.max(50, Math.min(1100, bytes - i * 1100));
            publishers[k].onRtp(packet(k, l, seq[k][l]++, frame[k][l], key, i == 0, !learned, payload), ms);
        }
        frame[k][l]++;
    }

    /** A VP8 packet with PictureID and TL0PICIDX; the RID element until the layers are learned. */
    private PacketBuffer packet(int k, int l, int s, int f, boolean key, boolean start, boolean rid, int payload) {
        PacketBuffer p = pool.acquire();
        byte[] b = p.array();
        int off = p.offset();
        int at = off + RtpHeader.writeFixedHeader(b, off, false, 96, s & 0xFFFF, f * 3000L, SSRC[l] + TRACK_SSRC_STEP * k);
        if (rid) {
            b[off] |= 0x10;
            b[at++] = (byte) 0xBE;
            b[at++] = (byte) 0xDE;
            b[at++] = 0;
            b[at++] = 1;
            b[at++] = (byte) (RID_ID << 4);
            b[at++] = (byte) "qhf".charAt(l);
            b[at++] = 0;
            b[at++] = 0;
        }
        b[at++] = (byte) (start ? 0x90 : 0x80);
        b[at++] = (byte) 0xC0;
        b[at++] = (byte) (0x80 | (f >> 8 & 0x7F));
        b[at++] = (byte) f;
        b[at++] = (byte) f;
        b[at++] = (byte) (key ? 0x10 : 0x11);
        for (int i = 0; i < payload; i++) {
            b[at++] = (byte) i;
        }
        p.setLength(at - off);
        return p;
    }

    /** PLI from the track toward the publisher: the named layer sends a keyframe next. */
    private void onUpstreamRtcp(byte[] b, int off, int len) {
        if (!cursor.reset(b, off, len)) {
            return;
        }
        while (cursor.next()) {
            if (cursor.packetType() == RtcpHeader.PSFB && Feedback.fmt(b, cursor.offset()) == RtcpHeader.FMT_PLI) {
                long media = Feedback.mediaSsrc(b, cursor.offset());
                for (int k = 0; k < tracks; k++) {
                    for (int l = 0; l < 3; l++) {
                        if (SSRC[l] + TRACK_SSRC_STEP * k == media) {
                            keyRequested[k][l] = true;
                        }
                    }
                }
            }
        }
    }

    /** A packet leaving the server toward the subscriber: the bottleneck queue. */
    private void onWire(byte[] buf, int off, int len) {
        if (!view.wrap(buf, off, len)) {
            throw new AssertionError("the server sent an invalid RTP packet");
        }
        int at = HeaderExtensions.find(view, TWCC_ID);
        if (at < 0 || HeaderExtensions.valueLength(view, at) != 2) {
            throw new AssertionError("a packet toward the subscriber without a transport-wide sequence number");
        }
        int tw = ((buf[at] & 0xFF) << 8) | (buf[at + 1] & 0xFF);
        if (view.ssrc() % 10 == 1 && view.hasPadding() && view.payloadLength() == 0) {
            padding++;
        }
        long cap = Math.max(1, capacityBpsAt.applyAsLong(nowUs / 1000));
        long start = Math.max(nowUs, linkFreeUs);
        if (start - nowUs > maxQueueUs) {
            dropped++;
            return;
        }
        linkFreeUs = start + (len + SubscriberBandwidth.WIRE_OVERHEAD) * 8_000_000L / cap;
        long arrival = Math.max(lastArrivalUs, linkFreeUs + oneWayUs);
        lastArrivalUs = arrival;
        inFlight.add(new long[] {tw, arrival});
    }

    private void deliver() {
        while (!inFlight.isEmpty() && inFlight.peek()[1] <= nowUs) {
            long[] p = inFlight.poll();
            receiver.onPacket((int) p[0], p[1]);
            delivered++;
        }
    }

    /** Fraction of samples in [fromMs, toMs] whose current layer is {@code layer}. */
    double shareAt(int layer, long fromMs, long toMs) {
        int n = 0;
        int hit = 0;
        for (long[] s : samples) {
            if (s[0] >= fromMs && s[0] <= toMs) {
                n++;
                if (s[1] == layer) {
                    hit++;
                }
            }
        }
        return n == 0 ? 0 : (double) hit / n;
    }

    /** First sample time at or after {@code fromMs} whose current layer satisfies {@code test}, or -1. */
    long firstTime(long fromMs, java.util.function.LongPredicate test) {
        for (long[] s : samples) {
            if (s[0] >= fromMs && test.test(s[1])) {
                return s[0];
            }
        }
        return -1;
    }

    /** Changes of the current layer in [fromMs, toMs]. */
    int switches(long fromMs, long toMs) {
        int n = 0;
        long prev = Long.MIN_VALUE;
        for (long[] s : samples) {
            if (s[0] >= fromMs && s[0] <= toMs) {
                if (prev != Long.MIN_VALUE && s[1] != prev) {
                    n++;
                }
                prev = s[1];
            }
        }
        return n;
    }

    String trace(long fromMs, long toMs) {
        StringBuilder sb = new StringBuilder();
        for (long[] s : samples) {
            if (s[0] >= fromMs && s[0] <= toMs && s[0] % 500 == 0) {
                sb.append(s[0]).append("ms:L").append(s[1]).append('/').append(s[2]).append(" est ")
                        .append(s[3] / 1000).append("k; ");
            }
        }
        return sb.toString();
    }
}
