package io.junction.signaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A test WebSocket client over loopback that queues every received text frame as JSON. */
final class WsClient implements AutoCloseable {
    static final long TIMEOUT_SECONDS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    WsClient(HttpClient http, int port) throws Exception {
        socket = http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), new Listener())
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    void send(String frame) throws Exception {
        socket.sendText(frame, true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    void sendBinary(java.nio.ByteBuffer bytes) throws Exception {
        socket.sendBinary(bytes, true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** The next received frame; fails after the deadline. */
    JsonNode next() throws InterruptedException {
        JsonNode n = received.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (n == null) {
            throw new AssertionError("no frame within " + TIMEOUT_SECONDS + " s");
        }
        return n;
    }

    /** The next frame, checked to have {@code type}. */
    JsonNode next(String type) throws InterruptedException {
        JsonNode n = next();
        if (!type.equals(n.path("type").asText())) {
            throw new AssertionError("expected " + type + " but got " + n);
        }
        return n;
    }

    /** Joins and returns the {@code joined} frame. */
    JsonNode join(String room, String name) throws Exception {
        send("{\"type\":\"join\",\"room\":\"" + room + "\",\"name\":\"" + name + "\"}");
        return next("joined");
    }

    /** Frames received but not yet taken. */
    int backlog() {
        return received.size();
    }

    /** Completes with the close status when the server closes the socket. */
    CompletableFuture<Integer> closed() {
        return closed;
    }

    @Override
    public void close() {
        socket.abort();
    }

    /** Closes with a normal close handshake. */
    void closeGracefully() throws Exception {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    received.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException("server sent non-JSON: " + partial, e);
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete(-1);
        }
    }
}
