package io.junction.bench.janus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One session of Janus's HTTP API (the {@code janus.transport.http} REST interface): {@code create},
 * {@code attach} to a plugin, plugin {@code message}s with an optional JSEP, and one long-poll thread
 * that receives the asynchronous events and completes the request they answer (matched by
 * {@code transaction}). The long poll also keeps the session alive.
 */
public final class JanusApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JanusApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    private final HttpClient http;
    private final URI base;
    private final long session;
    private final AtomicLong transactions = new AtomicLong();
    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Thread poller;
    private volatile boolean closed;

    private JanusApi(HttpClient http, URI base, long session) {
        this.http = http;
        this.base = base;
        this.session = session;
        this.poller = new Thread(this::poll, "janus-long-poll");
        poller.setDaemon(true);
        poller.start();
    }

    /** Creates a session at {@code base} (e.g. {@code http://127.0.0.1:8088/janus}). */
    public static JanusApi connect(URI base) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ObjectNode create = JSON.createObjectNode().put("janus", "create").put("transaction", "c0");
        JsonNode r = post(http, base, create);
        expect(r, "success", "create");
        return new JanusApi(http, base, r.path("data").path("id").asLong());
    }

    /** Attaches a handle to {@code plugin} (e.g. {@code janus.plugin.videoroom}). */
    public long attach(String plugin) throws IOException, InterruptedException {
        ObjectNode req = JSON.createObjectNode().put("janus", "attach").put("plugin", plugin)
                .put("transaction", nextTransaction());
        JsonNode r = post(http, URI.create(base + "/" + session), req);
        expect(r, "success", "attach");
        return r.path("data").path("id").asLong();
    }

    /**
     * Sends a plugin message and returns the plugin's reply: the synchronous {@code success} or the
     * asynchronous {@code event} with the same transaction. A Janus or plugin error throws.
     */
    public JsonNode message(long handle, ObjectNode body, ObjectNode jsep) throws IOException, InterruptedException {
        String tx = nextTransaction();
        ObjectNode req = JSON.createObjectNode().put("janus", "message").put("transaction", tx);
        req.set("body", body);
        if (jsep != null) {
            req.set("jsep", jsep);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(tx, reply);
        try {
            JsonNode r = post(http, URI.create(base + "/" + session + "/" + handle), req);
            String kind = r.path("janus").asText();
            if (!kind.equals("ack")) {
                reply.complete(r);
            }
            JsonNode event = reply.get(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (event.path("janus").asText().equals("error")) {
                throw new IOException("janus error " + event.path("error"));
            }
            JsonNode data = event.path("plugindata").path("data");
            if (data.has("error_code")) {
                throw new PluginError(data.path("error_code").asInt(), data.path("error").asText());
            }
            return event;
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("no reply to " + body + " within " + REQUEST_TIMEOUT, e);
        } finally {
            pending.remove(tx);
        }
    }

    /** A plugin's refusal ({@code error_code} and {@code error} of its reply). */
    public static final class PluginError extends IOException {
        private final int code;

        PluginError(int code, String reason) {
            super("plugin error " + code + ": " + reason);
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    /** Detaches a handle (hangs its PeerConnection up); errors are logged. */
    public void detach(long handle) {
        try {
            ObjectNode req = JSON.createObjectNode().put("janus", "detach").put("transaction", nextTransaction());
            post(http, URI.create(base + "/" + session + "/" + handle), req);
        } catch (IOException e) {
            LOG.debug("detach {}: {}", handle, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void poll() {
        URI uri = URI.create(base + "/" + session + "?maxev=20");
        while (!closed) {
            try {
                HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(40)).GET().build();
                JsonNode r = JSON.readTree(http.send(req, HttpResponse.BodyHandlers.ofString()).body());
                for (JsonNode e : r.isArray() ? r : JSON.createArrayNode().add(r)) {
                    CompletableFuture<JsonNode> f = pending.get(e.path("transaction").asText(""));
                    if (f != null && (e.path("janus").asText().equals("event") || e.path("janus").asText().equals("error"))) {
                        f.complete(e);
                    }
                }
            } catch (IOException e) {
                if (!closed) {
                    LOG.debug("long poll: {}", e.toString());
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private String nextTransaction() {
        return "t" + transactions.incrementAndGet();
    }

    private static JsonNode post(HttpClient http, URI uri, ObjectNode body) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("janus HTTP " + r.statusCode() + " for " + body.path("janus").asText());
        }
        return JSON.readTree(r.body());
    }

    private static void expect(JsonNode r, String kind, String what) throws IOException {
        if (!r.path("janus").asText().equals(kind)) {
            throw new IOException("janus " + what + ": " + r);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            ObjectNode req = JSON.createObjectNode().put("janus", "destroy").put("transaction", nextTransaction());
            post(http, URI.create(base + "/" + session), req);
        } catch (IOException e) {
            LOG.debug("destroy session: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        poller.interrupt();
    }
}
