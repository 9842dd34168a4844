package io.junction.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs the example application on loopback: its page, Junction's signaling with its tickets, the admin API. */
class EmbeddedConferenceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theApplicationServesItsPageAndJunctionWithItsTickets() throws Exception {
        try (EmbeddedConference app = EmbeddedConference.start("127.0.0.1", 0, 0, "127.0.0.1")) {
            String base = "http://127.0.0.1:" + app.port();
            assertEquals("hello from the application", get(base + "/app/", null).body());

            BlockingQueue<String> in = new LinkedBlockingQueue<>();
            WebSocket ws = open("ws://127.0.0.1:" + app.port() + "/rtc/ws", in);
            ws.sendText("{\"type\":\"join\",\"room\":\"demo\",\"token\":\"forged\"}", true).get(5, TimeUnit.SECONDS);
            JsonNode denied = next(in);
            assertEquals("error", denied.get("type").asText());
            assertEquals("unauthorized", denied.get("code").asText());

            ws.sendText("{\"type\":\"join\",\"room\":\"demo\",\"name\":\"gus\",\"token\":\"guest-demo\"}", true)
                    .get(5, TimeUnit.SECONDS);
            JsonNode joined = next(in);
            assertEquals("joined", joined.get("type").asText(), joined.toString());
            assertEquals("sfu", joined.get("mode").asText());

            assertEquals(401, get(base + "/ops/api/rooms", null).statusCode());
            JsonNode rooms = JSON.readTree(get(base + "/ops/api/rooms", "change-me-please").body());
            assertEquals("demo", rooms.get("rooms").get(0).get("name").asText(), rooms.toString());
            // the room is listed before its worker has added the participant: wait for it (5 s deadline)
            JsonNode demo = roomWithParticipant(base + "/ops/api/rooms/demo");
            JsonNode gus = demo.get("participants").get(0);
            assertEquals("gus", gus.get("name").asText(), demo.toString());
            assertEquals(false, gus.get("publish").asBoolean());
            assertTrue(gus.get("subscribe").asBoolean());

            app.close();
            JsonNode bye = next(in);
            assertEquals("bye", bye.get("type").asText(), bye.toString());
            ws.abort();
        }
    }

    private JsonNode roomWithParticipant(String url) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        JsonNode room = JSON.readTree(get(url, "change-me-please").body());
        while (room.path("participants").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            room = JSON.readTree(get(url, "change-me-please").body());
        }
        return room;
    }

    private HttpResponse<String> get(String url, String bearer) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (bearer != null) {
            r.header("Authorization", "Bearer " + bearer);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private WebSocket open(String url, BlockingQueue<String> in) throws Exception {
        return http.newWebSocketBuilder().buildAsync(URI.create(url), new WebSocket.Listener() {
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
        String frame = in.poll(10, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("no frame within 10 s");
        }
        return JSON.readTree(frame);
    }
}
