package io.junction.sfu.room;

import io.junction.rtp.BufferPool;
import io.junction.rtp.HeaderExtensions;
import io.junction.rtp.PacketBuffer;
import io.junction.rtp.RtpPacket;
import io.junction.sfu.forward.ForwardDecision;
import io.junction.sfu.forward.Forwarder;
import io.junction.sfu.forward.NackResponder;
import io.junction.sfu.forward.RetransmissionBuffer;
import io.junction.sfu.forward.RetransmissionSink;
import io.junction.sfu.forward.RetransmissionSource;
import io.junction.sfu.forward.SendStats;
import io.junction.sfu.forward.Vp8PictureRewriter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One outgoing stream of a subscriber that carries, one after the other, the packets of several
 * published tracks of one kind under one SSRC: the room's active speaker's video or audio for a
 * client that has the server as its single peer (a classic socket.io client, a WHEP viewer of a
 * room). {@link #follow} names the track to carry; a video switch takes effect at a keyframe of
 * the new track (asked for at once and repeated by {@link #tick}), the old track flowing until
 * then; audio switches at the next packet. Sequence numbers and timestamps stay continuous
 * across switches ({@link Forwarder}'s {@link io.junction.sfu.forward.SequenceRewriter}), and
 * so do VP8 PictureID / TL0PICIDX / KEYIDX ({@link Vp8PictureRewriter}); NACKs are answered from
 * the source tracks' stores.
 *
 * <p>The tracks it listens to (the current one and the one it switches to) are changed only
 * through {@link MediaGraph#follow} and {@link MediaGraph#unfollow}; the room drops a track it
 * no longer needs ({@link #unneeded}). Room worker thread only; no allocation per packet.
 */
public final class FollowingOutput implements RetransmissionSource, RetransmissionSink {
    private final String key;
    private final boolean video;
    private final MediaSender subscriber;
    private final BufferPool pool;
    private final Subscription.Output output;
    private final Forwarder forwarder;
    private final NackResponder responder;
    private final SendStats sendStats;
    private final Vp8PictureRewriter vp8;
    private final RtpPacket out = new RtpPacket();
    /** The tracks whose packets reach {@link #forward} (graph-managed), with their extension-id maps. */
    private final List<PublishedTrack> sources = new ArrayList<>(2);
    private final List<PublishedTrack> sourcesView = Collections.unmodifiableList(sources);
    private final List<byte[]> extMaps = new ArrayList<>(2);
    private PublishedTrack target;
    private byte[] currentMap;
    private long currentSsrc = -1;
    private boolean active;
    private long switches;
    private long packetsOut;
    private long bytesOut;
    private long droppedNoBuffer;
    private long retransmissions;

    /**
     * @param key           the negotiation key of the output (the section that carries it)
     * @param video         true for video (switch at keyframes), false for audio
     * @param clockRate     the output codec's RTP clock rate
     * @param codecName     the output codec (VP8 gets its picture ids rewritten)
     * @param subscriber    the subscriber's transport
     * @param output        SSRCs and payload types toward the subscriber (its extension map is unused:
     *                      each source brings its own, see {@link #follow})
     * @param rtxInitialSeq the first RTX sequence number
     */
    public FollowingOutput(String key, boolean video, int clockRate, String codecName, MediaSender subscriber,
                           BufferPool pool, Subscription.Output output, long rtxInitialSeq) {
        this.key = key;
        this.video = video;
        this.subscriber = subscriber;
        this.pool = pool;
        this.output = output;
        this.forwarder = new Forwarder(video, -1, clockRate, 1024);
        this.responder = new NackResponder(pool, output.ssrc(), output.payloadType(),
                output.rtxSsrc(), output.rtxPayloadType(), (int) (rtxInitialSeq & 0xFFFF), 256);
        this.sendStats = new SendStats(clockRate);
        this.vp8 = video && "VP8".equalsIgnoreCase(codecName) ? new Vp8PictureRewriter() : null;
    }

    public String key() {
        return key;
    }

    public boolean isVideo() {
        return video;
    }

    public Subscription.Output output() {
        return output;
    }

    /** The track it should carry (carried now, or waiting for its keyframe), or null. */
    public PublishedTrack target() {
        return target;
    }

    /** The tracks it listens to: a read-only view, changed only through {@link MediaGraph}. */
    public List<PublishedTrack> sources() {
        return sourcesView;
    }

    /** Starts forwarding (the subscriber accepted the section and the transport is up). */
    public void activate(long now) {
        if (!active) {
            active = true;
            requestKeyframe(now);
        }
    }

    public boolean isActive() {
        return active;
    }

    /**
     * Carry {@code t} from now on ({@link MediaGraph#follow} attached it). Video keeps the
     * current track until {@code t}'s next keyframe, which is asked for now.
     */
    void target(PublishedTrack t, long now) {
        if (t == target) {
            return;
        }
        target = t;
        switches++;
        forwarder.select(ssrcOf(t, now));
        requestKeyframe(now);
    }

    void addSource(PublishedTrack t, byte[] extensionIdMap) {
        if (!sources.contains(t)) {
            sources.add(t);
            extMaps.add(extensionIdMap);
        }
    }

    void removeSource(PublishedTrack t) {
        int i = sources.indexOf(t);
        if (i >= 0) {
            sources.remove(i);
            extMaps.remove(i);
        }
        if (t == target) {
            target = null;
            forwarder.select(-1);
        }
    }

    /**
     * A track it listens to that it neither carries now nor switches to (the room then
     * {@link MediaGraph#unfollow}s it), or null.
     */
    public PublishedTrack unneeded() {
        for (int i = 0; i < sources.size(); i++) {
            PublishedTrack t = sources.get(i);
            if (t != target && t.layerOf(currentSsrc) < 0) {
                return t;
            }
        }
        return null;
    }

    /** The media SSRC to take from {@code t}: its highest layer that is receiving (simulcast), else its first. */
    private static long ssrcOf(PublishedTrack t, long now) {
        for (int i = t.layerCount() - 1; i > 0; i--) {
            LayerReceiver l = t.layer(i);
            if (l.ssrc() >= 0 && l.isActive(now)) {
                return l.ssrc();
            }
        }
        return t.layer(0).ssrc();
    }

    /** Periodic: re-reads the target's SSRC (a simulcast layer may come or go) and repeats a pending keyframe request. */
    public void tick(long now) {
        if (!active || target == null) {
            return;
        }
        long want = ssrcOf(target, now);
        if (want != forwarder.selectedSsrc()) {
            forwarder.select(want); // a simulcast layer came or went
        }
        if (forwarder.needsKeyframe()) {
            requestKeyframe(now);
        }
    }

    /** A keyframe of what is forwarded (PLI/FIR from the subscriber) or of the pending switch's track. */
    public void requestKeyframe(long now) {
        if (!video) {
            return;
        }
        for (int i = 0; i < sources.size(); i++) {
            PublishedTrack t = sources.get(i);
            int l = t.layerOf(forwarder.needsKeyframe() ? forwarder.selectedSsrc() : currentSsrc);
            if (l >= 0) {
                t.layer(l).keyframes().request(now);
            }
        }
    }

    /** One packet of one of its source tracks (a view over the shared original; not modified). */
    void forward(RtpPacket src, boolean keyframe, long now) {
        if (!active) {
            return;
        }
        ForwardDecision d = forwarder.decide(src.ssrc(), src.sequenceNumber(), src.timestamp(), keyframe, now);
        if (!d.forward()) {
            return;
        }
        if (d.segmentStart() && src.ssrc() != currentSsrc) {
            currentSsrc = src.ssrc();
            currentMap = mapFor(currentSsrc);
        }
        PacketBuffer copy = pool.tryAcquire();
        if (copy == null) {
            droppedNoBuffer++;
            return;
        }
        if (src.length() > copy.capacity() - copy.headroom() - PacketBuffer.DEFAULT_TAILROOM) {
            droppedNoBuffer++;
            copy.release();
            return;
        }
        copy.copyFrom(src.array(), src.offset(), src.length());
        out.wrap(copy);
        out.setSsrc(output.ssrc());
        out.setPayloadType(output.payloadType());
        out.setSequenceNumber(d.sequenceNumber());
        out.setTimestamp(d.timestamp());
        if (vp8 != null) {
            vp8.rewrite(out.array(), out.payloadOffset(), out.payloadLength(), d.segmentStart(), src.ssrc());
        }
        if (currentMap != null) {
            HeaderExtensions.remapIds(out, currentMap);
        }
        sendStats.onPacketSent(out.payloadLength(), d.timestamp(), now);
        packetsOut++;
        bytesOut += copy.length();
        subscriber.sendRtp(copy.array(), copy.offset(), copy.length());
        copy.release();
    }

    /** The extension-id map of the source track that has {@code ssrc}, or null. */
    private byte[] mapFor(long ssrc) {
        for (int i = 0; i < sources.size(); i++) {
            if (sources.get(i).layerOf(ssrc) >= 0) {
                return extMaps.get(i);
            }
        }
        return null;
    }

    /** A generic NACK from the subscriber for one of its output sequence numbers. */
    void onNack(int outSeq, long now) {
        responder.respond(outSeq, now, forwarder.rewriter(), this, this);
    }

    void beginNack() {
        responder.beginNack();
    }

    void setRtt(long rttMs) {
        responder.setRtt(rttMs);
    }

    @Override
    public RetransmissionBuffer bufferFor(long ssrc) {
        for (int i = 0; i < sources.size(); i++) {
            RetransmissionBuffer b = sources.get(i).bufferFor(ssrc);
            if (b != null) {
                return b;
            }
        }
        return null;
    }

    @Override
    public void send(PacketBuffer packet, boolean rtx) {
        retransmissions++;
        boolean parsed = out.wrap(packet);
        long from = forwarder.rewriter().foundSourceSsrc();
        byte[] map = mapFor(from);
        if (!rtx && parsed && map != null) {
            HeaderExtensions.remapIds(out, map);
        }
        if (vp8 != null && parsed) {
            int skip = rtx ? io.junction.rtp.Rtx.OSN_LENGTH : 0;
            if (out.payloadLength() > skip) {
                vp8.rewriteRetransmission(out.array(), out.payloadOffset() + skip, out.payloadLength() - skip, from);
            }
        }
        subscriber.sendRtp(packet.array(), packet.offset(), packet.length());
        packet.release();
    }

    public SendStats sendStats() {
        return sendStats;
    }

    /** The source SSRC forwarded now, -1 before the first packet. */
    public long currentSourceSsrc() {
        return currentSsrc;
    }

    /** Source changes started ({@link #target} calls that named another track). */
    public long switches() {
        return switches;
    }

    public Forwarder forwarder() {
        return forwarder;
    }

    public long packetsOut() {
        return packetsOut;
    }

    public long bytesOut() {
        return bytesOut;
    }

    public long retransmissions() {
        return retransmissions;
    }

    public long droppedNoBuffer() {
        return droppedNoBuffer;
    }
}
