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
import io.junction.sfu.alloc.SubscriptionDemand;

/**
 * One published track as one subscriber receives it: the subscriber's SSRC, payload type and
 * header-extension ids, continuous sequence numbers and timestamps, and NACK answers from the
 * track's shared retransmission buffers. Of a simulcast track it forwards exactly one layer
 * under its one output SSRC: {@link #tick} picks the layer ({@link LayerChooser}, from the
 * subscriber's {@link #setPreference preference}); a change asks that layer (only) for a
 * keyframe and takes effect at it ({@link Forwarder}), the current layer flowing until then;
 * VP8 PictureID / TL0PICIDX / KEYIDX are kept continuous ({@link Vp8PictureRewriter}).
 * Room worker thread only.
 */
public final class Subscription implements RetransmissionSource, RetransmissionSink {

    /**
     * The subscriber side of the negotiation for this track.
     *
     * @param ssrc           SSRC toward the subscriber
     * @param rtxSsrc        RTX SSRC toward the subscriber, or -1
     * @param payloadType    the subscriber's payload type for the codec
     * @param rtxPayloadType the subscriber's RTX payload type, or -1
     * @param extensionIdMap publisher extension id → subscriber id (0 = strip), indexed 0..255
     */
    public record Output(long ssrc, long rtxSsrc, int payloadType, int rtxPayloadType, byte[] extensionIdMap) {
    }

    private final PublishedTrack track;
    private final MediaSender subscriber;
    private final BufferPool pool;
    private final Output output;
    private final Forwarder forwarder;
    private final NackResponder responder;
    private final SendStats sendStats;
    private final RtpPacket out = new RtpPacket();
    private final Vp8PictureRewriter vp8;
    private final int[] heights;
    private final boolean[] layerActive;
    private int maxHeight = SubscriptionDemand.NO_LIMIT;
    private boolean paused;
    private int targetLayer = -1;
    /** No bandwidth cap on the layer choice. */
    public static final int NO_CAP = Integer.MAX_VALUE;
    private int layerCap = NO_CAP;
    /** Simulcast, or a rid stream whose SSRC is learned: the layer is chosen by {@link #tick}. */
    private final boolean chooses;
    /** How often {@link #tick} re-chooses the layer (layers come and go within a second). */
    static final long CHOICE_INTERVAL_MS = 100;
    private long nextChoiceMs = Long.MIN_VALUE;
    private long layerSwitches;
    private boolean active;
    private long packetsOut;
    private long bytesOut;
    private long droppedNoBuffer;
    private long retransmissions;

    public Subscription(PublishedTrack track, MediaSender subscriber, BufferPool pool, Output output, long rtxInitialSeq) {
        this.track = track;
        this.subscriber = subscriber;
        this.pool = pool;
        this.output = output;
        TrackSource s = track.source();
        this.forwarder = new Forwarder(s.isVideo(), s.ssrc(), s.clockRate(), 1024);
        this.responder = new NackResponder(pool, output.ssrc(), output.payloadType(),
                output.rtxSsrc(), output.rtxPayloadType(), (int) (rtxInitialSeq & 0xFFFF), 256);
        this.sendStats = new SendStats(s.clockRate());
        this.vp8 = s.isVideo() && "VP8".equalsIgnoreCase(s.codecName()) ? new Vp8PictureRewriter() : null;
        this.heights = new int[track.layerCount()];
        this.layerActive = new boolean[track.layerCount()];
        this.chooses = s.isSimulcast() || s.layers().get(0).ssrc() < 0;
        if (s.isSimulcast()) {
            forwarder.rewriter().setAligner(this::captureTicks);
        }
        if (chooses) {
            forwarder.select(-1); // nothing until a layer is chosen (tick)
        }
    }

    public PublishedTrack track() {
        return track;
    }

    public Output output() {
        return output;
    }

    /** Starts forwarding (after the subscriber accepted the section carrying this track). */
    public void activate(long now) {
        if (!active) {
            active = true;
            if (chooses) {
                tick(now);
            } else if (track.source().isVideo()) {
                track.keyframes().request(now);
            }
        }
    }

    /**
     * The subscriber's preference for this track: the highest frame height it wants (its tile
     * size; {@link SubscriptionDemand#NO_LIMIT} for none) and whether it wants none at all.
     * Pausing stops forwarding at once; resuming and a new layer start at a keyframe.
     */
    public void setPreference(int maxHeight, boolean paused, long now) {
        this.maxHeight = maxHeight <= 0 ? SubscriptionDemand.NO_LIMIT : maxHeight;
        if (paused != this.paused) {
            this.paused = paused;
            if (paused) {
                forwarder.pause();
            } else {
                forwarder.resume();
                requestKeyframe(now);
            }
        }
        nextChoiceMs = Long.MIN_VALUE;
        tick(now);
    }

    /** The preferred maximum height, {@link SubscriptionDemand#NO_LIMIT} for none. */
    public int maxHeight() {
        return maxHeight;
    }

    public boolean isPaused() {
        return paused;
    }

    /**
     * Periodic (and on preference changes): re-chooses the layer of a simulcast subscription and
     * repeats the keyframe request of a pending switch (the layer's requester throttles it).
     */
    void tick(long now) {
        if (!active || !chooses || now < nextChoiceMs) {
            return;
        }
        nextChoiceMs = now + CHOICE_INTERVAL_MS;
        for (int i = 0; i < heights.length; i++) {
            LayerReceiver l = track.layer(i);
            heights[i] = l.height();
            layerActive[i] = l.ssrc() >= 0 && l.isActive(now);
        }
        int want = capped(LayerChooser.choose(heights, layerActive, maxHeight, paused, currentLayer()));
        if (want >= 0 && (want != targetLayer || track.layer(want).ssrc() != forwarder.selectedSsrc())) {
            targetLayer = want;
            layerSwitches++;
            forwarder.select(track.layer(want).ssrc());
        }
        if (forwarder.needsKeyframe()) {
            requestKeyframe(now);
        }
    }

    /**
     * The highest layer the subscriber's bandwidth allows ({@link BandwidthAllocation}), on top of
     * its preference; {@link #NO_CAP} for none. Takes effect at the next layer choice.
     */
    public void setLayerCap(int cap) {
        if (cap != layerCap) {
            layerCap = cap;
            nextChoiceMs = Long.MIN_VALUE;
        }
    }

    public int layerCap() {
        return layerCap;
    }

    /** {@code want} lowered to the highest active layer at or below the cap (the lowest active when none is). */
    private int capped(int want) {
        if (want <= layerCap || want < 0) {
            return want;
        }
        for (int l = Math.min(layerCap, layerActive.length - 1); l >= 0; l--) {
            if (layerActive[l]) {
                return l;
            }
        }
        for (int l = 0; l < layerActive.length; l++) {
            if (layerActive[l]) {
                return l;
            }
        }
        return want;
    }

    /** {@link io.junction.sfu.forward.TimestampAligner} over the track's layers' sender reports. */
    private long captureTicks(long fromSsrc, long fromTs, long toSsrc, long toTs) {
        int a = track.layerOf(fromSsrc);
        int b = track.layerOf(toSsrc);
        if (a < 0 || b < 0) {
            return io.junction.sfu.forward.TimestampAligner.UNKNOWN;
        }
        return track.layer(a).ticksTo(fromTs, track.layer(b), toTs, track.source().clockRate());
    }

    /** Asks the selected layer (the only one of a plain track) for a keyframe. */
    public void requestKeyframe(long now) {
        int i = track.layerOf(forwarder.selectedSsrc());
        if (i >= 0) {
            track.layer(i).keyframes().request(now);
        } else if (!chooses) {
            track.keyframes().request(now);
        }
    }

    /** The layer forwarded now (the current segment's source), -1 before the first. */
    public int currentLayer() {
        return forwarder.rewriter().hasSource() ? track.layerOf(forwarder.rewriter().sourceSsrc()) : -1;
    }

    /** The layer chosen last (forwarded now, or waiting for its keyframe), -1 for none. */
    public int targetLayer() {
        return chooses ? targetLayer : 0;
    }

    /** Layer changes started (each waits for a keyframe of its layer). */
    public long layerSwitches() {
        return layerSwitches;
    }

    public boolean isActive() {
        return active;
    }

    /** Forwards one packet of the track (a view over the shared original; not modified). */
    void forward(RtpPacket src, boolean keyframe, long now) {
        if (!active) {
            return;
        }
        ForwardDecision d = forwarder.decide(src.ssrc(), src.sequenceNumber(), src.timestamp(), keyframe, now);
        if (!d.forward()) {
            if (d.verdict() == ForwardDecision.Verdict.DROP_WAITING_FOR_KEYFRAME) {
                requestKeyframe(now);
            }
            return;
        }
        PacketBuffer copy = pool.tryAcquire();
        if (copy == null) {
            droppedNoBuffer++;
            return;
        }
        int headroom = copy.headroom();
        if (src.length() > copy.capacity() - headroom - io.junction.rtp.PacketBuffer.DEFAULT_TAILROOM) {
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
        HeaderExtensions.remapIds(out, output.extensionIdMap());
        sendStats.onPacketSent(out.payloadLength(), d.timestamp(), now);
        packetsOut++;
        bytesOut += copy.length();
        subscriber.sendRtp(copy);
        copy.release();
    }

    /** A generic NACK from the subscriber for one of its output sequence numbers. */
    void onNack(int outSeq, long now) {
        responder.respond(outSeq, now, forwarder.rewriter(), this, this);
    }

    /** Starts a new NACK packet (the per-NACK cap). */
    void beginNack() {
        responder.beginNack();
    }

    void setRtt(long rttMs) {
        responder.setRtt(rttMs);
    }

    @Override
    public RetransmissionBuffer bufferFor(long ssrc) {
        return track.bufferFor(ssrc);
    }

    @Override
    public void send(PacketBuffer packet, boolean rtx) {
        retransmissions++;
        boolean parsed = out.wrap(packet);
        if (parsed) {
            HeaderExtensions.remapIds(out, output.extensionIdMap()); // RTX keeps the original's header extensions
        }
        if (vp8 != null && parsed) {
            // the stored packet carries the layer's own picture numbering (NackResponder looked it up just now)
            int skip = rtx ? io.junction.rtp.Rtx.OSN_LENGTH : 0;
            if (out.payloadLength() > skip) {
                vp8.rewriteRetransmission(out.array(), out.payloadOffset() + skip, out.payloadLength() - skip,
                        forwarder.rewriter().foundSourceSsrc());
            }
        }
        subscriber.sendRtp(packet);
        packet.release();
    }

    public SendStats sendStats() {
        return sendStats;
    }

    public NackResponder responder() {
        return responder;
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
