package io.junction.client;

import io.junction.sfu.SfuOptions;
import io.junction.sfu.event.RoomEvent;
import io.junction.sfu.event.RoomEventListener;
import io.junction.sfu.signal.MediaEngine;
import io.junction.sfu.signal.MediaRights;
import io.junction.sfu.signal.MediaSession;
import io.junction.sfu.signal.NegotiationSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.junction.client.LoopbackRoom.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DTLS handshakes against the real engine over loopback, with participants that pass ICE and
 * then never answer DTLS (their client-side handshake is held): the configured handshake
 * timeout is what ends them, and the most one remote address may hold half-open at the media port
 * cannot keep a participant from another address (127.0.0.2) from connecting.
 */
class SfuRoomHandshakeTest {
    private static final Duration LIMIT = Duration.ofSeconds(10);
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final Failures failures = new Failures();
    private LoopbackRoom room;

    @AfterEach
    void stop() {
        if (room != null) {
            room.close();
        }
        pool.shutdownNow();
    }

    /** When (System.nanoTime) and why each participant's transport failed, from the engine's events. */
    private static final class Failures implements RoomEventListener {
        record Failure(long atNanos, String reason) {
        }

        final Map<String, Failure> byParticipant = new ConcurrentHashMap<>();

        @Override
        public void onEvent(RoomEvent e) {
            if (e instanceof RoomEvent.TransportFailed f) {
                byParticipant.putIfAbsent(f.participant(), new Failure(System.nanoTime(), f.reason()));
            }
        }
    }

    @Test
    void aSilentDtlsPeerLosesItsTransportAfterTheConfiguredTimeoutNotTheDefault() throws Exception {
        Duration timeout = Duration.ofSeconds(2);
        assertEquals(Duration.ofSeconds(10), SfuOptions.DEFAULT_HANDSHAKE_TIMEOUT, "the default this test tells apart");
        room = new LoopbackRoom(ice -> ice.connectTimeout(timeout), o -> o.withHandshakeTimeout(timeout), failures,
                e -> e);
        HeldHandshakes silent = new HeldHandshakes(pool);
        long joinedAt = System.nanoTime();
        SfuParticipantClient mal = room.join("t", "mal", true, silent);
        mal.joined().get(5, TimeUnit.SECONDS);
        await("mal passed ICE and reached DTLS", LIMIT, () -> silent.held() == 1);
        assertEquals(1, room.engine.halfOpenTransports());

        // Waiting less than the 10 s default: only the configured 2 s can end the transport in time.
        await("mal's transport failed", Duration.ofSeconds(7), () -> failures.byParticipant.containsKey(mal.id()));
        Failures.Failure f = failures.byParticipant.get(mal.id());
        long afterMs = (f.atNanos() - joinedAt) / 1_000_000;
        assertTrue(f.reason().startsWith("DTLS: handshake timeout"), f.reason());
        assertTrue(afterMs >= timeout.toMillis(), "failed " + afterMs + " ms after the join, before the timeout");
        assertTrue(afterMs < 6000, "failed " + afterMs + " ms after the join: the 2 s timeout was not honoured");
        await("its half-open slot is freed", LIMIT, () -> room.engine.halfOpenTransports() == 0);
    }

    @Test
    void silentDtlsPeersFromOneAddressDoNotDelayAnotherParticipant() throws Exception {
        int n = SfuOptions.DEFAULT_MAX_HALF_OPEN_PER_SOURCE;
        // Default engine options; participants named "elsewhere-..." get another source address,
        // since every client here really connects from 127.0.0.1.
        room = new LoopbackRoom(ice -> { }, o -> o, failures, SourceByName::new);

        HeldHandshakes silent = new HeldHandshakes(pool);
        List<SfuParticipantClient> stuck = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            stuck.add(room.join("s", "stuck" + i, true, silent));
        }
        for (SfuParticipantClient c : stuck) {
            c.joined().get(5, TimeUnit.SECONDS);
        }
        await(n + " silent peers passed ICE and reached DTLS", LIMIT, () -> silent.held() == n,
                () -> "held " + silent.held());
        await("the engine has their " + n + " DTLS handshakes, running or waiting for a thread", LIMIT,
                () -> room.engine.handshakesRunning() + room.engine.handshakesWaiting() == n,
                () -> "running " + room.engine.handshakesRunning() + ", waiting " + room.engine.handshakesWaiting());
        assertEquals(n, room.engine.halfOpenTransports(), "127.0.0.1 holds its whole half-open allowance");

        long joinedAt = System.nanoTime();
        SfuParticipantClient good = room.joinFrom("127.0.0.2", "s", "elsewhere-good", true);
        good.joined().get(5, TimeUnit.SECONDS);
        good.connected().get(8, TimeUnit.SECONDS);
        long connectedMs = (System.nanoTime() - joinedAt) / 1_000_000;

        assertTrue(failures.byParticipant.isEmpty(), "connected while the silent peers were still stuck, not after "
                + "they timed out: " + failures.byParticipant);
        assertEquals(n, silent.held());
        assertEquals(0, room.engine.handshakesWaiting(), "no handshake waits for a thread");
        // the good participant's handshake thread may still be finishing its task
        await("the silent peers' handshakes still hold their threads", LIMIT,
                () -> room.engine.handshakesRunning() == n, () -> "running " + room.engine.handshakesRunning());
        assertTrue(connectedMs < SfuOptions.DEFAULT_HANDSHAKE_TIMEOUT.toMillis(), "connected after " + connectedMs
                + " ms");
        await("only the silent peers stay half-open", LIMIT, () -> room.engine.halfOpenTransports() == n);
        assertTrue(SfuOptions.DEFAULT_HANDSHAKE_THREADS > n, "defaults leave handshake threads to other addresses");
    }

    /**
     * The engine as signaling sees it, with participants whose display name starts with
     * {@code elsewhere-} joining from another source address (192.0.2.7, documentation range)
     * instead of 127.0.0.1.
     */
    private record SourceByName(MediaEngine engine) implements MediaEngine {
        @Override
        public MediaSession join(String roomId, String participantId, String displayName, NegotiationSink sink) {
            return engine.join(roomId, participantId, displayName, sink);
        }

        @Override
        public MediaSession join(String roomId, String participantId, String displayName, MediaRights rights,
                                 NegotiationSink sink) {
            return engine.join(roomId, participantId, displayName, rights, sink);
        }

        @Override
        public MediaSession join(String roomId, String participantId, String displayName, MediaRights rights,
                                 String source, NegotiationSink sink) {
            String from = displayName != null && displayName.startsWith("elsewhere-") ? "192.0.2.7" : source;
            return engine.join(roomId, participantId, displayName, rights, from, sink);
        }

        @Override
        public void close() {
            engine.close();
        }
    }
}
