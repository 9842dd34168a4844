package io.junction.sfu;

import io.junction.sfu.event.RoomEvent;
import io.junction.sfu.room.MediaGraph;
import io.junction.sfu.room.ParticipantMedia;
import io.junction.sfu.room.PublishedTrack;
import io.junction.sfu.room.RoomOptions;
import io.junction.sfu.room.Subscription;
import io.junction.sfu.room.TrackSource;
import io.junction.sfu.sdp.Codec;
import io.junction.sfu.sdp.SessionDescription;
import io.junction.sfu.signal.NegotiationException;
import io.junction.sfu.worker.WorkerLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code sfu} room: its participants, published tracks and subscriptions, all owned by one
 * {@link WorkerLoop}. Every method except the constructor runs on that loop.
 *
 * <p>The room is the single owner of the media graph: only {@link #publish}, {@link #unpublish},
 * {@link #subscribe} and {@link #unsubscribe} change who forwards to whom (through its
 * {@link MediaGraph}); the participants' negotiators return {@link MediaPlan}s that
 * {@link #apply} turns into those calls, and everyone else sees read-only views. The
 * speaker-following outputs are the room's too ({@link SpeakerFeeds}, called from here).
 *
 * <p>Close cascade: {@link #remove} of the last participant closes the room. Leaving and losing
 * the media transport share one teardown ({@link #endMedia}): the participant's tracks are
 * unpublished (their subscriptions end and the other participants renegotiate), its own
 * subscriptions end, then its transport closes. A participant whose transport failed (ICE
 * consent lost, DTLS failure) or was closed by the peer keeps its signaling membership: a client
 * must leave and join again to get media back.
 */
final class SfuRoom implements TrackCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(SfuRoom.class);

    /** A published track; {@code publisher} is null for a remote track (a relay link brought it, see {@link RelayInbound}). */
    private record TrackEntry(PublishedTrack track, SfuParticipant publisher, String publisherId, Codec codec,
                              Map<String, Integer> extIds) {
        boolean remote() {
            return publisher == null;
        }
    }

    /** A participant's edges in the graph, by negotiation key (room-private). */
    private static final class Member {
        final SfuParticipant p;
        /** Its published tracks, by the mid of the section that carries them. */
        final Map<String, PublishedTrack> publishedByMid = new LinkedHashMap<>();
        /** What it receives, by track key. */
        final Map<String, Subscription> receiving = new LinkedHashMap<>();

        Member(SfuParticipant p) {
            this.p = p;
        }
    }

    private final String id;
    private final WorkerLoop loop;
    private final EngineContext ctx;
    private final RoomOptions options;
    private final MediaGraph graph = new MediaGraph();
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final Map<String, TrackEntry> tracks = new LinkedHashMap<>();
    private final List<PublishedTrack> trackList = new ArrayList<>();
    private final WorkerLoop.Ticker ticker = this::tick;
    private final io.junction.sfu.data.DataRoom data = new io.junction.sfu.data.DataRoom();
    private final RoomSpeakers speakers;
    /** The relay links bringing other nodes' tracks into this room (closed with it). */
    private final List<RelayInbound> relays = new ArrayList<>();
    private final SpeakerFeeds feeds;
    /** How often transport-wide CC feedback goes to publishers (libwebrtc sends it every 50–100 ms). */
    private static final long TRANSPORT_FEEDBACK_INTERVAL_MS = 50;
    private long nextReport;
    private long nextFeedback;
    private boolean closed;

    /** The room's data channels (worker thread only). */
    io.junction.sfu.data.DataRoom data() {
        return data;
    }

    SfuRoom(String id, WorkerLoop loop, EngineContext ctx) {
        this.id = id;
        this.loop = loop;
        this.ctx = ctx;
        this.options = ctx.roomOptions();
        this.speakers = new RoomSpeakers(loop::nowMs, this::speakerChanged);
        this.feeds = new SpeakerFeeds(graph, ctx, this);
        loop.addTicker(ticker);
        loop.execute(() -> ctx.dataApplications().attachTo(id, data));
        LOG.info("room {}: created", id);
        ctx.emit(new RoomEvent.RoomCreated(id));
    }

    String id() {
        return id;
    }

    WorkerLoop loop() {
        return loop;
    }

    @Override
    public long nowMs() {
        return loop.nowMs();
    }

    boolean isClosed() {
        return closed;
    }

    void add(SfuParticipant p) {
        Member m = new Member(p);
        members.put(p.id(), m);
        LOG.info("room {}: participant {} joined the media session ({})", id, p.id(), p.rights());
        ctx.emit(new RoomEvent.ParticipantJoined(id, p.id(), p.name()));
        renegotiate(m);
        if (speakers.dominant() != null) {
            p.sink().dominantSpeaker(speakers.dominant());
        }
    }

    /** The detector's decision (on this loop): an event, and every participant is told. */
    private void speakerChanged(String speaker) {
        LOG.debug("room {}: dominant speaker {}", id, speaker);
        ctx.emit(new RoomEvent.DominantSpeakerChanged(id, speaker));
        for (Member m : members.values()) {
            m.p.sink().dominantSpeaker(speaker);
        }
        feeds.update(trackList, speaker, loop.nowMs());
    }

    /** The dominant speaker's participant id, or null. */
    String dominantSpeaker() {
        return speakers.dominant();
    }

    void remove(SfuParticipant p, String reason) {
        Member m = members.get(p.id());
        if (m == null || m.p != p) {
            return;
        }
        endMedia(m, true, reason);
    }

    /**
     * The participant's media transport failed or the peer closed it: its tracks are unpublished
     * (the others renegotiate, their sections go inactive), its subscriptions end, its transport
     * and ICE close, and nothing is negotiated with it any more. It stays a member until it
     * leaves or its signaling connection closes.
     */
    void onTransportLost(SfuParticipant p, String reason) {
        Member m = members.get(p.id());
        if (m == null || m.p != p || p.mediaLost()) {
            return; // already gone, or already cleaned up
        }
        endMedia(m, false, reason);
    }

    /** The one teardown of a participant's media, for leaving ({@code leaving}) and transport loss. */
    private void endMedia(Member m, boolean leaving, String reason) {
        SfuParticipant p = m.p;
        if (leaving) {
            members.remove(p.id());
            ctx.totals().retire(Views.participant(p));
        }
        for (PublishedTrack t : new ArrayList<>(m.publishedByMid.values())) {
            unpublish(p.media(), p.id(), t);
        }
        m.publishedByMid.clear();
        for (Subscription s : new ArrayList<>(m.receiving.values())) {
            unsubscribe(m, s);
        }
        m.receiving.clear();
        feeds.close(p);
        p.data().close(reason);
        speakers.remove(p.id());
        p.closeMedia(leaving);
        if (leaving) {
            LOG.info("room {}: participant {} left the media session ({})", id, p.id(), reason);
            ctx.emit(new RoomEvent.ParticipantLeft(id, p.id(), reason));
        } else {
            LOG.info("room {}: participant {} lost its media ({}); it must rejoin to get media again", id, p.id(), reason);
        }
        tracksChanged(p);
        if (leaving && members.isEmpty()) {
            close();
        }
    }

    /** On the loop: a client offer; its plan is applied before the step returns. */
    void onOffer(SfuParticipant p, SessionDescription offer) throws NegotiationException {
        Member m = member(p);
        apply(m, p.negotiator().onOffer(offer));
        if (p.negotiator().renegotiationWanted()) {
            renegotiate(m);
        }
    }

    /** On the loop: a client answer to the server's offer. */
    void onAnswer(SfuParticipant p, SessionDescription answer) throws NegotiationException {
        Member m = member(p);
        apply(m, p.negotiator().onAnswer(answer));
        if (p.negotiator().renegotiationWanted()) {
            renegotiate(m);
        }
    }

    private Member member(SfuParticipant p) throws NegotiationException {
        Member m = members.get(p.id());
        if (m == null || m.p != p) {
            throw new NegotiationException("not-in-room", "participant " + p.id() + " has left");
        }
        return m;
    }

    private void renegotiate(Member m) {
        apply(m, m.p.negotiator().renegotiate());
    }

    /**
     * Applies one negotiation step's plan: ends the subscriptions it removes, publishes and
     * unpublishes the client's send sections, subscribes to the tracks placed in server sections,
     * and starts forwarding into the committed accepted sections once the transport is up
     * (before that a video subscription would spend its first keyframe on a transport that
     * cannot carry it).
     */
    private void apply(Member m, MediaPlan plan) {
        if (plan.isEmpty()) {
            return;
        }
        SfuParticipant p = m.p;
        for (String key : plan.removed()) {
            Subscription s = m.receiving.remove(key);
            if (s != null) {
                unsubscribe(m, s);
            }
        }
        boolean changed = false;
        for (MediaPlan.Section section : plan.sections()) {
            if (section instanceof MediaPlan.Receive r) {
                if (r.transportCcId() > 0) {
                    p.media().bandwidth().setExtensionId(r.transportCcId());
                }
                if (feeds.open(p, r.trackKey(), r.output(), trackList, speakers.dominant(), loop.nowMs())) {
                    continue;
                }
                PublishedTrack t = track(r.trackKey());
                if (t != null && !m.receiving.containsKey(r.trackKey())) {
                    Subscription s = new Subscription(t, p.media().sender(), ctx.pool(), r.output(),
                            ctx.randomSsrc() & 0xFFFF);
                    m.receiving.put(r.trackKey(), s);
                    p.preferences().applyTo(s, loop.nowMs());
                    subscribe(m, s);
                }
            } else if (section instanceof MediaPlan.Publish pub) {
                PublishedTrack existing = m.publishedByMid.get(pub.mid());
                if (existing != null && (pub.source() == null || pub.source().ssrc() != existing.source().ssrc())) {
                    m.publishedByMid.remove(pub.mid());
                    unpublish(p.media(), p.id(), existing);
                    existing = null;
                    changed = true;
                }
                if (pub.transportCcId() > 0) {
                    p.media().setTransportCcExtensionId(pub.transportCcId());
                }
                if (existing == null && pub.source() != null) {
                    m.publishedByMid.put(pub.mid(), publish(m, pub.source(), pub.codec(), pub.extIds()));
                    changed = true;
                }
            }
        }
        if (changed) {
            tracksChanged(p);
        }
        activate(m, plan.activate());
    }

    private void activate(Member m, List<String> keys) {
        if (keys.isEmpty() || !m.p.mediaConnected()) {
            return;
        }
        long now = loop.nowMs();
        for (String key : keys) {
            if (feeds.activate(m.p, key, now)) {
                continue;
            }
            Subscription s = m.receiving.get(key);
            if (s != null) {
                s.activate(now);
            }
        }
    }

    private PublishedTrack publish(Member m, TrackSource src, Codec codec, Map<String, Integer> extIds) {
        SfuParticipant p = m.p;
        PublishedTrack t = TrackSources.track(src, p.media(), extIds, options);
        tracks.put(src.key(), new TrackEntry(t, p, p.id(), codec, Map.copyOf(extIds)));
        trackList.add(t);
        graph.publish(p.media(), t);
        LOG.info("room {}: participant {} published {} track {} ({}, ssrc {})", id, p.id(), src.kind(),
                src.key(), src.codecName(), src.ssrc());
        ctx.emit(new RoomEvent.TrackPublished(id, p.id(), src.key(), src.kind(), src.codecName()));
        return t;
    }

    /**
     * A relay link's track (on this loop, from {@link RelayInbound}): published as its remote
     * publisher's ({@code src.publisherId()}), its NACKs and keyframe requests going back over the
     * link ({@code link}'s sender); local subscribers are offered it as any other track.
     */
    PublishedTrack publishRemote(ParticipantMedia link, TrackSource src, Codec codec, Map<String, Integer> extIds) {
        PublishedTrack t = TrackSources.track(src, link, extIds, options);
        tracks.put(src.key(), new TrackEntry(t, null, src.publisherId(), codec, Map.copyOf(extIds)));
        trackList.add(t);
        graph.publish(link, t);
        LOG.info("room {}: remote participant {}'s {} track {} arrives over relay link {}", id, src.publisherId(),
                src.kind(), src.key(), link.participantId());
        ctx.emit(new RoomEvent.TrackPublished(id, src.publisherId(), src.key(), src.kind(), src.codecName()));
        tracksChanged(null);
        return t;
    }

    /** A relay link's track ended (its publisher left, unpublished, or the link closed). */
    void unpublishRemote(ParticipantMedia link, PublishedTrack t) {
        unpublish(link, t.source().publisherId(), t);
        tracksChanged(null);
    }

    void addRelay(RelayInbound r) {
        relays.add(r);
    }

    void removeRelay(RelayInbound r) {
        relays.remove(r);
    }

    private void unpublish(ParticipantMedia owner, String publisherId, PublishedTrack t) {
        tracks.remove(t.source().key());
        trackList.remove(t);
        String key = t.source().key();
        feeds.trackGone(t);
        for (Subscription s : graph.unpublish(owner, t)) {
            for (Member other : members.values()) {
                if (other.receiving.get(key) == s) {
                    other.receiving.remove(key);
                    graph.detach(other.p.media(), s);
                }
            }
        }
        LOG.info("room {}: participant {} unpublished track {}", id, publisherId, key);
        ctx.emit(new RoomEvent.TrackUnpublished(id, publisherId, key));
    }

    private void subscribe(Member subscriber, Subscription s) {
        graph.subscribe(subscriber.p.media(), s);
    }

    private void unsubscribe(Member subscriber, Subscription s) {
        graph.unsubscribe(subscriber.p.media(), s);
    }

    /** Tracks the given participant should receive: the others' tracks its {@code TrackSelection} picks. */
    @Override
    public List<PublishedTrack> tracksFor(SfuParticipant p) {
        List<PublishedTrack> out = new ArrayList<>();
        if (!p.rights().subscribe()) {
            return out; // publish-only: never offered anyone's tracks
        }
        boolean localOnly = p.reception().localTracksOnly();
        for (TrackEntry e : p.reception().tracks().select(new ArrayList<>(tracks.values()),
                TrackEntry::publisherId, e -> e.track().source().kind(), p.id())) {
            if (e.publisher() != p && !(localOnly && e.remote())) {
                out.add(e.track());
            }
        }
        return out;
    }

    @Override
    public PublishedTrack track(String key) {
        TrackEntry e = tracks.get(key);
        return e == null ? null : e.track();
    }

    @Override
    public Codec codecOf(String key) {
        TrackEntry e = tracks.get(key);
        return e == null ? null : e.codec();
    }

    @Override
    public Map<String, Integer> extensionIdsOf(String key) {
        TrackEntry e = tracks.get(key);
        return e == null ? Map.of() : e.extIds();
    }

    /**
     * Someone's published tracks changed ({@code source} null: a remote participant's): everyone
     * else renegotiates (coalesced per participant).
     */
    private void tracksChanged(SfuParticipant source) {
        feeds.update(trackList, speakers.dominant(), loop.nowMs());
        for (Member other : new ArrayList<>(members.values())) {
            if (other.p != source) {
                renegotiate(other);
            }
        }
    }

    void onTransportConnected(SfuParticipant p) {
        Member m = members.get(p.id());
        if (m == null || m.p != p) {
            return; // left while the handshake finished
        }
        p.markMediaConnected();
        p.data().onTransportConnected();
        ctx.emit(new RoomEvent.TransportConnected(id, p.id()));
        activate(m, p.negotiator().acceptedKeys());
        long now = loop.nowMs();
        for (PublishedTrack t : p.media().published()) {
            if (t.source().isVideo()) {
                t.requestKeyframes(now);
            }
        }
    }

    List<SfuParticipant> participants() {
        List<SfuParticipant> out = new ArrayList<>(members.size());
        for (Member m : members.values()) {
            out.add(m.p);
        }
        return out;
    }

    List<PublishedTrack> tracks() {
        return new ArrayList<>(trackList);
    }

    private void tick(long now) {
        data.tick(now);
        for (int i = 0; i < trackList.size(); i++) {
            trackList.get(i).tick(now);
        }
        speakers.tick(now, trackList);
        feeds.tick(now);
        boolean feedback = now >= nextFeedback;
        if (feedback) {
            nextFeedback = now + TRANSPORT_FEEDBACK_INTERVAL_MS;
        }
        for (Member m : members.values()) {
            MediaPlan plan = m.p.negotiator().tick(now);
            if (!plan.isEmpty()) {
                apply(m, plan);
            }
            if (feedback) {
                m.p.media().sendTransportFeedback();
            }
            m.p.media().allocate(now, speakers.dominant());
        }
        if (now >= nextReport) {
            nextReport = now + options.rtcpIntervalMs();
            long wall = ctx.wallClockMs();
            for (Member m : members.values()) {
                m.p.media().report(now, wall);
            }
        }
    }

    /** Closes every participant and leaves the loop. */
    void close() {
        close("room closed");
    }

    /** Closes every participant (with {@code reason}) and leaves the loop. */
    void close(String reason) {
        if (closed) {
            return;
        }
        closed = true;
        for (RelayInbound r : new ArrayList<>(relays)) {
            r.closeOnLoop();
        }
        for (Member m : new ArrayList<>(members.values())) {
            remove(m.p, reason);
        }
        loop.removeTicker(ticker);
        speakers.close();
        ctx.dataApplications().retire(data.stats());
        ctx.roomClosed(this);
        LOG.info("room {}: closed", id);
        ctx.emit(new RoomEvent.RoomClosed(id));
    }
}
