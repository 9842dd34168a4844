package io.junction.signaling.socketio;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A hand-driven Engine.IO v4 long-polling client (one HTTP request at a time). */
final class PollingClient {
    private final HttpClient http;
    private final String base;
    private String sid;

    PollingClient(HttpClient http, int port) {
        this.http = http;
        this.base = "http://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=polling";
    }

    /** Engine.IO handshake, then socket.io CONNECT to "/"; returns the CONNECT answer. */
    String open() throws Exception {
        String hello = get(base).body();
        if (!hello.startsWith("0{")) {
            throw new AssertionError("no Engine.IO open packet: " + hello);
        }
        sid = hello.replaceAll("^0\\{\"sid\": ?\"([^\"]+)\".*$", "$1");
        send("40");
        return poll();
    }

    /** POSTs one payload; returns the HTTP status. */
    int send(String payload) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "&sid=" + sid)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    /** One long-poll: what the server had or sends next (or an error body when the sid is gone). */
    String poll() throws Exception {
        return get(base + "&sid=" + sid).body();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(40)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
