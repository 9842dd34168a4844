package io.junction.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.junction.signaling.SecurityHeaders;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Security headers on the page, the API, metrics, health and error pages; no Jetty name or
 * version; long URLs do not amplify into long log lines; the HTTP idle timeout closes a
 * connection that never finishes its request headers.
 */
class HttpHardeningTest {
    private static final String TOKEN = "admin-token-123";

    private static void assertHardened(HttpResponse<String> r) {
        String where = r.uri().getPath().length() > 40 ? r.uri().getPath().substring(0, 40) : r.uri().getPath();
        assertEquals(SecurityHeaders.CONTENT_SECURITY_POLICY,
                r.headers().firstValue("Content-Security-Policy").orElse(null), where);
        assertTrue(SecurityHeaders.CONTENT_SECURITY_POLICY.contains("frame-ancestors 'none'"));
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null), where);
        assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(null), where);
        assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(null), where);
        assertFalse(r.headers().firstValue("Server").isPresent(), where + ": " + r.headers().map());
        assertFalse(r.body().toLowerCase().contains("jetty"), where + ": " + r.body());
    }

    @Test
    void everyResponseCarriesTheHeadersAndNoServerName() throws Exception {
        try (Fixture f = new Fixture(); Junction j = Fixture.start(Fixture.loopback().adminToken(TOKEN))) {
            String base = "http://127.0.0.1:" + j.httpPort();
            HttpResponse<String> health = f.get(base + "/health", null);
            assertEquals(200, health.statusCode());
            assertHardened(health);
            HttpResponse<String> rooms = f.get(base + "/api/rooms", TOKEN);
            assertEquals(200, rooms.statusCode());
            assertHardened(rooms);
            assertHardened(f.get(base + "/api/rooms", null)); // 401
            HttpResponse<String> metrics = f.get(base + "/metrics", TOKEN);
            assertEquals(200, metrics.statusCode());
            assertHardened(metrics);
            HttpResponse<String> missing = f.get(base + "/no-such-file", null);
            assertEquals(404, missing.statusCode());
            assertHardened(missing);
            HttpResponse<String> missingRoom = f.get(base + "/api/rooms/nobody", TOKEN);
            assertHardened(missingRoom);
        }
    }

    @Test
    void theCspAllowsWhatThePageLoads() throws Exception {
        try (Fixture f = new Fixture(); Junction j = Fixture.start(Fixture.loopback())) {
            HttpResponse<String> page = f.get("http://127.0.0.1:" + j.httpPort() + "/", null);
            if (page.statusCode() == 200) { // the page is packaged by the web module, not present here
                assertHardened(page);
                assertFalse(page.body().contains("<script>"), "no inline script: script-src 'self' would block it");
                assertFalse(page.body().contains("style=\""), "no inline style attribute");
            } else {
                assertHardened(page);
            }
        }
    }

    @Test
    void aLongUrlIsNotLoggedInFull() throws Exception {
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        root.setLevel(Level.DEBUG);
        captured.start();
        root.addAppender(captured);
        String longPath = "/api/rooms/" + "a".repeat(8000);
        try (Fixture f = new Fixture(); Junction j = Fixture.start(Fixture.loopback().adminToken(TOKEN))) {
            String base = "http://127.0.0.1:" + j.httpPort();
            f.get(base + longPath, TOKEN);
            f.get(base + "/" + "b".repeat(8000), null);
            f.get(base + "/api/rooms?x=" + "c".repeat(8000), "wrong-token");
            rawGet(j.httpPort(), "/%zz" + "a".repeat(8000));
            rawGet(j.httpPort(), "/x/../../" + "b".repeat(8000));
            rawGet(j.httpPort(), "/ws?" + "c".repeat(8000));
            rawGet(j.httpPort(), "/" + "a".repeat(9000));
        } finally {
            root.detachAppender(captured);
            root.setLevel(before);
        }
        for (ILoggingEvent e : captured.list) {
            String line = e.getFormattedMessage()
                    + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy()));
            assertFalse(line.contains("a".repeat(500)) || line.contains("b".repeat(500)) || line.contains("c".repeat(500)),
                    "logged in full by " + e.getLoggerName() + ": " + line.substring(0, Math.min(300, line.length())));
        }
    }

    @Test
    void builderLimitsAreValidated() {
        assertEquals("httpIdleTimeout must be in 1..300 s (got PT0S)", org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> Junction.builder().httpIdleTimeout(Duration.ZERO).build())
                .getMessage());
        assertEquals("signalingLimits must not be null", org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> Junction.builder().signalingLimits(null).build()).getMessage());
    }

    /** A request the JDK client would refuse to send (bad escapes, dot segments, over-long). */
    private static void rawGet(int port, String target) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            s.getInputStream().readAllBytes();
        }
    }

    @Test
    void aConnectionThatNeverFinishesItsHeadersIsClosed() throws Exception {
        try (Junction j = Fixture.start(Fixture.loopback().httpIdleTimeout(Duration.ofSeconds(1)))) {
            try (Socket s = new Socket("127.0.0.1", j.httpPort())) {
                s.setSoTimeout(10_000);
                OutputStream out = s.getOutputStream();
                out.write("GET /health HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII)); // never ends
                out.flush();
                InputStream in = s.getInputStream();
                long start = System.nanoTime();
                byte[] buf = new byte[512];
                int n;
                while ((n = in.read(buf)) > 0) {
                    // a 408 status line may come before the close
                    assertTrue(new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 408"));
                }
                assertEquals(-1, n, "closed by the server");
                assertTrue(System.nanoTime() - start < 9_000_000_000L, "closed by the idle timeout, not the read timeout");
            }
        }
    }
}
