package io.junction.signaling.whip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.junction.sfu.signal.MediaEngine;
import io.junction.sfu.signal.MediaSession;
import io.junction.sfu.signal.Negotiation;
import io.junction.sfu.signal.NegotiationSink;
import io.junction.signaling.SignalingOptions;
import io.junction.signaling.SignalingServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.junit.jupiter.api.Test;

/**
 * The front on its own (a scripted engine, an application's Jetty): the connect deadline ends a
 * session whose media never connects, and only that one; options are validated.
 */
class WhipFrontTest {
    private static final String OFFER = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
            + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=ice-ufrag:abcd\r\na=sendonly\r\n";

    /** Answers every offer at once; records leaves. */
    static final class AnsweringEngine implements MediaEngine {
        final List<String> left = new CopyOnWriteArrayList<>();

        @Override
        public MediaSession join(String roomId, String participantId, String displayName, NegotiationSink sink) {
            return new MediaSession() {
                @Override
                public void onClientNegotiation(Negotiation n) {
                    if (n instanceof Negotiation.Offer) {
                        sink.send(new Negotiation.Answer("v=0\r\na=recvonly\r\n"));
                    }
                }

                @Override
                public void leave() {
                    left.add(participantId);
                }
            };
        }

        @Override
        public MediaSession join(String roomId, String participantId, String displayName,
                                 io.junction.sfu.signal.MediaRights rights, NegotiationSink sink) {
            return join(roomId, participantId, displayName, sink); // rights are not media-relevant here
        }

        @Override
        public void close() {
        }
    }

    private static void await(String what, BooleanSupplier cond) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    @Test
    void aSessionWithoutConnectedMediaEndsAtTheDeadlineAConnectedOneStays() throws Exception {
        AnsweringEngine engine = new AnsweringEngine();
        SignalingServer signaling = new SignalingServer(engine, SignalingOptions.defaults().withIceServers(List.of(
                new io.junction.signaling.SignalMessage.IceServer(List.of("stun:stun.example.org:3478"), null, null),
                new io.junction.signaling.SignalMessage.IceServer(List.of("turn:turn.example.org:3478?transport=udp"),
                        "user", "pa\"ss"))));
        WhipFront front = new WhipFront(signaling, Duration.ofSeconds(1));
        Server app = new Server();
        ServerConnector connector = new ServerConnector(app);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        app.addConnector(connector);
        app.setHandler(new ContextHandler(front.handler(), "/live"));
        app.start();
        HttpClient http = HttpClient.newHttpClient();
        try {
            String url = "http://127.0.0.1:" + connector.getLocalPort() + "/live/whip/d1";
            HttpRequest post = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/sdp")
                    .POST(HttpRequest.BodyPublishers.ofString(OFFER)).build();
            HttpResponse<String> silent = http.send(post, HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> live = http.send(post, HttpResponse.BodyHandlers.ofString());
            assertEquals(201, silent.statusCode(), silent.body());
            assertEquals(201, live.statusCode(), live.body());
            assertTrue(silent.headers().firstValue("Location").orElse("").startsWith("/live/whip/d1/s/"));
            assertEquals(List.of("<stun:stun.example.org:3478>; rel=\"ice-server\"",
                    "<turn:turn.example.org:3478?transport=udp>; rel=\"ice-server\"; username=\"user\"; "
                            + "credential=\"pa\\\"ss\"; credential-type=\"password\""),
                    silent.headers().allValues("Link"), "RFC 9725 section 4.6 ICE server links, quoted-string escaped");
            assertEquals(2, signaling.rooms().roomSize("d1").getAsInt());
            front.onEvent(new io.junction.sfu.event.RoomEvent.TransportConnected("d1", "p2"));

            await("the silent session ended", () -> engine.left.contains("p1"));
            assertEquals(1, signaling.rooms().roomSize("d1").getAsInt());
            assertEquals(1, front.sessionCount());
            assertEquals(List.of("p1"), engine.left, "the connected session stays");

            front.onEvent(new io.junction.sfu.event.RoomEvent.TransportFailed("d1", "p2", "consent lost"));
            assertEquals(0, front.sessionCount());
            assertEquals(0, signaling.rooms().roomCount(), "media lost: the member left too");
        } finally {
            front.close();
            app.stop();
            signaling.close();
        }
    }

    @Test
    void anEngineThatCannotServeTheSessionIsA501AndLeavesNoMember() throws Exception {
        MediaEngine plain = new MediaEngine() { // accepts only MediaRights.ALL (the interface's default)
            @Override
            public MediaSession join(String roomId, String participantId, String displayName, NegotiationSink sink) {
                throw new AssertionError("not reached");
            }

            @Override
            public void close() {
            }
        };
        SignalingServer signaling = new SignalingServer(plain, SignalingOptions.defaults());
        WhipFront front = new WhipFront(signaling);
        WhipError e = assertThrows(WhipError.class,
                () -> front.start(WhipSession.Kind.WHIP, "u1", null, "cam", null, null, OFFER));
        assertEquals(501, e.status());
        assertTrue(e.getMessage().contains("media rights"), e.getMessage());
        assertEquals(0, signaling.rooms().roomCount());
        front.close();
        signaling.close();
    }

    @Test
    void connectDeadlineIsValidated() {
        SignalingServer signaling = new SignalingServer(new AnsweringEngine(), SignalingOptions.defaults());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WhipFront(signaling, Duration.ofMillis(500)));
        assertTrue(e.getMessage().contains("connectDeadline"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new WhipFront(signaling, Duration.ofMinutes(11)));
    }

    @Test
    void routesSplitEndpointsAndResources() {
        assertEquals(new WhipHandler.Route(WhipSession.Kind.WHIP, "r", null, null), WhipHandler.Route.parse("/whip/r"));
        assertEquals(new WhipHandler.Route(WhipSession.Kind.WHEP, "r", "p1", null),
                WhipHandler.Route.parse("/whep/r/p1"));
        assertEquals(new WhipHandler.Route(WhipSession.Kind.WHEP, "r", null, "ab"),
                WhipHandler.Route.parse("/whep/r/s/ab"));
        assertEquals(new WhipHandler.Route(WhipSession.Kind.WHIP, null, null, null),
                WhipHandler.Route.parse("/whip/r/p1"), "WHIP has no participant form");
        assertEquals(new WhipHandler.Route(WhipSession.Kind.WHIP, null, null, null), WhipHandler.Route.parse("/whip/"));
        assertEquals(null, WhipHandler.Route.parse("/ws"));
        assertEquals(null, WhipHandler.Route.parse("/whipped"));
    }
}
