package io.junction.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.signaling.RoomMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Starts the runnable server on ephemeral ports and talks to it over loopback. */
class JunctionServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOOPBACK = "127.0.0.1";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void p2pJoinOverWebSocketAndStaticPageAndHealth() throws Exception {
        Options options = JunctionMain.parse("--port", "0", "--media-port", "0", "--mode", "p2p",
                "--announce", "127.0.0.1");
        try (JunctionServer server = JunctionServer.start(options, LOOPBACK)) {
            String base = "http://127.0.0.1:" + server.port();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            assertEquals("ok", health.body());

            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (getClass().getResource("/static/index.html") != null) {
                assertEquals(200, page.statusCode());
                assertTrue(page.body().contains("<html"), page.body());
            }

            BlockingQueue<String> aIn = new LinkedBlockingQueue<>();
            BlockingQueue<String> bIn = new LinkedBlockingQueue<>();
            WebSocket a = open(server.port(), aIn);
            WebSocket b = open(server.port(), bIn);
            a.sendText("{\"type\":\"join\",\"room\":\"call\",\"name\":\"a\"}", true).get(5, TimeUnit.SECONDS);
            JsonNode joined = next(aIn);
            assertEquals("joined", joined.get("type").asText());
            assertEquals("p2p", joined.get("mode").asText());
            b.sendText("{\"type\":\"join\",\"room\":\"call\",\"name\":\"b\"}", true).get(5, TimeUnit.SECONDS);
            assertEquals(2, next(bIn).get("userNum").asInt());
            assertEquals("otherjoin", next(aIn).get("type").asText());
            a.sendText("{\"type\":\"message\",\"room\":\"call\",\"data\":{\"type\":\"offer\",\"sdp\":\"v=0\"}}", true)
                    .get(5, TimeUnit.SECONDS);
            JsonNode offer = next(bIn);
            assertEquals(joined.get("id").asText(), offer.get("from").asText());
            assertEquals("v=0", offer.get("data").get("sdp").asText());
            a.abort();
            assertEquals("bye", next(bIn).get("type").asText());
            b.abort();
        }
    }

    @Test
    void sfuRoomsAnswerMalformedSdpWithBadSdp() throws Exception {
        try (JunctionServer server = JunctionServer.start(JunctionMain.parse("--port", "0", "--media-port", "0"), LOOPBACK)) {
            BlockingQueue<String> in = new LinkedBlockingQueue<>();
            WebSocket a = open(server.port(), in);
            a.sendText("{\"type\":\"join\",\"room\":\"conf\"}", true).get(5, TimeUnit.SECONDS);
            assertEquals("sfu", next(in).get("mode").asText());
            a.sendText("{\"type\":\"message\",\"room\":\"conf\",\"data\":{\"type\":\"offer\",\"sdp\":\"v=0\"}}", true)
                    .get(5, TimeUnit.SECONDS);
            JsonNode error = next(in);
            assertEquals("bad-sdp", error.get("code").asText(), error.toString());
            a.abort();
        }
    }

    @Test
    void authSecretRequiresAValidJoinTokenAndAdminTokenGuardsTheApi() throws Exception {
        String secret = "0123456789abcdef0123456789abcdef";
        try (JunctionServer server = JunctionServer.start(JunctionMain.parse("--port", "0", "--media-port", "0",
                "--announce", "127.0.0.1", "--auth-secret", secret, "--admin-token", "admin-token-1"), LOOPBACK)) {
            BlockingQueue<String> in = new LinkedBlockingQueue<>();
            WebSocket a = open(server.port(), in);
            a.sendText("{\"type\":\"join\",\"room\":\"conf\"}", true).get(5, TimeUnit.SECONDS);
            JsonNode denied = next(in);
            assertEquals("unauthorized", denied.get("code").asText(), denied.toString());
            String token = com.auth0.jwt.JWT.create().withClaim("room", "conf").withClaim("publish", false)
                    .withExpiresAt(java.time.Instant.now().plusSeconds(300))
                    .sign(com.auth0.jwt.algorithms.Algorithm.HMAC256(secret));
            a.sendText("{\"type\":\"join\",\"room\":\"conf\",\"token\":\"" + token + "\"}", true)
                    .get(5, TimeUnit.SECONDS);
            assertEquals("joined", next(in).get("type").asText());

            String base = "http://127.0.0.1:" + server.port();
            assertEquals(401, http.send(HttpRequest.newBuilder(URI.create(base + "/api/rooms")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            // the media session is created after `joined` is sent: ask until the room view shows it
            HttpRequest roomRequest = HttpRequest.newBuilder(URI.create(base + "/api/rooms/conf"))
                    .header("Authorization", "Bearer admin-token-1").build();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            HttpResponse<String> room = http.send(roomRequest, HttpResponse.BodyHandlers.ofString());
            while ((room.statusCode() != 200 || JSON.readTree(room.body()).path("participants").isEmpty())
                    && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                room = http.send(roomRequest, HttpResponse.BodyHandlers.ofString());
            }
            assertEquals(200, room.statusCode());
            JsonNode p = JSON.readTree(room.body()).get("participants").get(0);
            assertTrue(p != null, "the participant appears in the room view: " + room.body());
            assertEquals(false, p.get("publish").asBoolean(), room.body());
            assertEquals(true, p.get("subscribe").asBoolean(), room.body());
            a.abort();
        }
    }

    @Test
    void optionsAreParsedAndValidated() {
        Options defaults = JunctionMain.parse();
        assertEquals(Options.defaults(), defaults);
        Options o = JunctionMain.parse("--port", "9000", "--media-port", "0", "--announce", "10.0.0.1",
                "--announce", "127.0.0.1", "--mode", "p2p");
        assertEquals(9000, o.port());
        assertEquals(0, o.mediaPort());
        assertEquals(List.of("10.0.0.1", "127.0.0.1"), o.announce());
        assertEquals(RoomMode.P2P, o.defaultMode());
        assertTrue(assertThrows(CommandLine.ParameterException.class, () -> JunctionMain.parse("--port", "70000"))
                .getMessage().contains("--port must be in 0..65535"));
        assertTrue(assertThrows(CommandLine.ParameterException.class, () -> JunctionMain.parse("--media-port", "-1"))
                .getMessage().contains("--media-port must be in 0..65535"));
        assertTrue(assertThrows(CommandLine.ParameterException.class, () -> JunctionMain.parse("--mode", "mesh"))
                .getMessage().contains("--mode must be one of sfu, p2p"));
        assertThrows(CommandLine.ParameterException.class, () -> JunctionMain.parse("--port", "x"));
        assertThrows(CommandLine.ParameterException.class, () -> JunctionMain.parse("--bogus"));
    }

    @Test
    void helpListsTheOptions() {
        String usage = new CommandLine(new JunctionMain()).getUsageMessage();
        for (String option : List.of("--port", "--media-port", "--announce", "--mode", "--help")) {
            assertTrue(usage.contains(option), usage);
        }
    }

    private WebSocket open(int port, BlockingQueue<String> in) throws Exception {
        return http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"),
                new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            in.add(partial.toString());
                            partial.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }
                }).get(5, TimeUnit.SECONDS);
    }

    private static JsonNode next(BlockingQueue<String> in) throws Exception {
        String frame = in.poll(5, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("no frame within 5 s");
        }
        return JSON.readTree(frame);
    }
}
