package io.junction.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Connection caps per address and in total (HTTP 503), and the ping timeout on an injected clock. */
class ConnectionLimitsTest {
    private final WsClients clients = new WsClients();
    private final AtomicLong nanos = new AtomicLong();
    private SignalingServer server;

    private void start(SignalingLimits limits) throws Exception {
        server = new SignalingServer(new FakeMediaEngine(), SignalingOptions.defaults().withNanoClock(nanos::get),
                limits);
        server.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        clients.close();
        if (server != null) {
            server.close();
        }
    }

    private int refusedStatus() {
        ExecutionException e = assertThrows(ExecutionException.class, () -> HttpClient.newHttpClient()
                .newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/ws"),
                        new java.net.http.WebSocket.Listener() { }).get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof WebSocketHandshakeException, String.valueOf(e.getCause()));
        return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
    }

    @Test
    void anAddressOverItsCapGets503AndAClosedSocketFreesItsSlot() throws Exception {
        start(SignalingLimits.defaults().withConnectionCaps(3, 100));
        WsClient first = clients.open(server.port());
        clients.open(server.port());
        clients.open(server.port());
        assertEquals(503, refusedStatus());
        assertEquals(3, server.openConnections());
        first.closeGracefully();
        Conditions.await(() -> server.openConnections() == 2, java.time.Duration.ofSeconds(5), "() -> server.openConnections() == 2");
        WsClient again = clients.open(server.port());
        again.join("r", "ann");
    }

    @Test
    void theTotalCapHolds() throws Exception {
        start(SignalingLimits.defaults().withConnectionCaps(100, 2));
        clients.open(server.port());
        clients.open(server.port());
        assertEquals(503, refusedStatus());
    }

    @Test
    void theCounterRefusesAndForgets() {
        ConnectionCounter c = new ConnectionCounter(2, 3);
        assertNull(c.tryOpen("a"));
        assertNull(c.tryOpen("a"));
        assertEquals("your address holds its maximum of 2 connections", c.tryOpen("a"));
        assertNull(c.tryOpen("b"));
        assertEquals("the server holds its maximum of 3 connections", c.tryOpen("c"));
        assertEquals("the server holds its maximum of 3 connections", c.check("c"));
        c.closed("a");
        c.closed("a");
        assertEquals(0, c.open("a"));
        assertNull(c.check("a"));
        assertEquals(1, c.open());
    }

    /** A WebSocket opened by hand (RFC 6455 section 4.1) that never reads, so never answers a ping. */
    private java.net.Socket deadClient() throws Exception {
        java.net.Socket s = new java.net.Socket("127.0.0.1", server.port());
        s.setSoTimeout(5000);
        s.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        String head = readUntil(s.getInputStream(), "\r\n\r\n");
        assertTrue(head.startsWith("HTTP/1.1 101"), head);
        return s;
    }

    private static String readUntil(java.io.InputStream in, String end) throws java.io.IOException {
        StringBuilder b = new StringBuilder();
        while (!b.toString().endsWith(end)) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            b.append((char) c);
        }
        return b.toString();
    }

    private void waitHeardAt(long nanosValue) throws InterruptedException {
        Conditions.await(() -> server.sessions().stream().anyMatch(s -> s.lastHeard() == nanosValue), java.time.Duration.ofSeconds(5), "() -> server.sessions().stream().anyMatch(s -> s.lastHeard() == nanosValue)");
    }

    @Test
    void aSocketSilentPastThePingTimeoutIsClosedOneThatAnswersPingsStays() throws Exception {
        start(SignalingLimits.defaults().withPingTimeout(Duration.ofSeconds(60)));
        WsClient answering = clients.open(server.port()); // the JDK client answers pings with pongs
        try (java.net.Socket dead = deadClient()) {
            Conditions.await(() -> server.openConnections() == 2, java.time.Duration.ofSeconds(5), "() -> server.openConnections() == 2");
            nanos.set(Duration.ofSeconds(40).toNanos());
            assertEquals(0, server.sweep(), "40 s: nobody silent for 60 s; both pinged");
            waitHeardAt(nanos.get()); // the answering client's pong
            nanos.set(Duration.ofSeconds(90).toNanos());
            assertEquals(1, server.sweep(), "90 s: the dead client, silent since 0 s, is closed");
            java.io.InputStream in = dead.getInputStream();
            int first = in.read();
            while (first == 0x89) { // skip the ping frame of the 40 s round (empty payload)
                in.read();
                first = in.read();
            }
            assertEquals(0x88, first, "a close frame");
            int len = in.read() & 0x7f;
            assertTrue(len >= 2);
            assertEquals(1001, (in.read() << 8) | in.read());
            waitHeardAt(nanos.get());
            assertFalse(answering.closed().isDone(), "the answering client stays");
            Conditions.await(() -> server.openConnections() == 1, java.time.Duration.ofSeconds(5), "() -> server.openConnections() == 1");
        }
    }

    @Test
    void limitsAreValidatedNamingTheOption() {
        assertEquals("maxConnectionsPerAddress must be in 1..1000000 (got 0)", assertThrows(
                IllegalArgumentException.class, () -> SignalingLimits.defaults().withConnectionCaps(0, 10)).getMessage());
        assertEquals("maxConnections must be in 1..10000000 (got 0)", assertThrows(
                IllegalArgumentException.class, () -> SignalingLimits.defaults().withConnectionCaps(1, 0)).getMessage());
        assertEquals("pingTimeout must be in 1..3600 s (got PT0.5S)", assertThrows(IllegalArgumentException.class,
                () -> SignalingLimits.defaults().withPingTimeout(Duration.ofMillis(500))).getMessage());
        assertEquals("maxViolations must be in 1..1000000 (got 0)", assertThrows(
                IllegalArgumentException.class, () -> SignalingLimits.defaults().withMaxViolations(0)).getMessage());
    }

    @Test
    void expiryIsAPureWrapSafeDecision() {
        long timeout = 10;
        assertFalse(SignalingSession.expired(100, 95, timeout));
        assertFalse(SignalingSession.expired(105, 95, timeout));
        assertTrue(SignalingSession.expired(106, 95, timeout));
        assertFalse(SignalingSession.expired(Long.MIN_VALUE + 2, Long.MAX_VALUE - 2, timeout));
        assertTrue(SignalingSession.expired(Long.MIN_VALUE + 20, Long.MAX_VALUE - 2, timeout));
    }

}
