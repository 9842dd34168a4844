package io.junction.sfu.room;

import io.junction.rtp.PacketBuffer;
import io.junction.rtp.RtpPacket;
import io.junction.rtp.Rtx;
import io.junction.rtp.rtcp.Fir;
import io.junction.rtp.rtcp.Nack;
import io.junction.rtp.rtcp.Pli;
import io.junction.sfu.forward.KeyframeDetector;
import io.junction.sfu.forward.KeyframeRequest;
import io.junction.sfu.forward.KeyframeRequester;
import io.junction.sfu.forward.NackGenerator;
import io.junction.sfu.forward.ReceiveStats;
import io.junction.sfu.forward.RetransmissionBuffer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One publisher's track inside a room: receives its packets once, keeps them for retransmission,
 * detects loss upstream (NACK) and keyframe needs (PLI/FIR), and fans out to its subscriptions.
 * Room worker thread only.
 */
public final class PublishedTrack implements AutoCloseable {
    private long rateSince;
    private long rateBytes;
    private long bitrateBps;
    private final TrackSource source;
    private final MediaSender upstream;
    private final long localSsrc;
    private final RetransmissionBuffer buffer;
    private final NackGenerator nacks;
    private final KeyframeRequester keyframes;
    private final KeyframeDetector detector;
    private final ReceiveStats stats;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final List<Subscription> subscriptionsView = Collections.unmodifiableList(subscriptions);
    private final RtpPacket view = new RtpPacket();
    private final int[] nackSeqs = new int[256];
    private final byte[] rtcpOut = new byte[1500];
    private int nackCount;
    private final io.junction.sfu.forward.NackSink nackCollector = this::collectNack;
    private long packetsIn;
    private long bytesIn;
    private long droppedUnknownPt;
    private long nacksSent;
    private long pliSent;
    private long firSent;

    /**
     * @param source    the track's negotiated parameters
     * @param upstream  the publisher's transport, for NACK and PLI/FIR
     * @param localSsrc the SSRC the server uses as RTCP sender toward the publisher
     * @param options   the engine options
     */
    public PublishedTrack(TrackSource source, MediaSender upstream, long localSsrc, RoomOptions options) {
        this.source = source;
        this.upstream = upstream;
        this.localSsrc = localSsrc;
        this.buffer = new RetransmissionBuffer(options.retransmissionPackets(), options.retransmissionMaxAgeMs());
        this.nacks = new NackGenerator(NackGenerator.Options.defaults());
        this.keyframes = new KeyframeRequester(options.keyframeMinIntervalMs(), source.firOnly());
        this.detector = source.isVideo() ? KeyframeDetector.forCodec(source.codecName()) : null;
        this.stats = new ReceiveStats(source.clockRate());
    }

    public TrackSource source() {
        return source;
    }

    /** The shared retransmission store of this track. */
    public RetransmissionBuffer buffer() {
        return buffer;
    }

    public KeyframeRequester keyframes() {
        return keyframes;
    }

    public ReceiveStats stats() {
        return stats;
    }

    public NackGenerator nacks() {
        return nacks;
    }

    void addSubscription(Subscription s) {
        subscriptions.add(s);
    }

    void removeSubscription(Subscription s) {
        subscriptions.remove(s);
    }

    /** Its subscriptions: a read-only view, changed only through {@link MediaGraph}. */
    public List<Subscription> subscriptions() {
        return subscriptionsView;
    }

    /**
     * A decrypted RTP packet of this track's media SSRC; takes ownership of {@code packet}.
     */
    public void onRtp(PacketBuffer packet, long now) {
        if (!view.wrap(packet) || view.payloadType() != source.payloadType()) {
            droppedUnknownPt++;
            packet.release();
            return;
        }
        packetsIn++;
        bytesIn += packet.length();
        int seq = view.sequenceNumber();
        nacks.onPacket(seq, now);
        stats.onPacket(seq, view.timestamp(), now);
        boolean keyframe = detector != null
                && detector.isKeyframe(view.array(), view.payloadOffset(), view.payloadLength());
        if (keyframe) {
            keyframes.onKeyframe(now);
        }
        for (int i = 0; i < subscriptions.size(); i++) {
            subscriptions.get(i).forward(view, keyframe, now);
        }
        if (!buffer.store(packet, seq, now)) {
            packet.release();
        }
    }

    /**
     * An RFC 4588 retransmission from the publisher (on its RTX SSRC); restored to the original
     * packet in place and handled like a late original. Takes ownership of {@code packet}.
     */
    public void onRtx(PacketBuffer packet, long now) {
        if (!view.wrap(packet) || Rtx.decapsulate(packet, view, source.payloadType(), source.ssrc()) < 0) {
            packet.release();
            return;
        }
        onRtp(packet, now);
    }

    /** Periodic work: NACKs and keyframe requests upstream. */
    public void tick(long now) {
        if (now - rateSince >= 1000) {
            bitrateBps = (bytesIn - rateBytes) * 8000 / Math.max(1, now - rateSince);
            rateSince = now;
            rateBytes = bytesIn;
        }
        nackCount = 0;
        nacks.collect(now, nackCollector);
        if (nackCount > 0) {
            int len = Nack.write(rtcpOut, 0, localSsrc, source.ssrc(), nackSeqs, 0, nackCount);
            upstream.sendRtcp(rtcpOut, 0, len);
            nacksSent++;
        }
        if (nacks.takeKeyframeNeeded() && detector != null) { // video only: audio has no keyframes
            keyframes.request(now);
        }
        KeyframeRequest r = keyframes.poll(now);
        if (r == KeyframeRequest.PLI) {
            int len = Pli.write(rtcpOut, 0, localSsrc, source.ssrc());
            upstream.sendRtcp(rtcpOut, 0, len);
            pliSent++;
        } else if (r == KeyframeRequest.FIR) {
            int len = Fir.write(rtcpOut, 0, localSsrc, source.ssrc(), keyframes.firSequenceNumber());
            upstream.sendRtcp(rtcpOut, 0, len);
            firSent++;
        }
        buffer.expire(now);
    }

    private void collectNack(int seq) {
        if (nackCount < nackSeqs.length) {
            nackSeqs[nackCount++] = seq;
        }
    }

    /** Receive bitrate over the last full second (updated by {@link #tick}). */
    public long bitrateBps() {
        return bitrateBps;
    }

    public long packetsIn() {
        return packetsIn;
    }

    public long bytesIn() {
        return bytesIn;
    }

    public long droppedUnknownPayloadType() {
        return droppedUnknownPt;
    }

    public long nacksSent() {
        return nacksSent;
    }

    public long pliSent() {
        return pliSent;
    }

    public long firSent() {
        return firSent;
    }

    /** Frees the stored packets; {@link MediaGraph#unpublish} ended its subscriptions before. */
    @Override
    public void close() {
        subscriptions.clear();
        buffer.close();
    }
}
