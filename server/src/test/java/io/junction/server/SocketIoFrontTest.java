package io.junction.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.signaling.RoomMode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.junit.jupiter.api.Test;

/**
 * The socket.io front of an embedded Junction, spoken by hand over Engine.IO v4 long-polling
 * (handshake, socket.io CONNECT, a classic {@code join}), and its HTTP-level refusals: origin,
 * protocol version, body size and malformed packets. Mounted under an application context too.
 */
class SocketIoFrontTest {
    private static final String SEP = "\u001e";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void ownServerSpeaksEngineIoAndTheClassicDialects() throws Exception {
        try (Junction j = Fixture.start(Junction.builder().defaultMode(RoomMode.P2P)
                .allowedOrigins(List.of("https://app.example")))) {
            String base = "http://127.0.0.1:" + j.httpPort() + "/socket.io/?EIO=4&transport=polling";
            HttpResponse<String> open = get(base, "https://app.example");
            assertEquals(200, open.statusCode(), open.body());
            assertEquals("https://app.example", open.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
            assertTrue(open.body().startsWith("0{"), open.body());
            String sid = new ObjectMapper().readTree(open.body().substring(1)).get("sid").asText();
            String session = base + "&sid=" + sid;
            assertEquals("ok", post(session, "40").body());
            assertTrue(get(session, null).body().startsWith("40{\"sid\":"));
            assertEquals("ok", post(session, "42[\"join\",\"classic\"]").body());
            String joined = get(session, null).body();
            assertTrue(joined.matches("42\\[\"joined\",\"classic\",\"p\\d+\"\\].*"), joined);
            assertEquals(1, j.signaling().rooms().roomSize("classic").getAsInt());
            assertEquals("ok", post(session, "42[\"message\",\"classic\",\"x\"]" + SEP + "42[\"shout\"]").body());
            String error = get(session, null).body();
            assertTrue(error.startsWith("42[\"error\",{"), error);
            assertTrue(error.contains("\"code\":\"bad-message\"") && error.contains("\"ref\":\"shout\""), error);

            assertEquals(403, get(base, "https://evil.example").statusCode());
            assertEquals(400, get(base.replace("EIO=4", "EIO=3"), null).statusCode());
            assertEquals(400, post(session, "9").statusCode());
            assertEquals(400, post(session, "42[\"a\"]" + SEP).statusCode());
            assertEquals(413, post(session, "42[\"message\",\"" + "x".repeat(300 * 1024) + "\"]").statusCode());
            HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(URI.create(session))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream("40".getBytes())))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(411, chunked.statusCode());
            HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create(base))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://app.example")
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(204, preflight.statusCode());
            assertTrue(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("POST"));
        }
    }

    @Test
    void socketIoOffMeansNotFound() throws Exception {
        try (Junction j = Fixture.start(Junction.builder().socketIo(false))) {
            assertEquals(404, get("http://127.0.0.1:" + j.httpPort() + "/socket.io/?EIO=4&transport=polling", null)
                    .statusCode());
            assertThrows(IllegalStateException.class, () -> j.socketIoHandler(new Server()));
        }
    }

    @Test
    void mountedUnderAnApplicationContext() throws Exception {
        Server app = new Server();
        ServerConnector connector = new ServerConnector(app);
        connector.setHost(Fixture.LOOPBACK);
        connector.setPort(0);
        app.addConnector(connector);
        try (Junction j = Fixture.start(Junction.builder().httpServer(false).defaultMode(RoomMode.P2P))) {
            Handler.Wrapper classic = j.socketIoHandler(app);
            classic.setHandler(j.webSocketHandler(app));
            app.setHandler(new ContextHandler(classic, "/rtc"));
            app.start();
            String url = "http://127.0.0.1:" + connector.getLocalPort() + "/rtc/socket.io/?EIO=4&transport=polling";
            HttpResponse<String> open = get(url, null);
            assertEquals(200, open.statusCode(), open.body());
            assertTrue(open.body().startsWith("0{\"sid\":"), open.body());
        } finally {
            app.stop();
        }
    }

    private HttpResponse<String> get(String url, String origin) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(40));
        if (origin != null) {
            r.header("Origin", origin);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "text/plain;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
