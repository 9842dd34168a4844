package io.junction.server;

import static org.junit.jupiter.api.Assertions.fail;

import io.junction.client.SfuParticipantClient;
import io.junction.dtls.DtlsCertificate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Test fixture: Java client participants on loopback and HTTP helpers; closes what it made. */
final class Fixture implements AutoCloseable {
    static final String LOOPBACK = "127.0.0.1";
    private final ExecutorService handshakes = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-client-dtls");
        t.setDaemon(true);
        return t;
    });
    private final DtlsCertificate cert = DtlsCertificate.generate();
    private final List<SfuParticipantClient> clients = new ArrayList<>();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A Junction on ephemeral loopback ports, started. */
    static Junction start(JunctionBuilder b) throws Exception {
        return b.httpPort(0).bindAddress(LOOPBACK).mediaPort(0).mediaBindAddress(LOOPBACK).announce(LOOPBACK)
                .workerThreads(2).build().start();
    }

    static JunctionBuilder loopback() {
        return Junction.builder();
    }

    synchronized SfuParticipantClient join(String wsUrl, String room, String name, String token, boolean publish) {
        SfuParticipantClient c = new SfuParticipantClient(URI.create(wsUrl), room, name, token, publish, cert,
                handshakes);
        clients.add(c);
        return c;
    }

    SfuParticipantClient join(Junction j, String room, String name, String token, boolean publish) {
        return join("ws://127.0.0.1:" + j.httpPort() + "/ws", room, name, token, publish);
    }

    DtlsCertificate cert() {
        return cert;
    }

    ExecutorService handshakes() {
        return handshakes;
    }

    HttpResponse<String> get(String url, String bearer) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (bearer != null) {
            r.header("Authorization", "Bearer " + bearer);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Polls {@code cond} every 20 ms until it holds; fails after {@code limit}. */
    /** A WebSocket listener that parses each text frame as JSON into {@code frames}. */
    static java.net.http.WebSocket.Listener jsonFrames(java.util.concurrent.BlockingQueue<com.fasterxml.jackson.databind.JsonNode> frames) {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        return new java.net.http.WebSocket.Listener() {
            @Override
            public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket s, CharSequence data, boolean last) {
                try {
                    frames.add(json.readTree(data.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                s.request(1);
                return null;
            }
        };
    }

    static void await(String what, Duration limit, BooleanSupplier cond) throws InterruptedException {
        await(what, limit, cond, () -> "");
    }

    static void await(String what, Duration limit, BooleanSupplier cond, Supplier<String> state)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + limit + " waiting for " + what + " " + state.get());
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    @Override
    public synchronized void close() {
        clients.forEach(SfuParticipantClient::close);
        handshakes.shutdownNow();
    }
}
