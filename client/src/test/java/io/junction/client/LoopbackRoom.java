package io.junction.client;

import io.junction.dtls.DtlsCertificate;
import io.junction.ice.IceConfig;
import io.junction.sfu.SfuEngine;
import io.junction.sfu.SfuOptions;
import io.junction.sfu.event.RoomEventListener;
import io.junction.sfu.signal.MediaEngine;
import io.junction.signaling.SignalingOptions;
import io.junction.signaling.SignalingServer;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Test fixture: the real signaling server and SFU engine on loopback, plus the Java client
 * participants and media pumps a test creates (all closed by {@link #close()}).
 */
final class LoopbackRoom implements AutoCloseable {
    final SfuEngine engine;
    final SignalingServer server;
    private final ExecutorService handshakes;
    private final DtlsCertificate clientCert;
    private final List<SfuParticipantClient> clients = new ArrayList<>();
    private final List<MediaPump> pumps = new ArrayList<>();

    LoopbackRoom() throws Exception {
        this(b -> { });
    }

    /** As {@link #LoopbackRoom()}, with ICE options (timeouts) adjusted by {@code ice}. */
    LoopbackRoom(java.util.function.Consumer<IceConfig.Builder> iceOptions) throws Exception {
        this(iceOptions, io.junction.sfu.room.RoomOptions.defaults());
    }

    /** As {@link #LoopbackRoom(java.util.function.Consumer)}, with the rooms' options. */
    LoopbackRoom(java.util.function.Consumer<IceConfig.Builder> iceOptions, io.junction.sfu.room.RoomOptions rooms)
            throws Exception {
        this(iceOptions, rooms, SfuOptions.DEFAULT_MAX_HALF_OPEN_PER_SOURCE);
    }

    /** As {@link #LoopbackRoom(java.util.function.Consumer, io.junction.sfu.room.RoomOptions)}, with the half-open limit. */
    LoopbackRoom(java.util.function.Consumer<IceConfig.Builder> iceOptions, io.junction.sfu.room.RoomOptions rooms,
                 int maxHalfOpenPerSource) throws Exception {
        this(iceOptions, d -> new SfuOptions(d.ice(), d.workerThreads(), d.poolBuffers(), d.handshakeThreads(),
                d.handshakeTimeout(), rooms, maxHalfOpenPerSource), RoomEventListener.NONE, e -> e);
    }

    /**
     * The general form: ICE options adjusted by {@code iceOptions}, the engine's options made
     * from the defaults by {@code engineOptions}, its events sent to {@code events}, and the
     * signaling server talking to the engine through {@code signalingView} (e.g. a wrapper that
     * gives some participants another source address).
     */
    LoopbackRoom(java.util.function.Consumer<IceConfig.Builder> iceOptions, UnaryOperator<SfuOptions> engineOptions,
                 RoomEventListener events, Function<SfuEngine, MediaEngine> signalingView) throws Exception {
        IceConfig.Builder b = IceConfig.builder().bindAddress("127.0.0.1").port(0)
                .announcedAddresses(List.of("127.0.0.1"));
        iceOptions.accept(b);
        IceConfig ice = b.build();
        engine = new SfuEngine(engineOptions.apply(SfuOptions.defaults(ice)), events);
        server = new SignalingServer(signalingView.apply(engine), SignalingOptions.defaults());
        server.start("127.0.0.1", 0);
        // Unbounded like separate browsers: a participant that walked away without closing its
        // peer keeps its client-side handshake thread until the DTLS timeout, and must not
        // starve the handshakes of the others.
        handshakes = Executors.newCachedThreadPool();
        clientCert = DtlsCertificate.generate();
    }

    /** A new participant joining {@code room}; publishes audio and video when asked. */
    synchronized SfuParticipantClient join(String room, String name, boolean publish) {
        SfuParticipantClient c = new SfuParticipantClient(URI.create("ws://127.0.0.1:" + server.port() + "/ws"),
                room, name, publish, clientCert, handshakes);
        clients.add(c);
        return c;
    }

    /** As {@link #join(String, String, boolean)}, running the client's DTLS handshake on {@code handshakeExecutor}. */
    synchronized SfuParticipantClient join(String room, String name, boolean publish,
                                           java.util.concurrent.Executor handshakeExecutor) {
        SfuParticipantClient c = new SfuParticipantClient(URI.create("ws://127.0.0.1:" + server.port() + "/ws"),
                room, name, publish, clientCert, handshakeExecutor);
        clients.add(c);
        return c;
    }

    /**
     * As {@link #join(String, String, boolean)}, with the client's media socket on {@code mediaAddress}
     * (e.g. 127.0.0.2: another remote address at the media port, still loopback).
     */
    synchronized SfuParticipantClient joinFrom(String mediaAddress, String room, String name, boolean publish) {
        SfuParticipantClient c = new SfuParticipantClient(URI.create("ws://127.0.0.1:" + server.port() + "/ws"),
                room, name, null, publish, clientCert, handshakes, mediaAddress);
        clients.add(c);
        return c;
    }

    /** A participant publishing audio and its video as rid simulcast {@code layers} (send them with {@link SimulcastPump}). */
    synchronized SfuParticipantClient joinSimulcast(String room, String name, List<ClientSdp.Layer> layers) {
        SfuParticipantClient c = new SfuParticipantClient(URI.create("ws://127.0.0.1:" + server.port() + "/ws"),
                room, name, null, true, clientCert, handshakes, "127.0.0.1", layers);
        clients.add(c);
        return c;
    }

    /** A raw signaling connection to this server (the caller closes it). */
    SignalingClient signaling() {
        return SignalingClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/ws"), Duration.ofSeconds(5));
    }

    /** Waits until joined and DTLS-SRTP is up. */
    static void connect(SfuParticipantClient c) throws Exception {
        c.joined().get(5, TimeUnit.SECONDS);
        c.connected().get(10, TimeUnit.SECONDS);
    }

    /** Starts the synthetic media of a publishing participant. */
    synchronized MediaPump pump(SfuParticipantClient c) {
        MediaPump p = MediaPump.start(c);
        pumps.add(p);
        return p;
    }

    /** Starts media with keyframes at start, on PLI/FIR and every {@code keyframeIntervalFrames} frames. */
    synchronized MediaPump pump(SfuParticipantClient c, int keyframeIntervalFrames) {
        java.util.concurrent.ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread th = new Thread(r, "media-pump");
            th.setDaemon(true);
            return th;
        });
        MediaPump p = MediaPump.start(c, t, true, 30, 500_000, keyframeIntervalFrames);
        pumps.add(p);
        return p;
    }

    /** Closes {@code c} and its pump (may be null) and forgets them, so long runs do not accumulate them. */
    synchronized void release(SfuParticipantClient c, MediaPump pump) {
        if (pump != null) {
            pump.close();
            pumps.remove(pump);
        }
        c.close();
        clients.remove(c);
    }

    /** Polls {@code cond} every 20 ms until it holds; fails after {@code limit}. */
    static void await(String what, Duration limit, BooleanSupplier cond) throws InterruptedException {
        await(what, limit, cond, () -> "");
    }

    /** As {@link #await(String, Duration, BooleanSupplier)}, adding {@code state} to the failure message. */
    static void await(String what, Duration limit, BooleanSupplier cond, java.util.function.Supplier<String> state)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + limit + " waiting for " + what + " " + state.get());
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    /** Streams of {@code c} coming from {@code publisherId} of the given kind that carry media. */
    static List<ReceivedStream> from(SfuParticipantClient c, String publisherId, String kind) {
        List<ReceivedStream> out = new ArrayList<>();
        for (ReceivedStream s : c.received().values()) {
            if (publisherId.equals(s.streamId()) && s.kind().equals(kind) && s.packets() > 0) {
                out.add(s);
            }
        }
        return out;
    }

    /** Media packets {@code c} received from {@code publisherId} of the given kind. */
    static long packetsFrom(SfuParticipantClient c, String publisherId, String kind) {
        long n = 0;
        for (ReceivedStream s : c.received().values()) {
            if (publisherId.equals(s.streamId()) && s.kind().equals(kind)) {
                n += s.packets();
            }
        }
        return n;
    }

    @Override
    public synchronized void close() {
        pumps.forEach(MediaPump::close);
        clients.forEach(SfuParticipantClient::close);
        server.close();
        engine.close();
        handshakes.shutdownNow();
    }
}
