package io.junction.sfu.room;

import io.junction.rtp.AudioLevel;
import io.junction.rtp.PacketBuffer;
import io.junction.rtp.RtpPacket;
import io.junction.rtp.Rtx;
import io.junction.sfu.forward.KeyframeDetector;
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
 * A simulcast track has one {@link LayerReceiver} per layer (lowest first), each with its own
 * SSRCs, store, NACK and keyframe state; a plain track has one. Every subscription sees every
 * layer's packets and forwards the one it selected. Room worker thread only.
 */
public final class PublishedTrack implements AutoCloseable {
    private final TrackSource source;
    private final MediaSender upstream;
    private final long localSsrc;
    private final LayerReceiver[] layers;
    private final LayerLearner learner;
    private final KeyframeDetector detector;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final List<Subscription> subscriptionsView = Collections.unmodifiableList(subscriptions);
    /** Speaker-following outputs listening to this track (graph-managed, {@link MediaGraph#follow}). */
    private final List<FollowingOutput> followers = new ArrayList<>(0);
    private final RtpPacket view = new RtpPacket();
    private final byte[] rtcpOut = new byte[1500];
    private long droppedUnknownPt;
    private int audioLevelId;
    private int loudestLevel = AudioLevel.ABSENT;
    private long audioLevelsRead;

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
        this.layers = new LayerReceiver[source.layers().size()];
        for (int i = 0; i < layers.length; i++) {
            layers[i] = new LayerReceiver(i, source.layers().get(i), source, options);
        }
        this.learner = new LayerLearner(source.mid());
        this.detector = source.isVideo() ? KeyframeDetector.forCodec(source.codecName()) : null;
    }

    public TrackSource source() {
        return source;
    }

    /** Number of layers (1 for a plain track). */
    public int layerCount() {
        return layers.length;
    }

    /** Layer {@code i}, 0 = lowest. */
    public LayerReceiver layer(int i) {
        return layers[i];
    }

    /** The layer whose media SSRC is {@code ssrc}, or -1. */
    public int layerOf(long ssrc) {
        for (int i = 0; i < layers.length; i++) {
            if (layers[i].ssrc() == ssrc) {
                return i;
            }
        }
        return -1;
    }

    /** The layer whose RTX SSRC is {@code ssrc}, or -1. */
    public int rtxLayerOf(long ssrc) {
        if (ssrc < 0) {
            return -1;
        }
        for (int i = 0; i < layers.length; i++) {
            if (layers[i].rtxSsrc() == ssrc) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The publisher's ids for the MID, RID and repaired-RID extensions (0: not negotiated); with
     * a RID id, unknown SSRCs are matched to the rid layers ({@link #learn}).
     */
    public void setStreamIdExtensionIds(int midId, int ridId, int repairedRidId) {
        learner.setExtensionIds(midId, ridId, repairedRidId);
    }

    /**
     * A packet of an SSRC no layer has: binds it to a layer when its RID / repaired-RID
     * extension names one (see {@link LayerLearner}).
     *
     * @return the layer index, {@code -(index + 2)} for an RTX binding, or -1
     */
    public int learn(RtpPacket p) {
        return learner.learn(p, layers);
    }

    /** The shared retransmission store of the first layer (the only one of a plain track). */
    public RetransmissionBuffer buffer() {
        return layers[0].buffer();
    }

    /** The store of the layer whose media SSRC is {@code ssrc}, or null. */
    public RetransmissionBuffer bufferFor(long ssrc) {
        int i = layerOf(ssrc);
        return i < 0 ? null : layers[i].buffer();
    }

    /** The keyframe requests of the first layer (the only one of a plain track). */
    public KeyframeRequester keyframes() {
        return layers[0].keyframes();
    }

    /** Asks every layer for a keyframe. */
    public void requestKeyframes(long now) {
        for (LayerReceiver l : layers) {
            l.keyframes().request(now);
        }
    }

    public ReceiveStats stats() {
        return layers[0].stats();
    }

    public NackGenerator nacks() {
        return layers[0].nacks();
    }

    void addSubscription(Subscription s) {
        subscriptions.add(s);
    }

    void removeSubscription(Subscription s) {
        subscriptions.remove(s);
    }

    void addFollower(FollowingOutput f) {
        if (!followers.contains(f)) {
            followers.add(f);
        }
    }

    void removeFollower(FollowingOutput f) {
        followers.remove(f);
    }

    /** The speaker-following outputs listening to it (a copy; the room's bookkeeping, not the packet path). */
    public List<FollowingOutput> followers() {
        return new ArrayList<>(followers);
    }

    /** Its subscriptions: a read-only view, changed only through {@link MediaGraph}. */
    public List<Subscription> subscriptions() {
        return subscriptionsView;
    }

    /**
     * The RFC 6464 audio-level header extension id the publisher negotiated for this (audio)
     * track, or 0 when it did not: each packet's level is then read before forwarding (the
     * forwarding remaps extension ids) and kept for {@link #takeAudioLevel}.
     */
    public void setAudioLevelExtensionId(int id) {
        this.audioLevelId = id;
    }

    /**
     * The raw audio level (RFC 6464 §3: V bit and -dBov) of the loudest packet since the previous
     * call, or {@link AudioLevel#ABSENT} when no packet carried one; resets the window.
     */
    public int takeAudioLevel() {
        int raw = loudestLevel;
        loudestLevel = AudioLevel.ABSENT;
        return raw;
    }

    /** Packets whose audio level was read. */
    public long audioLevelsRead() {
        return audioLevelsRead;
    }

    /** A decrypted RTP packet of the first layer's media SSRC; takes ownership of {@code packet}. */
    public void onRtp(PacketBuffer packet, long now) {
        onRtp(packet, now, 0);
    }

    /** A decrypted RTP packet of layer {@code layer}'s media SSRC; takes ownership of {@code packet}. */
    public void onRtp(PacketBuffer packet, long now, int layer) {
        if (!view.wrap(packet) || view.payloadType() != source.payloadType()) {
            droppedUnknownPt++;
            packet.release();
            return;
        }
        LayerReceiver l = layers[layer];
        if (audioLevelId > 0) {
            readAudioLevel();
        }
        boolean keyframe = detector != null
                && detector.isKeyframe(view.array(), view.payloadOffset(), view.payloadLength());
        l.onPacket(view, keyframe, now);
        for (int i = 0; i < subscriptions.size(); i++) {
            subscriptions.get(i).forward(view, keyframe, now);
        }
        for (int i = 0; i < followers.size(); i++) {
            followers.get(i).forward(view, keyframe, now);
        }
        if (!l.buffer().store(packet, view.sequenceNumber(), now)) {
            packet.release();
        }
    }

    /** An RFC 4588 retransmission of the first layer; see {@link #onRtx(PacketBuffer, long, int)}. */
    public void onRtx(PacketBuffer packet, long now) {
        onRtx(packet, now, 0);
    }

    /**
     * An RFC 4588 retransmission from the publisher (on layer {@code layer}'s RTX SSRC); restored to
     * the original packet in place and handled like a late original. Takes ownership of {@code packet}.
     */
    public void onRtx(PacketBuffer packet, long now, int layer) {
        long mediaSsrc = layers[layer].ssrc();
        if (mediaSsrc < 0 || !view.wrap(packet)
                || Rtx.decapsulate(packet, view, source.payloadType(), mediaSsrc) < 0) {
            packet.release();
            return;
        }
        onRtp(packet, now, layer);
    }

    /** Periodic work: NACKs and keyframe requests upstream per layer, then the subscriptions' layer choice. */
    public void tick(long now) {
        boolean video = detector != null;
        for (LayerReceiver l : layers) {
            l.tick(now, upstream, localSsrc, rtcpOut, video);
        }
        for (int i = 0; i < subscriptions.size(); i++) {
            subscriptions.get(i).tick(now);
        }
    }

    /** Keeps the loudest level (lowest -dBov) of the window; no allocation. */
    private void readAudioLevel() {
        int raw = AudioLevel.read(view, audioLevelId);
        if (raw == AudioLevel.ABSENT) {
            return;
        }
        audioLevelsRead++;
        if (loudestLevel == AudioLevel.ABSENT || AudioLevel.level(raw) < AudioLevel.level(loudestLevel)) {
            loudestLevel = raw;
        }
    }

    /** Receive bitrate over the last full second, all layers (updated by {@link #tick}). */
    public long bitrateBps() {
        long sum = 0;
        for (LayerReceiver l : layers) {
            sum += l.bitrateBps();
        }
        return sum;
    }

    public long packetsIn() {
        long sum = 0;
        for (LayerReceiver l : layers) {
            sum += l.packetsIn();
        }
        return sum;
    }

    public long bytesIn() {
        long sum = 0;
        for (LayerReceiver l : layers) {
            sum += l.bytesIn();
        }
        return sum;
    }

    public long droppedUnknownPayloadType() {
        return droppedUnknownPt;
    }

    public long nacksSent() {
        long sum = 0;
        for (LayerReceiver l : layers) {
            sum += l.nacksSent();
        }
        return sum;
    }

    public long pliSent() {
        long sum = 0;
        for (LayerReceiver l : layers) {
            sum += l.pliSent();
        }
        return sum;
    }

    public long firSent() {
        long sum = 0;
        for (LayerReceiver l : layers) {
            sum += l.firSent();
        }
        return sum;
    }

    /** Frees the stored packets; {@link MediaGraph#unpublish} ended its subscriptions before. */
    @Override
    public void close() {
        subscriptions.clear();
        followers.clear();
        for (LayerReceiver l : layers) {
            l.close();
        }
    }
}
