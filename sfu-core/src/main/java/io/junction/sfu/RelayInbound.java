package io.junction.sfu;

import io.junction.rtp.BufferPool;
import io.junction.rtp.PacketBuffer;
import io.junction.sfu.room.MediaSender;
import io.junction.sfu.room.ParticipantMedia;
import io.junction.sfu.room.PublishedTrack;
import io.junction.sfu.room.TrackSource;
import io.junction.sfu.sdp.Codec;
import io.junction.sfu.worker.InboundQueue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The receiving end of a relay link from another cluster node, inside one local room: the link's
 * incoming streams become local sources ({@link PublishedTrack}) attributed to their REMOTE
 * publishers, so local subscribers subscribe to them as to any track and see the real publisher
 * in {@code tracks} and msid. The link's transport hands over decrypted packets
 * ({@link #onRtp}, one producer thread); the tracks' NACKs and keyframe requests go back over the
 * link through {@code upstream}, where the sending node answers NACKs from its own buffer and
 * turns keyframe requests into the publisher's. Retransmission requests of local subscribers are
 * answered here from this node's buffer, as for any track.
 *
 * <p>Who forwards to whom still changes only in {@link SfuRoom} ({@code publishRemote} /
 * {@code unpublishRemote}); this class keeps the link's set of tracks in step with what the
 * sending node offers ({@link #setTracks}). Everything but {@link #onRtp} and {@link #onRtcp}
 * hops onto the room's loop.
 */
public final class RelayInbound implements AutoCloseable {
    /**
     * One remote track as the sending node offered it on the link.
     *
     * @param source the track (key unique in the room, {@code publisherId} the remote participant,
     *               SSRCs and payload types as they arrive on the link)
     * @param codec  the primary codec as offered on the link
     * @param extIds header-extension URI to id, as they arrive on the link
     */
    public record Track(TrackSource source, Codec codec, Map<String, Integer> extIds) {
        public Track {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(codec, "codec");
            extIds = Map.copyOf(extIds);
        }
    }

    private final SfuRoom room;
    private final String linkId;
    private final BufferPool pool;
    private final ParticipantMedia media;
    private final InboundQueue rtpIn;
    private final Map<String, PublishedTrack> published = new HashMap<>(); // loop only
    private final AtomicLong packetsIn = new AtomicLong();
    private final AtomicLong poolDrops = new AtomicLong();
    private final io.junction.sfu.worker.WorkerLoop.Ticker ticker = this::tick;
    private final EngineContext ctx;
    private final long reportIntervalMs;
    private long nextReport;
    private volatile long lost;
    private volatile long nacksSent;
    private volatile long keyframeRequestsSent;
    private volatile boolean closed;

    private RelayInbound(SfuRoom room, String linkId, MediaSender upstream, EngineContext ctx) {
        this.room = room;
        this.linkId = linkId;
        this.pool = ctx.pool();
        this.ctx = ctx;
        this.reportIntervalMs = ctx.roomOptions().rtcpIntervalMs();
        this.media = new ParticipantMedia(linkId, upstream, ctx.randomSsrc());
        this.rtpIn = new InboundQueue(room.loop(), 1024, p -> media.onRtp(p, room.loop().nowMs()));
    }

    /**
     * Opens the receiving end of link {@code linkId} in {@code room} (on its loop; waits at most 5 s).
     *
     * @return null when the room closed meanwhile
     */
    static RelayInbound open(SfuRoom room, String linkId, MediaSender upstream, EngineContext ctx) {
        RelayInbound r = new RelayInbound(room, linkId, upstream, ctx);
        try {
            boolean ok = room.loop().submit(() -> {
                if (room.isClosed()) {
                    return false;
                }
                room.addRelay(r);
                room.loop().addTicker(r.ticker);
                return true;
            }).get(5, TimeUnit.SECONDS);
            if (!ok) {
                r.rtpIn.close();
                return null;
            }
        } catch (Exception e) {
            r.rtpIn.close();
            throw new IllegalStateException("cannot open relay link " + linkId + " in room " + room.id() + ": " + e, e);
        }
        return r;
    }

    /** The link's id (the sending node's relay participant id). */
    public String linkId() {
        return linkId;
    }

    /**
     * The tracks the sending node now offers on the link: new ones are published, missing ones
     * unpublished (their local subscribers renegotiate), unchanged ones kept. Any thread.
     */
    public void setTracks(List<Track> tracks) {
        List<Track> copy = List.copyOf(tracks);
        room.loop().execute(() -> apply(copy));
    }

    private void apply(List<Track> tracks) {
        if (closed) {
            return;
        }
        Map<String, Track> wanted = new HashMap<>();
        for (Track t : tracks) {
            wanted.put(t.source().key(), t);
        }
        for (String key : new ArrayList<>(published.keySet())) {
            Track w = wanted.get(key);
            PublishedTrack have = published.get(key);
            if (w == null || !w.source().equals(have.source())) {
                published.remove(key);
                room.unpublishRemote(media, have);
            }
        }
        for (Track t : tracks) {
            if (!published.containsKey(t.source().key())) {
                published.put(t.source().key(), room.publishRemote(media, t.source(), t.codec(), t.extIds()));
            }
        }
    }

    /** A decrypted RTP packet from the link (one producer thread); copied into a pooled buffer. */
    public void onRtp(byte[] buf, int off, int len) {
        if (closed) {
            return;
        }
        PacketBuffer p = len <= PacketBuffer.DEFAULT_MTU ? pool.tryAcquire() : null;
        if (p == null) {
            poolDrops.incrementAndGet();
            return;
        }
        int at = p.headroom();
        System.arraycopy(buf, off, p.array(), at, len);
        p.set(at, len);
        packetsIn.incrementAndGet();
        rtpIn.offer(p);
    }

    /**
     * A decrypted RTCP packet from the link (the sending node's sender reports). Not used yet:
     * round-trip time and lip sync across the hop are future work; counted only.
     */
    public void onRtcp(byte[] buf, int off, int len) {
    }

    /**
     * On the loop, with the room's ticks: receiver reports for the link's tracks go back over the
     * link (the sending node sees loss and round-trip time of the hop, RFC 3550 §6.4.2), and the
     * link's loss and feedback counters are refreshed for {@link #lost()} and friends.
     */
    private void tick(long now) {
        if (closed || now < nextReport) {
            return;
        }
        nextReport = now + reportIntervalMs;
        media.report(now, ctx.wallClockMs());
        long l = 0;
        long n = 0;
        long k = 0;
        for (PublishedTrack t : published.values()) {
            l += Math.max(0, t.stats().cumulativeLost());
            n += t.nacksSent();
            k += t.pliSent() + t.firSent();
        }
        lost = l;
        nacksSent = n;
        keyframeRequestsSent = k;
    }

    /** Packets of the link's tracks not received (cumulative, RFC 3550 A.3), as of the last report. */
    public long lost() {
        return lost;
    }

    /** NACKs this node sent back over the link (as of the last report). */
    public long nacksSent() {
        return nacksSent;
    }

    /** PLIs and FIRs this node sent back over the link (as of the last report). */
    public long keyframeRequestsSent() {
        return keyframeRequestsSent;
    }

    /** Packets received on the link. */
    public long packetsIn() {
        return packetsIn.get();
    }

    /** Packets dropped because the engine's buffer pool was exhausted (or the packet was too long). */
    public long poolDrops() {
        return poolDrops.get();
    }

    /** Packets dropped because the room's loop did not keep up. */
    public long queueDrops() {
        return rtpIn.dropped();
    }

    /** Ends the link's tracks in the room (their subscribers renegotiate). Idempotent; any thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        room.loop().execute(this::closeOnLoop);
    }

    /** On the loop: unpublishes the link's tracks and leaves the room. */
    void closeOnLoop() {
        if (closed) {
            return;
        }
        closed = true;
        rtpIn.close();
        room.loop().removeTicker(ticker);
        for (PublishedTrack t : published.values()) {
            room.unpublishRemote(media, t);
        }
        published.clear();
        room.removeRelay(this);
    }
}
