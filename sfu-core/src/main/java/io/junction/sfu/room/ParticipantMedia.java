package io.junction.sfu.room;

import io.junction.rtp.PacketBuffer;
import io.junction.rtp.HeaderExtensions;
import io.junction.rtp.RtpHeader;
import io.junction.rtp.RtpPacket;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The media state of one participant inside its room: the tracks it publishes and the
 * subscriptions it receives, looked up by SSRC without allocation (linear scans over the few
 * streams of one participant). Room worker thread only. Its lists are read-only views for
 * everyone: the room changes them through {@link MediaGraph}.
 */
public final class ParticipantMedia {
    private final String participantId;
    private final MediaSender sender;
    private final long localSsrc;
    private final List<PublishedTrack> published = new ArrayList<>();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final List<PublishedTrack> publishedView = Collections.unmodifiableList(published);
    private final List<Subscription> subscriptionsView = Collections.unmodifiableList(subscriptions);
    private final List<FollowingOutput> following = new ArrayList<>(0);
    private final List<FollowingOutput> followingView = Collections.unmodifiableList(following);
    private final RtcpHandler rtcp = new RtcpHandler(this);
    private final RtcpReporter reporter = new RtcpReporter();
    private final TransportCcFeedback twcc = new TransportCcFeedback();
    private final SubscriberBandwidth bandwidth;
    private final BandwidthAllocation allocation;
    private final RtpPacket view = new RtpPacket();
    private int twccExtensionId;
    private long unknownSsrc;
    private long learnedSsrcs;

    /**
     * @param participantId the participant's id
     * @param sender        its transport
     * @param localSsrc     the SSRC the server uses for RTCP toward it
     */
    public ParticipantMedia(String participantId, MediaSender sender, long localSsrc) {
        this(participantId, sender, localSsrc, SubscriberBandwidth::systemMicros,
                io.junction.sfu.bwe.BweOptions.defaults());
    }

    /**
     * @param clockUs monotonic µs clock of the send-side bandwidth estimate toward it
     * @param bwe     that estimate's settings
     */
    public ParticipantMedia(String participantId, MediaSender sender, long localSsrc,
                            java.util.function.LongSupplier clockUs, io.junction.sfu.bwe.BweOptions bwe) {
        this.participantId = participantId;
        this.bandwidth = new SubscriberBandwidth(sender, clockUs, bwe);
        this.sender = bandwidth;
        this.localSsrc = localSsrc;
        this.allocation = new BandwidthAllocation(participantId, bandwidth);
    }

    public String participantId() {
        return participantId;
    }

    /** Its transport, behind the transport-wide sequence stamping of {@link SubscriberBandwidth}. */
    public MediaSender sender() {
        return sender;
    }

    /** The send-side bandwidth estimate toward it. */
    public SubscriberBandwidth bandwidth() {
        return bandwidth;
    }

    /** The split of that estimate over its video subscriptions. */
    public BandwidthAllocation allocation() {
        return allocation;
    }

    /**
     * Periodic (every room tick; rounds are rate-limited inside): re-splits the bandwidth estimate
     * over the subscriptions.
     *
     * @param speaker the room's dominant speaker, or null
     */
    public void allocate(long now, String speaker) {
        allocation.tick(now, speaker, subscriptions);
    }

    public long localSsrc() {
        return localSsrc;
    }

    /** The tracks it publishes: a read-only view, changed only through {@link MediaGraph}. */
    public List<PublishedTrack> published() {
        return publishedView;
    }

    /** The subscriptions it receives: a read-only view, changed only through {@link MediaGraph}. */
    public List<Subscription> subscriptions() {
        return subscriptionsView;
    }

    void addPublished(PublishedTrack t) {
        published.add(t);
    }

    void removePublished(PublishedTrack t) {
        published.remove(t);
    }

    /** Its speaker-following outputs: a read-only view, changed only through {@link MediaGraph}. */
    public List<FollowingOutput> following() {
        return followingView;
    }

    void addFollowing(FollowingOutput f) {
        following.add(f);
    }

    void removeFollowing(FollowingOutput f) {
        following.remove(f);
    }

    FollowingOutput followingBySsrc(long ssrc) {
        for (int i = 0; i < following.size(); i++) {
            FollowingOutput f = following.get(i);
            if (f.output().ssrc() == ssrc || f.output().rtxSsrc() == ssrc) {
                return f;
            }
        }
        return null;
    }

    void addSubscription(Subscription s) {
        subscriptions.add(s);
    }

    void removeSubscription(Subscription s) {
        subscriptions.remove(s);
    }

    /** The layer (of any published track) whose media SSRC is {@code ssrc}, or null. */
    LayerReceiver layerBySsrc(long ssrc) {
        for (int i = 0; i < published.size(); i++) {
            PublishedTrack t = published.get(i);
            int l = t.layerOf(ssrc);
            if (l >= 0) {
                return t.layer(l);
            }
        }
        return null;
    }

    Subscription subscriptionBySsrc(long ssrc) {
        for (int i = 0; i < subscriptions.size(); i++) {
            Subscription s = subscriptions.get(i);
            if (s.output().ssrc() == ssrc || s.output().rtxSsrc() == ssrc) {
                return s;
            }
        }
        return null;
    }

    /**
     * The header-extension id this participant negotiated for transport-wide sequence numbers,
     * or 0 when it did not; feedback is sent only when it is set.
     */
    public void setTransportCcExtensionId(int id) {
        this.twccExtensionId = id;
    }

    /** A decrypted RTP packet from this participant; takes ownership. */
    public void onRtp(PacketBuffer p, long now) {
        if (twccExtensionId > 0 && view.wrap(p)) {
            int at = HeaderExtensions.find(view, twccExtensionId);
            if (at >= 0 && HeaderExtensions.valueLength(view, at) == 2) {
                byte[] b = p.array();
                twcc.onPacket(((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF), System.nanoTime() / 1000);
            }
        }
        long ssrc = RtpHeader.ssrc(p.array(), p.offset());
        for (int i = 0; i < published.size(); i++) {
            PublishedTrack t = published.get(i);
            int l = t.layerOf(ssrc);
            if (l >= 0) {
                t.onRtp(p, now, l);
                return;
            }
            l = t.rtxLayerOf(ssrc);
            if (l >= 0) {
                t.onRtx(p, now, l);
                return;
            }
        }
        if (learnLayer(p, now)) {
            return;
        }
        unknownSsrc++;
        p.release();
    }

    /**
     * An unknown SSRC: a rid-based simulcast track may name it in the RID / repaired-RID
     * extension (RFC 8852); then the packet is handled as that layer's. Takes ownership on true.
     */
    private boolean learnLayer(PacketBuffer p, long now) {
        if (!view.wrap(p)) {
            return false;
        }
        for (int i = 0; i < published.size(); i++) {
            PublishedTrack t = published.get(i);
            int l = t.learn(view);
            if (l >= 0) {
                learnedSsrcs++;
                t.onRtp(p, now, l);
                return true;
            }
            if (l <= -2) {
                learnedSsrcs++;
                t.onRtx(p, now, -l - 2);
                return true;
            }
        }
        return false;
    }

    /** SSRCs bound to simulcast layers from their RID extensions. */
    public long learnedSsrcs() {
        return learnedSsrcs;
    }

    /** A decrypted RTCP compound packet from this participant; takes ownership. */
    public void onRtcp(PacketBuffer p, long now, long wallClockMs) {
        try {
            rtcp.onRtcp(p.array(), p.offset(), p.length(), now, wallClockMs);
        } finally {
            p.release();
        }
    }

    void onRtt(long rttMs) {
        bandwidth.onRtt(rttMs);
        for (int i = 0; i < subscriptions.size(); i++) {
            subscriptions.get(i).setRtt(rttMs);
        }
        for (int i = 0; i < following.size(); i++) {
            following.get(i).setRtt(rttMs);
        }
    }

    /** Transport-wide CC feedback toward this participant (call every ~50 ms). */
    public void sendTransportFeedback() {
        if (twccExtensionId > 0 && !published.isEmpty()) {
            twcc.flush(localSsrc, published.get(0).source().ssrc(), sender);
        }
    }

    public long transportFeedbacksSent() {
        return twcc.feedbacksSent();
    }

    /** Periodic reports toward this participant. */
    public void report(long now, long wallClockMs) {
        reporter.report(localSsrc, subscriptions, published, now, wallClockMs, sender);
        reporter.reportFollowing(following, now, wallClockMs, sender);
    }

    public long rttMillis() {
        return rtcp.rttMillis();
    }

    public long unknownSsrcDrops() {
        return unknownSsrc;
    }

    public long invalidRtcp() {
        return rtcp.invalid();
    }

    public long nacksReceived() {
        return rtcp.nacksReceived();
    }

    public long keyframeRequestsReceived() {
        return rtcp.keyframeRequestsReceived();
    }
}
