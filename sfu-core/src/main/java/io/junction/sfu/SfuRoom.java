package io.junction.sfu;

import io.junction.sfu.event.RoomEvent;
import io.junction.sfu.room.PublishedTrack;
import io.junction.sfu.room.RoomOptions;
import io.junction.sfu.room.Subscription;
import io.junction.sfu.room.TrackSource;
import io.junction.sfu.sdp.Codec;
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
 * <p>Close cascade: {@link #remove} of the last participant closes the room; removing a
 * participant unpublishes its tracks (their subscriptions end and the other participants
 * renegotiate), ends its own subscriptions, then closes its transport.
 *
 * <p>A participant whose media transport fails (ICE connect timeout, consent lost, DTLS failure)
 * or is closed by the peer loses its media the same way ({@link #onTransportLost}) but keeps its
 * signaling membership: there is no ICE restart, so a client must leave and join again to get
 * media back.
 */
final class SfuRoom {
    private static final Logger LOG = LoggerFactory.getLogger(SfuRoom.class);

    private record TrackEntry(PublishedTrack track, SfuParticipant publisher, Codec codec, Map<String, Integer> extIds) {
    }

    private final String id;
    private final WorkerLoop loop;
    private final EngineContext ctx;
    private final RoomOptions options;
    private final Map<String, SfuParticipant> participants = new LinkedHashMap<>();
    private final Map<String, TrackEntry> tracks = new LinkedHashMap<>();
    private final List<PublishedTrack> trackList = new ArrayList<>();
    private final WorkerLoop.Ticker ticker = this::tick;
    /** How often transport-wide CC feedback goes to publishers (libwebrtc sends it every 50–100 ms). */
    private static final long TRANSPORT_FEEDBACK_INTERVAL_MS = 50;
    private long nextReport;
    private long nextFeedback;
    private boolean closed;

    SfuRoom(String id, WorkerLoop loop, EngineContext ctx) {
        this.id = id;
        this.loop = loop;
        this.ctx = ctx;
        this.options = ctx.roomOptions();
        loop.addTicker(ticker);
        LOG.info("room {}: created", id);
        ctx.emit(new RoomEvent.RoomCreated(id));
    }

    String id() {
        return id;
    }

    WorkerLoop loop() {
        return loop;
    }

    boolean isClosed() {
        return closed;
    }

    void add(SfuParticipant p) {
        participants.put(p.id(), p);
        LOG.info("room {}: participant {} joined the media session ({})", id, p.id(), p.rights());
        ctx.emit(new RoomEvent.ParticipantJoined(id, p.id(), p.name()));
        p.negotiator().renegotiate();
    }

    void remove(SfuParticipant p, String reason) {
        if (participants.remove(p.id()) == null) {
            return;
        }
        ctx.totals().retire(Views.participant(p));
        ServerNegotiator n = p.negotiator();
        for (PublishedTrack t : new ArrayList<>(n.published().values())) {
            unpublish(p, t);
        }
        n.published().clear();
        for (Subscription s : new ArrayList<>(n.subscriptions().values())) {
            unsubscribe(p, s);
        }
        n.subscriptions().clear();
        p.closeTransport();
        LOG.info("room {}: participant {} left the media session ({})", id, p.id(), reason);
        ctx.emit(new RoomEvent.ParticipantLeft(id, p.id(), reason));
        tracksChanged(p);
        if (participants.isEmpty()) {
            close();
        }
    }

    /**
     * The participant's media transport failed or the peer closed it: its tracks are unpublished
     * (the others renegotiate, their sections go inactive), its subscriptions end, its transport
     * and ICE close, and nothing is negotiated with it any more. It stays a member until it
     * leaves or its signaling connection closes.
     */
    void onTransportLost(SfuParticipant p, String reason) {
        if (participants.get(p.id()) != p || p.mediaLost()) {
            return; // already gone, or already cleaned up
        }
        ServerNegotiator n = p.negotiator();
        for (PublishedTrack t : new ArrayList<>(n.published().values())) {
            unpublish(p, t);
        }
        n.published().clear();
        for (Subscription s : new ArrayList<>(n.subscriptions().values())) {
            unsubscribe(p, s);
        }
        n.subscriptions().clear();
        p.closeLostMedia();
        LOG.info("room {}: participant {} lost its media ({}); it must rejoin to get media again", id, p.id(), reason);
        tracksChanged(p);
    }

    PublishedTrack publish(SfuParticipant p, TrackSource src, Codec codec, Map<String, Integer> extIds) {
        PublishedTrack t = new PublishedTrack(src, p.media().sender(), p.media().localSsrc(), options);
        tracks.put(src.key(), new TrackEntry(t, p, codec, Map.copyOf(extIds)));
        trackList.add(t);
        p.media().published().add(t);
        LOG.info("room {}: participant {} published {} track {} ({}, ssrc {})", id, p.id(), src.kind(),
                src.key(), src.codecName(), src.ssrc());
        ctx.emit(new RoomEvent.TrackPublished(id, p.id(), src.key(), src.kind(), src.codecName()));
        return t;
    }

    void unpublish(SfuParticipant p, PublishedTrack t) {
        tracks.remove(t.source().key());
        trackList.remove(t);
        p.media().published().remove(t);
        for (Subscription s : new ArrayList<>(t.subscriptions())) {
            for (SfuParticipant other : participants.values()) {
                other.negotiator().subscriptions().values().remove(s);
                other.media().subscriptions().remove(s);
            }
        }
        t.close();
        LOG.info("room {}: participant {} unpublished track {}", id, p.id(), t.source().key());
        ctx.emit(new RoomEvent.TrackUnpublished(id, p.id(), t.source().key()));
    }

    void subscribe(SfuParticipant subscriber, Subscription s) {
        s.track().addSubscription(s);
        subscriber.media().subscriptions().add(s);
    }

    void unsubscribe(SfuParticipant subscriber, Subscription s) {
        if (s == null) {
            return;
        }
        s.track().removeSubscription(s);
        subscriber.media().subscriptions().remove(s);
    }

    /** Tracks the given participant should receive: the others' tracks its {@code TrackSelection} picks. */
    List<PublishedTrack> tracksFor(SfuParticipant p) {
        List<PublishedTrack> out = new ArrayList<>();
        if (!p.rights().subscribe()) {
            return out; // publish-only: never offered anyone's tracks
        }
        for (TrackEntry e : p.reception().tracks().select(new ArrayList<>(tracks.values()),
                e -> e.publisher().id(), e -> e.track().source().kind(), p.id())) {
            if (e.publisher() != p) {
                out.add(e.track());
            }
        }
        return out;
    }

    PublishedTrack track(String key) {
        TrackEntry e = tracks.get(key);
        return e == null ? null : e.track();
    }

    Codec codecOf(String key) {
        TrackEntry e = tracks.get(key);
        return e == null ? null : e.codec();
    }

    Map<String, Integer> extensionIdsOf(String key) {
        TrackEntry e = tracks.get(key);
        return e == null ? Map.of() : e.extIds();
    }

    /** Someone's published tracks changed: everyone else renegotiates (coalesced per participant). */
    void tracksChanged(SfuParticipant source) {
        for (SfuParticipant other : participants.values()) {
            if (other != source) {
                other.negotiator().renegotiate();
            }
        }
    }

    void onTransportConnected(SfuParticipant p) {
        if (!participants.containsKey(p.id())) {
            return; // left while the handshake finished
        }
        p.markMediaConnected();
        ctx.emit(new RoomEvent.TransportConnected(id, p.id()));
        p.negotiator().onTransportConnected();
        long now = loop.nowMs();
        for (PublishedTrack t : p.media().published()) {
            if (t.source().isVideo()) {
                t.keyframes().request(now);
            }
        }
    }

    List<SfuParticipant> participants() {
        return new ArrayList<>(participants.values());
    }

    List<PublishedTrack> tracks() {
        return new ArrayList<>(trackList);
    }

    private void tick(long now) {
        for (int i = 0; i < trackList.size(); i++) {
            trackList.get(i).tick(now);
        }
        boolean feedback = now >= nextFeedback;
        if (feedback) {
            nextFeedback = now + TRANSPORT_FEEDBACK_INTERVAL_MS;
        }
        for (SfuParticipant p : participants.values()) {
            p.negotiator().tick(now);
            if (feedback) {
                p.media().sendTransportFeedback();
            }
        }
        if (now >= nextReport) {
            nextReport = now + options.rtcpIntervalMs();
            long wall = ctx.wallClockMs();
            for (SfuParticipant p : participants.values()) {
                p.media().report(now, wall);
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
        for (SfuParticipant p : new ArrayList<>(participants.values())) {
            remove(p, reason);
        }
        loop.removeTicker(ticker);
        ctx.roomClosed(this);
        LOG.info("room {}: closed", id);
        ctx.emit(new RoomEvent.RoomClosed(id));
    }
}
