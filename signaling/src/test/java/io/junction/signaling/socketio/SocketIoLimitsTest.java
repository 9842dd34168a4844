package io.junction.signaling.socketio;

import io.junction.signaling.Conditions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.junction.sfu.signal.MediaEngine;
import io.junction.sfu.signal.MediaSession;
import io.junction.sfu.signal.NegotiationSink;
import io.junction.signaling.RoomMode;
import io.junction.signaling.SignalingOptions;
import io.junction.signaling.SignalingServer;
import java.net.http.HttpClient;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Limits of the socket.io front seen over raw Engine.IO long-polling: a client that stops
 * fetching is disconnected once more events than the outbox limit wait for it (and leaves its
 * room); a malformed socket.io packet ends the connection; a close ends the front's threads.
 */
class SocketIoLimitsTest {
    private Server http;
    private SignalingServer signaling;
    private SocketIoFront front;
    private PollingClient reader;
    private PollingClient talker;
    private int port;

    @BeforeEach
    void start() throws Exception {
        signaling = new SignalingServer(new NoMedia(), SignalingOptions.defaults().withDefaultMode(RoomMode.P2P)
                .withOutboxLimit(8));
        front = new SocketIoFront(signaling);
        http = new Server();
        ServerConnector connector = new ServerConnector(http);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        http.addConnector(connector);
        http.setHandler(front.handler(http));
        http.start();
        port = connector.getLocalPort();
        HttpClient client = HttpClient.newHttpClient();
        reader = new PollingClient(client, connector.getLocalPort());
        talker = new PollingClient(client, connector.getLocalPort());
    }

    @AfterEach
    void stop() throws Exception {
        front.close();
        signaling.close();
        http.stop();
    }

    @Test
    void aClientThatStopsPollingIsDisconnectedAndLeavesItsRoom() throws Exception {
        assertTrue(reader.open().startsWith("40{"));
        assertTrue(talker.open().startsWith("40{"));
        reader.send("42[\"join\",\"lim\"]");
        assertTrue(reader.poll().startsWith("42[\"joined\""));
        talker.send("42[\"join\",\"lim\"]");
        assertTrue(talker.poll().startsWith("42[\"joined\""));
        assertEquals(2, signaling.rooms().roomSize("lim").getAsInt());
        // The reader never polls again: the otherjoin and 8 messages exceed its 8 waiting events.
        for (int i = 0; i < 8; i++) {
            assertEquals(200, talker.send("42[\"message\",\"lim\",\"m" + i + "\"]"));
        }
        Conditions.await(() -> signaling.rooms().roomSize("lim").orElse(0) == 1, "the reader left the room");
        String bye = talker.poll();
        assertTrue(bye.startsWith("42[\"bye\",\"lim\",\"p"), bye);
        String last = reader.poll();
        assertTrue(last.contains("protocol-closed"), last);
    }

    @Test
    void aMalformedSocketIoPacketEndsTheConnection() throws Exception {
        reader.open();
        reader.send("42[\"join\",\"mal\"]");
        assertTrue(reader.poll().startsWith("42[\"joined\""));
        assertEquals(200, reader.send("42[\"join\""));
        // A long-polling transport closes on the client's next poll, which gets the close packet.
        String closing = reader.poll();
        assertTrue(java.util.List.of(closing.split("\u001e")).contains("1"), closing);
        Conditions.await(() -> signaling.rooms().roomSize("mal").isEmpty(), "the connection left its room");
        Conditions.await(() -> front.connections() == 0, "the connection is gone");
    }

    @Test
    void malformedOrBinaryWebSocketPacketsCloseWith1003() throws Exception {
        for (boolean binary : new boolean[] {false, true}) {
            java.util.concurrent.LinkedBlockingQueue<String> seen = new java.util.concurrent.LinkedBlockingQueue<>();
            java.util.concurrent.CompletableFuture<String> closed = new java.util.concurrent.CompletableFuture<>();
            java.net.http.WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(java.net.URI.create("ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=websocket"),
                            new java.net.http.WebSocket.Listener() {
                                @Override
                                public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket w,
                                        CharSequence data, boolean last) {
                                    seen.add(data.toString());
                                    w.request(1);
                                    return null;
                                }

                                @Override
                                public java.util.concurrent.CompletionStage<?> onClose(java.net.http.WebSocket w,
                                        int status, String reason) {
                                    closed.complete(status + " " + reason);
                                    return null;
                                }
                            }).get(10, TimeUnit.SECONDS);
            assertTrue(seen.poll(10, TimeUnit.SECONDS).startsWith("0{\"sid\""));
            ws.sendText("40", true).get(10, TimeUnit.SECONDS);
            assertTrue(seen.poll(10, TimeUnit.SECONDS).startsWith("40{\"sid\""));
            ws.sendText("42[\"shout\"]", true).get(10, TimeUnit.SECONDS);
            String error = seen.poll(10, TimeUnit.SECONDS);
            assertTrue(error.startsWith("42[\"error\",{") && error.contains("bad-message"), error);
            if (binary) {
                ws.sendBinary(java.nio.ByteBuffer.wrap(new byte[] {4, 1, 2}), true).get(10, TimeUnit.SECONDS);
                assertEquals("1003 binary frames are not used by this server", closed.get(10, TimeUnit.SECONDS));
            } else {
                ws.sendText("9", true).get(10, TimeUnit.SECONDS);
                assertEquals("1003 unknown Engine.IO packet type '9'", closed.get(10, TimeUnit.SECONDS));
            }
            Conditions.await(() -> front.connections() == 0, "the connection is gone");
        }
    }

    /**
     * A long-polling POST body is read with blocking I/O: the mounted front must not claim to be
     * non-blocking, or Jetty runs the request on its selector thread and a body arriving in a
     * later TCP segment is never read (seen as POSTs hanging until the idle timeout).
     */
    @Test
    void theMountedFrontIsABlockingHandler() {
        try (SocketIoFront unmounted = new SocketIoFront(signaling)) {
            assertEquals(org.eclipse.jetty.util.thread.Invocable.InvocationType.BLOCKING,
                    unmounted.handler(new Server()).getInvocationType());
        }
        assertEquals(org.eclipse.jetty.util.thread.Invocable.InvocationType.BLOCKING,
                http.getHandler().getInvocationType());
    }

    @Test
    void closeEndsTheTimerThread() throws Exception {
        reader.open();
        assertTrue(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("junction-socketio-timer")));
        front.close();
        Conditions.await(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().equals("junction-socketio-timer")), "the timer thread ended");
    }

    private static final class NoMedia implements MediaEngine {
        @Override
        public MediaSession join(String roomId, String participantId, String displayName, NegotiationSink sink) {
            throw new AssertionError("a classic client reached the media engine");
        }

        @Override
        public void close() {
        }
    }
}
