package io.junction.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.signaling.RoomMode;
import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Participants of p2p rooms are counted in junction_participants and listed by /api/rooms/{room}. */
class P2pObservabilityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static WebSocket join(Fixture f, Junction j, String name, BlockingQueue<JsonNode> frames) throws Exception {
        WebSocket ws = f.http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + j.httpPort() + "/ws"),
                Fixture.jsonFrames(frames)).get(5, TimeUnit.SECONDS);
        ws.sendText("{\"type\":\"join\",\"room\":\"talk\",\"name\":\"" + name + "\"}", true).get(5, TimeUnit.SECONDS);
        JsonNode joined = frames.poll(5, TimeUnit.SECONDS);
        assertEquals("joined", joined.path("type").asText(), String.valueOf(joined));
        assertEquals("p2p", joined.path("mode").asText());
        return ws;
    }

    private static double participantsMetric(String scrape) {
        Matcher m = Pattern.compile("(?m)^junction_participants(\\{[^}]*})? ([0-9.eE+-]+)$").matcher(scrape);
        assertTrue(m.find(), scrape);
        return Double.parseDouble(m.group(2));
    }

    @Test
    void p2pParticipantsAreCountedAndListed() throws Exception {
        try (Fixture f = new Fixture(); Junction j = Fixture.start(Fixture.loopback().defaultMode(RoomMode.P2P))) {
            String base = "http://127.0.0.1:" + j.httpPort();
            assertEquals(0.0, participantsMetric(f.get(base + "/metrics", null).body()));
            WebSocket ann = join(f, j, "ann", new LinkedBlockingQueue<>());
            WebSocket bob = join(f, j, "bob", new LinkedBlockingQueue<>());
            try {
                assertEquals(2.0, participantsMetric(f.get(base + "/metrics", null).body()));
                JsonNode room = JSON.readTree(f.get(base + "/api/rooms/talk", null).body());
                assertEquals("p2p", room.get("mode").asText());
                assertEquals(2, room.get("size").asInt());
                assertEquals(2, room.get("participants").size(), room.toString());
                assertEquals("ann", room.get("participants").get(0).get("name").asText());
                assertEquals("bob", room.get("participants").get(1).get("name").asText());
                assertTrue(room.get("participants").get(0).get("id").asText().length() > 0);
            } finally {
                ann.abort();
                bob.abort();
            }
            Fixture.await("the p2p room empties", Duration.ofSeconds(5),
                    () -> j.signaling().rooms().roomCount() == 0);
            assertEquals(0.0, participantsMetric(f.get(base + "/metrics", null).body()));
        }
    }
}
