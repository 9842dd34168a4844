package io.junction.sfu;

import io.junction.dtls.DtlsCertificate;
import io.junction.ice.IcePort;
import io.junction.ice.PortDrop;
import io.junction.rtp.BufferPool;
import io.junction.sfu.event.RoomEventListener;
import io.junction.sfu.room.MediaSender;
import io.junction.sfu.signal.MediaEngine;
import io.junction.sfu.signal.MediaRights;
import io.junction.sfu.signal.MediaSession;
import io.junction.sfu.signal.NegotiationSink;
import io.junction.sfu.signal.Reception;
import io.junction.sfu.view.EngineTotals;
import io.junction.sfu.view.RoomView;
import io.junction.sfu.worker.WorkerPool;
import io.junction.srtp.SrtpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Junction's media engine for {@code sfu} rooms: one shared UDP port (ICE), one DTLS certificate,
 * a pool of room workers, and the rooms themselves. Signaling drives it through
 * {@link MediaEngine}; two engines in one JVM share nothing.
 *
 * <p>Monitoring: {@link #rooms()}, {@link #room(String)} and {@link #totals()} return snapshots
 * taken on each room's worker; lifecycle events go to the {@link RoomEventListener} given at
 * construction (called on worker and transport threads: it must not block).
 *
 * <p>Joins are never refused for half-open transports: a join creates no socket and no thread (its
 * ICE-lite session is an object whose credentials are registered when the server's SDP is written).
 * Half-open state is bounded at the media port instead: {@link SfuOptions#maxHalfOpenPerSource()}
 * sessions per remote IP address between their first valid check and DTLS completion; checks beyond
 * it are dropped and counted until a slot frees.
 *
 * <p>Handshakes: a participant's transport must get through ICE and DTLS within
 * {@link SfuOptions#handshakeTimeout()} of its start; DTLS handshakes run on at most
 * {@link SfuOptions#handshakeThreads()} threads, started on demand and ended when idle.
 */
public final class SfuEngine implements MediaEngine {
    private static final Logger LOG = LoggerFactory.getLogger(SfuEngine.class);

    private final SfuOptions options;
    private final IcePort icePort;
    private final WorkerPool workers;
    private final ThreadPoolExecutor handshakes;
    private final BufferPool pool;
    private final EngineContext ctx;
    private final ConcurrentHashMap<String, SfuRoom> rooms = new ConcurrentHashMap<>();
    private final EngineData data;
    private volatile boolean closed;

    public SfuEngine(SfuOptions options) {
        this(options, RoomEventListener.NONE);
    }

    /** An engine that reports lifecycle events to {@code events} (which must not block). */
    public SfuEngine(SfuOptions options, RoomEventListener events) {
        Objects.requireNonNull(events, "events");
        this.options = options;
        SrtpSession.warmUp();
        this.icePort = new IcePort(options.ice().toBuilder()
                .maxHalfOpenPerAddress(options.maxHalfOpenPerSource()).build());
        this.workers = new WorkerPool("junction-room", options.workerThreads(),
                () -> System.nanoTime() / 1_000_000, 10);
        this.handshakes = HandshakePool.create(options.handshakeThreads());
        if (options.oneSourceCanHoldAllHandshakeThreads()) {
            LOG.warn("maxHalfOpenPerSource {} >= handshakeThreads {}: one address with silent transports can delay "
                    + "every other participant's DTLS handshake by up to {}", options.maxHalfOpenPerSource(),
                    options.handshakeThreads(), options.handshakeTimeout());
        }
        this.pool = new BufferPool(options.poolBuffers());
        this.ctx = new EngineContext(this, icePort, DtlsCertificate.generate(), handshakes,
                options.handshakeTimeout(), pool,
                options.room(), System::currentTimeMillis, events);
        this.data = new EngineData(rooms, ctx.dataApplications());
        LOG.info("media engine listening on UDP {} (announcing {})", icePort.localPort(), icePort.announcedAddresses());
    }

    /** The UDP port media arrives on. */
    public int mediaPort() {
        return icePort.localPort();
    }

    @Override
    public MediaSession join(String roomId, String participantId, String displayName, NegotiationSink sink) {
        return join(roomId, participantId, displayName, MediaRights.ALL, sink);
    }

    @Override
    public MediaSession join(String roomId, String participantId, String displayName, MediaRights rights,
                             NegotiationSink sink) {
        return join(roomId, participantId, displayName, rights, null, sink);
    }

    /** Joins a participant; {@code source} (its signaling address) is not limited here any more. */
    @Override
    public MediaSession join(String roomId, String participantId, String displayName, MediaRights rights,
                             String source, NegotiationSink sink) {
        return join(roomId, participantId, displayName, rights, source, Reception.STANDARD, sink);
    }

    /**
     * As {@link #join(String, String, String, MediaRights, String, NegotiationSink)}, receiving as
     * {@code reception} says ({@link Reception#answerOnly} for clients that cannot take a server offer).
     */
    @Override
    public MediaSession join(String roomId, String participantId, String displayName, MediaRights rights,
                             String source, Reception reception, NegotiationSink sink) {
        Objects.requireNonNull(rights, "rights");
        Objects.requireNonNull(reception, "reception");
        if (closed) {
            throw new IllegalStateException("engine closed");
        }
        return admit(roomId, participantId, displayName, rights, reception, sink);
    }

    private SfuParticipant admit(String roomId, String participantId, String displayName, MediaRights rights,
                                 Reception reception, NegotiationSink sink) {
        while (true) {
            SfuRoom room = rooms.computeIfAbsent(roomId, id -> new SfuRoom(id, workers.assign(), ctx));
            SfuParticipant p;
            try {
                p = room.loop().submit(() -> {
                    if (room.isClosed()) {
                        return null;
                    }
                    SfuParticipant created = new SfuParticipant(participantId, displayName, rights, reception, room,
                            ctx, sink);
                    room.add(created);
                    return created;
                }).get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("cannot join room " + roomId + ": " + e, e);
            }
            if (p != null) {
                return p;
            }
            rooms.remove(roomId, room); // closed between lookup and join: make a new one
        }
    }

    /**
     * Opens the receiving end of a relay link from another cluster node into {@code roomId}:
     * the link's tracks become local sources attributed to their remote publishers (see
     * {@link RelayInbound}); {@code upstream} carries their RTCP feedback back over the link.
     *
     * @return null when this engine has no such room (no local participant): nobody here to
     *         receive the link's media
     */
    public RelayInbound relayInbound(String roomId, String linkId, MediaSender upstream) {
        Objects.requireNonNull(linkId, "linkId");
        Objects.requireNonNull(upstream, "upstream");
        SfuRoom room = rooms.get(roomId);
        return room == null || closed ? null : RelayInbound.open(room, linkId, upstream, ctx);
    }

    /** True while {@code roomId} has a media session here (some local participant joined it). */
    public boolean hasRoom(String roomId) {
        return rooms.containsKey(roomId);
    }

    void roomClosed(SfuRoom room) {
        rooms.remove(room.id(), room);
    }

    /** The rooms' data channels for the application (members, sending, counters). */
    public EngineData data() {
        return data;
    }

    /** Rooms with media sessions now. */
    public int roomCount() {
        return rooms.size();
    }

    /** Snapshots of every room (each taken on its worker; a room that does not answer in 2 s is skipped). */
    public List<RoomView> rooms() {
        List<RoomView> out = new ArrayList<>();
        for (SfuRoom r : rooms.values()) {
            view(r).ifPresent(out::add);
        }
        return out;
    }

    /** A snapshot of one room, empty when it has no media session. */
    public Optional<RoomView> room(String name) {
        SfuRoom r = rooms.get(name);
        return r == null ? Optional.empty() : view(r);
    }

    /** Engine-wide counters since start (departed participants included). */
    public EngineTotals totals() {
        ctx.totals().countPoolExhausted(ctx.poolExhausted());
        ctx.totals().countIcePort(icePort.drops());
        return ctx.totals().with(rooms());
    }

    private static Optional<RoomView> view(SfuRoom r) {
        try {
            return Optional.ofNullable(r.loop().submit(() -> r.isClosed() ? null : Views.room(r))
                    .get(2, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            LOG.debug("room {}: no snapshot: {}", r.id(), e.toString());
            return Optional.empty();
        }
    }

    /** ICE transports of participants not yet closed (each participant owns one until it leaves or its media fails). */
    public int liveTransports() {
        return icePort.liveTransports();
    }

    /** Sessions between their first valid check and DTLS completion (each holds a slot of its remote IP). */
    public int halfOpenTransports() {
        return icePort.halfOpenTransports();
    }

    /** Valid checks dropped at the media port because their remote IP held its limit of half-open sessions. */
    public long halfOpenRefusals() {
        return icePort.drops(PortDrop.OVER_LIMIT);
    }

    /** The media port (drop counters, socket buffers, kernel drops). */
    public IcePort icePort() {
        return icePort;
    }

    /** DTLS handshakes running now (each holds a handshake thread). */
    public int handshakesRunning() {
        return handshakes.getActiveCount();
    }

    /** DTLS handshakes waiting for a free handshake thread. */
    public int handshakesWaiting() {
        return handshakes.getQueue().size();
    }

    /** Pooled packet buffers currently out of the pool. */
    public int outstandingBuffers() {
        return pool.outstanding();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<java.util.concurrent.CompletableFuture<Object>> done = new ArrayList<>();
        for (SfuRoom r : rooms.values()) {
            done.add(r.loop().submit(() -> {
                r.close("engine closed");
                return null;
            }));
        }
        for (var f : done) {
            try {
                f.get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("room close: {}", e.toString());
            }
        }
        rooms.clear();
        workers.close();
        handshakes.shutdownNow();
        icePort.close();
        LOG.info("media engine closed");
    }
}
