package io.junction.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A PROTOCOL.md v1 client over {@link java.net.http.WebSocket}. Received objects go to the
 * listener when one is set, otherwise into an inbox that tests read with a deadline.
 */
public final class SignalingClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket socket;
    private final BlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile Consumer<JsonNode> listener;
    private CompletableFuture<WebSocket> sending = CompletableFuture.completedFuture(null);

    private SignalingClient(HttpClient http, URI uri, Duration timeout) {
        try {
            this.socket = http.newWebSocketBuilder()
                    .connectTimeout(timeout)
                    .buildAsync(uri, new Receiver())
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot connect to " + uri + ": " + e, e);
        }
    }

    /**
     * Connects to a Junction WebSocket endpoint such as {@code ws://127.0.0.1:8080/ws}. All
     * clients made this way share one JDK {@link HttpClient} (thread-safe, immutable settings):
     * a load generator with hundreds of participants then has one selector thread, not hundreds.
     */
    public static SignalingClient connect(URI uri, Duration timeout) {
        return new SignalingClient(SharedHttp.CLIENT, uri, timeout);
    }

    /** Connects with the given JDK HTTP client (its own settings, its own threads). */
    public static SignalingClient connect(HttpClient http, URI uri, Duration timeout) {
        return new SignalingClient(http, uri, timeout);
    }

    /** Holder of the shared client, created on first use. */
    private static final class SharedHttp {
        static final HttpClient CLIENT = HttpClient.newHttpClient();
    }

    /** Delivers every received object to {@code l} (on the WebSocket's thread) instead of the inbox. */
    public void setListener(Consumer<JsonNode> l) {
        this.listener = l;
        JsonNode queued;
        while ((queued = inbox.poll()) != null) {
            l.accept(queued);
        }
    }

    /** Sends one JSON object as a text frame; frames are sent in call order. */
    public synchronized void send(JsonNode message) {
        String text;
        try {
            text = JSON.writeValueAsString(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sendText(text);
    }

    /** Sends raw text (tests use it for malformed input). */
    public synchronized void sendText(String text) {
        sending = sending.thenCompose(ws -> socket.sendText(text, true));
    }

    public void join(String room, String name) {
        join(room, name, null);
    }

    /** Joins with an authentication {@code token} (omitted when null). */
    public void join(String room, String name, String token) {
        ObjectNode o = JSON.createObjectNode().put("type", "join").put("room", room);
        if (name != null) {
            o.put("name", name);
        }
        if (token != null) {
            o.put("token", token);
        }
        send(o);
    }

    public void leave(String room) {
        send(JSON.createObjectNode().put("type", "leave").put("room", room));
    }

    /** A {@code message} with the given {@code data}; {@code to} may be null. */
    public void message(String room, JsonNode data, String to) {
        ObjectNode o = JSON.createObjectNode().put("type", "message").put("room", room);
        o.set("data", data);
        if (to != null) {
            o.put("to", to);
        }
        send(o);
    }

    /** The next received object, waiting up to {@code timeout}. */
    public JsonNode next(Duration timeout) throws TimeoutException, InterruptedException {
        JsonNode n = inbox.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (n == null) {
            throw new TimeoutException("no message within " + timeout);
        }
        return n;
    }

    /** The next received object of {@code type}, skipping others, waiting up to {@code timeout}. */
    public JsonNode next(String type, Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode n = left > 0 ? inbox.poll(left, TimeUnit.NANOSECONDS) : null;
            if (n == null) {
                throw new TimeoutException("no '" + type + "' within " + timeout);
            }
            if (type.equals(n.path("type").asText())) {
                return n;
            }
        }
    }

    /** Objects received and not yet taken. */
    public int pending() {
        return inbox.size();
    }

    /** Completes when the server closed the socket or it failed. */
    public CompletableFuture<Void> closedFuture() {
        return closed;
    }

    /** Drops the TCP connection without a close handshake (a crashed client). */
    public void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }

    private final class Receiver implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode node = JSON.readTree(text);
                    Consumer<JsonNode> l = listener;
                    if (l != null) {
                        l.accept(node);
                    } else {
                        inbox.add(node);
                    }
                } catch (IOException e) {
                    inbox.add(JSON.createObjectNode().put("type", "client-error").put("message", e.toString()));
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(null);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete(null);
        }
    }
}
