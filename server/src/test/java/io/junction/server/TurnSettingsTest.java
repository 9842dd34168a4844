package io.junction.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.junction.signaling.RoomMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The embedding API's STUN/TURN settings: validation naming the option, {@code joined.iceServers}
 * with TURN REST credentials per join, and the TURN secret kept out of logs, /api and /metrics.
 */
class TurnSettingsTest {
    private static final String SECRET = "turn-secret-Kq9-0123456789-abcdefghijklmn";
    private static final String ADMIN_TOKEN = "admin-token-Zq7xW3";

    @Test
    void badSettingsAreNamed() {
        record Row(JunctionBuilder builder, String says) {
        }
        List<Row> rows = List.of(
                new Row(Junction.builder().iceServers(List.of("http://x")), "iceServers: 'http://x' is not a STUN/TURN URL"),
                new Row(Junction.builder().iceServers(List.of("stun:h:0")), "iceServers: 'stun:h:0'"),
                new Row(Junction.builder().iceServers(List.of("turn:h")), "iceServers has a turn:/turns: URL but no turnSecret"),
                new Row(Junction.builder().turnSecret("short"), "turnSecret must be 32..256 printable ASCII"),
                new Row(Junction.builder().turnSecret(SECRET).turnCredentialTtl(Duration.ofSeconds(30)),
                        "turnCredentialTtl must be in 60..604800 seconds"),
                new Row(Junction.builder().turnCredentialTtl(null), "turnCredentialTtl must be in"));
        for (Row row : rows) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, row.builder()::build);
            assertTrue(e.getMessage().startsWith(row.says()), e.getMessage());
        }
        assertFalse(assertThrows(IllegalArgumentException.class,
                () -> Junction.builder().turnSecret(SECRET.substring(0, 31)).build()).getMessage().contains("turn-secret-Kq9"));
    }

    @Test
    void joinedCarriesStunAndMintedTurnCredentialsAndTheSecretStaysOut() throws Exception {
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level rootLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
        captured.start();
        root.addAppender(captured);
        List<String> outputs = new ArrayList<>();
        try (Fixture f = new Fixture(); Junction j = Fixture.start(Junction.builder().defaultMode(RoomMode.P2P)
                .adminToken(ADMIN_TOKEN).turnSecret(SECRET).turnCredentialTtl(Duration.ofHours(2))
                .iceServers(List.of("stun:127.0.0.1:3478", "TURN:127.0.0.1:3478?transport=UDP", "turns:localhost")))) {
            BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
            long before = System.currentTimeMillis() / 1000;
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(
                    URI.create("ws://127.0.0.1:" + j.httpPort() + "/ws"), Fixture.jsonFrames(frames)).get(5, TimeUnit.SECONDS);
            ws.sendText("{\"type\":\"join\",\"room\":\"r\",\"name\":\"ann\"}", true).get(5, TimeUnit.SECONDS);
            JsonNode joined = frames.poll(5, TimeUnit.SECONDS);
            long after = System.currentTimeMillis() / 1000 + 1;
            assertNotNull(joined);
            assertEquals("joined", joined.get("type").asText(), joined.toString());
            JsonNode ice = joined.get("iceServers");
            assertEquals(3, ice.size(), ice.toString());
            assertEquals("{\"urls\":[\"stun:127.0.0.1:3478\"]}", ice.get(0).toString(), "STUN without credentials");
            assertEquals("turn:127.0.0.1:3478?transport=udp", ice.get(1).get("urls").get(0).asText(), "canonical form");
            assertEquals("turns:localhost", ice.get(2).get("urls").get(0).asText());
            String username = ice.get(1).get("username").asText();
            String[] parts = username.split(":");
            assertEquals(joined.get("id").asText(), parts[1]);
            long expiry = Long.parseLong(parts[0]);
            assertTrue(expiry >= before + 7200 && expiry <= after + 7200, "expiry " + expiry + " is join time + 2 h");
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.US_ASCII), "HmacSHA1"));
            String expected = Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.US_ASCII)));
            assertEquals(expected, ice.get(1).get("credential").asText());
            assertEquals(ice.get(1).get("username"), ice.get(2).get("username"));
            assertEquals(ice.get(1).get("credential"), ice.get(2).get("credential"));
            String base = "http://127.0.0.1:" + j.httpPort();
            for (String path : List.of("/api/rooms", "/api/rooms/r", "/metrics")) {
                outputs.add(f.get(base + path, ADMIN_TOKEN).body());
            }
            assertTrue(outputs.get(1).contains("\"size\":1"), outputs.get(1));
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        } finally {
            root.detachAppender(captured);
            root.setLevel(rootLevel);
        }
        StringBuilder log = new StringBuilder();
        synchronized (captured.list) {
            captured.list.forEach(e -> log.append(e.getFormattedMessage()).append('\n'));
        }
        assertTrue(log.toString().contains("signaling"), "the run was logged");
        assertFalse(log.toString().contains(SECRET), "the TURN secret is not logged");
        assertFalse(String.join("\n", outputs).contains(SECRET), "the TURN secret is not in /api or /metrics");
    }
}
