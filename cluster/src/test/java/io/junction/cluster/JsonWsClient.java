package io.junction.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A test signaling client over loopback ({@code /ws}) that queues every received frame as JSON. */
public final class JsonWsClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final WebSocket socket;

    public JsonWsClient(HttpClient http, int port) throws Exception {
        socket = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), new Listener())
                .get(5, TimeUnit.SECONDS);
    }

    public void send(String frame) throws Exception {
        socket.sendText(frame, true).get(5, TimeUnit.SECONDS);
    }

    /** Joins and returns the {@code joined} frame. */
    public JsonNode join(String room, String name) throws Exception {
        send("{\"type\":\"join\",\"room\":\"" + room + "\",\"name\":\"" + name + "\"}");
        return next("joined", Duration.ofSeconds(5));
    }

    /** The next frame, which must have {@code type}, within {@code within}. */
    public JsonNode next(String type, Duration within) throws InterruptedException {
        JsonNode n = received.poll(within.toMillis(), TimeUnit.MILLISECONDS);
        if (n == null) {
            throw new AssertionError("no frame within " + within + " (expected " + type + ")");
        }
        if (!type.equals(n.path("type").asText())) {
            throw new AssertionError("expected " + type + " but got " + n);
        }
        return n;
    }

    /** The next frame of the default 5 s deadline. */
    public JsonNode next(String type) throws InterruptedException {
        return next(type, Duration.ofSeconds(5));
    }

    /** A frame received within {@code within}, or null. */
    public JsonNode poll(Duration within) throws InterruptedException {
        return received.poll(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Frames received but not yet taken. */
    public int backlog() {
        return received.size();
    }

    @Override
    public void close() {
        socket.abort();
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
    }
}
