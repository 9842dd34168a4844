package io.junction.client;

import io.junction.dtls.DtlsCertificate;
import io.junction.ice.IceConfig;
import io.junction.sfu.SfuEngine;
import io.junction.sfu.SfuOptions;
import io.junction.signaling.SignalingOptions;
import io.junction.signaling.SignalingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Java client peers over loopback through the real signaling server and SFU engine. */
class SfuRoomIT {
    private SfuEngine engine;
    private SignalingServer server;
    private ExecutorService handshakes;
    private DtlsCertificate clientCert;
    private final List<SfuParticipantClient> clients = new ArrayList<>();
    private final List<MediaPump> pumps = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        IceConfig ice = IceConfig.builder().bindAddress("127.0.0.1").port(0)
                .announcedAddresses(List.of("127.0.0.1")).build();
        engine = new SfuEngine(SfuOptions.defaults(ice));
        server = new SignalingServer(engine, SignalingOptions.defaults());
        server.start("127.0.0.1", 0);
        handshakes = Executors.newFixedThreadPool(4);
        clientCert = DtlsCertificate.generate();
    }

    @AfterEach
    void stop() throws Exception {
        pumps.forEach(MediaPump::close);
        clients.forEach(SfuParticipantClient::close);
        server.close();
        engine.close();
        handshakes.shutdownNow();
    }

    private SfuParticipantClient join(String room, String name, boolean publish) {
        SfuParticipantClient c = new SfuParticipantClient(URI.create("ws://127.0.0.1:" + server.port() + "/ws"),
                room, name, publish, clientCert, handshakes);
        clients.add(c);
        return c;
    }

    private static void await(String what, Duration limit, BooleanSupplier cond) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    @Test
    void threePublishersEachReceiveTheOthersIntact() throws Exception {
        List<SfuParticipantClient> ps = List.of(join("r1", "ann", true), join("r1", "bob", true), join("r1", "cat", true));
        for (SfuParticipantClient p : ps) {
            p.joined().get(5, TimeUnit.SECONDS);
            p.connected().get(10, TimeUnit.SECONDS);
            pumps.add(MediaPump.start(p));
        }
        for (SfuParticipantClient p : ps) {
            await(p.id() + " receiving 4 streams", Duration.ofSeconds(15), () -> p.received().values().stream()
                    .filter(s -> s.packets() > 20).count() == 4);
        }
        for (SfuParticipantClient p : ps) {
            Set<String> publishers = new java.util.HashSet<>();
            for (ReceivedStream s : p.received().values()) {
                if (s.packets() == 0) {
                    continue;
                }
                publishers.add(s.streamId());
                assertEquals(0, s.corrupt(), "corrupt payloads on " + s.ssrc());
                if (s.kind().equals("video")) {
                    assertEquals(Boolean.TRUE, s.firstWasKeyframe(), "first video packet must start a keyframe");
                }
            }
            assertEquals(2, publishers.size(), p.id() + " should receive the two others: " + publishers);
            assertTrue(!publishers.contains(p.id()), "no echo of one's own tracks");
        }
    }
}
