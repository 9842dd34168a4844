package io.junction.server;

import static io.junction.server.Fixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.junction.client.MediaPump;
import io.junction.client.ReceivedStream;
import io.junction.client.SfuParticipantClient;
import io.junction.client.WhipClient;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * WHIP and WHEP sessions share rooms with WebSocket participants: a WHIP publisher's media reaches
 * a {@code /ws} participant intact, a WHEP viewer receives a {@code /ws} publisher's media intact.
 */
class WhipMediaTest {
    /** The msid stream of the speaker-following outputs (sfu-core SpeakerFeeds.STREAM_ID). */
    private static final String SPEAKER_STREAM = "junction-speaker";

    private static List<ReceivedStream> streams(Map<Long, ReceivedStream> received, String publisher, String kind) {
        return received.values().stream().filter(s -> publisher.equals(s.streamId()) && s.kind().equals(kind)
                && s.packets() > 0).toList();
    }

    private static JsonNode event(SfuParticipantClient c, String type, String id) {
        synchronized (c.events()) {
            for (JsonNode e : c.events()) {
                if (type.equals(e.path("type").asText()) && (id == null || id.equals(e.path("id").asText()))) {
                    return e;
                }
            }
        }
        return null;
    }

    private static void assertIntact(List<ReceivedStream> audio, List<ReceivedStream> video) {
        assertEquals(1, audio.size(), "one audio stream");
        assertEquals(1, video.size(), "one video stream");
        assertEquals(0, audio.get(0).corrupt(), "audio payload CRC failures");
        assertEquals(0, video.get(0).corrupt(), "video payload CRC failures");
        assertEquals(Boolean.TRUE, video.get(0).firstWasKeyframe(), "the first video packet starts a keyframe");
    }

    @Test
    void whipPublisherReachesAWebSocketParticipantIntactAndDeleteSaysBye() throws Exception {
        try (Fixture f = new Fixture(); Junction j = Fixture.start(Junction.builder())) {
            SfuParticipantClient ws = f.join(j, "w1", "viewer", null, false);
            ws.joined().get(5, TimeUnit.SECONDS);
            URI endpoint = URI.create("http://127.0.0.1:" + j.httpPort() + "/whip/w1?name=obs");
            try (WhipClient whip = WhipClient.publish(f.http, endpoint, null, f.cert(), f.handshakes())) {
                assertEquals(201, whip.status(), whip.response().body());
                var h = whip.response().headers();
                assertEquals("application/sdp", h.firstValue("Content-Type").orElse(""));
                assertTrue(h.firstValue("Location").orElse("").startsWith("/whip/w1/s/"), h.map().toString());
                assertTrue(h.firstValue("ETag").orElse("").matches("\"[0-9a-f]{32}\""), h.map().toString());
                await("otherjoin of the WHIP session", Duration.ofSeconds(5), () -> event(ws, "otherjoin", null) != null);
                JsonNode other = event(ws, "otherjoin", null);
                assertEquals("obs", other.path("name").asText(), "display name from ?name=");
                String whipId = other.path("id").asText();

                whip.connected().get(10, TimeUnit.SECONDS);
                MediaPump pump = MediaPump.start(whip);
                try {
                    ws.connected().get(15, TimeUnit.SECONDS);
                    await("the /ws participant receiving the WHIP audio and video", Duration.ofSeconds(15), () ->
                            streams(ws.received(), whipId, "audio").stream().anyMatch(s -> s.packets() > 50)
                                    && streams(ws.received(), whipId, "video").stream().anyMatch(s -> s.packets() > 50));
                    assertIntact(streams(ws.received(), whipId, "audio"), streams(ws.received(), whipId, "video"));
                } finally {
                    pump.close();
                }
                assertEquals(200, whip.delete().statusCode());
                await("bye for the WHIP session", Duration.ofSeconds(5), () -> event(ws, "bye", whipId) != null);
                assertEquals(1, j.signaling().rooms().roomSize("w1").getAsInt());
                assertEquals(404, whip.delete().statusCode(), "the resource is gone");
            }
        }
    }

    @Test
    void whepViewersReceiveAWebSocketPublisherIntact() throws Exception {
        try (Fixture f = new Fixture(); Junction j = Fixture.start(Junction.builder())) {
            SfuParticipantClient pub = f.join(j, "w2", "ann", null, true);
            pub.joined().get(5, TimeUnit.SECONDS);
            pub.connected().get(10, TimeUnit.SECONDS);
            MediaPump pump = MediaPump.start(pub);
            try {
                await("ann's two tracks published", Duration.ofSeconds(5),
                        () -> j.room("w2").map(r -> r.tracks().size() == 2).orElse(false));
                String base = "http://127.0.0.1:" + j.httpPort() + "/whep/w2";
                try (WhipClient one = WhipClient.view(f.http, URI.create(base + "/" + pub.id()), null, f.cert(),
                        f.handshakes());
                     WhipClient rule = WhipClient.view(f.http, URI.create(base), null, f.cert(), f.handshakes())) {
                    for (WhipClient v : List.of(one, rule)) {
                        assertEquals(201, v.status(), v.response().body());
                        assertTrue(v.location().getPath().startsWith("/whep/w2/s/"), v.location().toString());
                        v.connected().get(10, TimeUnit.SECONDS);
                    }
                    // /whep/w2/{ann} gets ann's tracks; /whep/w2 the speaker-following stream, carrying ann
                    for (WhipClient v : List.of(one, rule)) {
                        String stream = v == one ? pub.id() : SPEAKER_STREAM;
                        await("a WHEP viewer receiving ann's audio and video", Duration.ofSeconds(15), () ->
                                streams(v.received(), stream, "audio").stream().anyMatch(s -> s.packets() > 50)
                                        && streams(v.received(), stream, "video").stream()
                                        .anyMatch(s -> s.packets() > 50));
                        assertIntact(streams(v.received(), stream, "audio"), streams(v.received(), stream, "video"));
                    }
                    assertEquals(3, j.signaling().rooms().roomSize("w2").getAsInt());

                    // A newer video in the room does not take over: /whep/w2/{ann} stays ann's, and the
                    // speaker stream keeps carrying ann while nobody is the dominant speaker.
                    SfuParticipantClient bob = f.join(j, "w2", "bob", null, true);
                    bob.joined().get(5, TimeUnit.SECONDS);
                    bob.connected().get(10, TimeUnit.SECONDS);
                    MediaPump bobPump = MediaPump.start(bob);
                    try {
                        await("bob's tracks published", Duration.ofSeconds(10),
                                () -> j.room("w2").map(r -> r.tracks().size() == 4).orElse(false));
                        for (WhipClient v : List.of(one, rule)) {
                            ReceivedStream video = streams(v.received(), v == one ? pub.id() : SPEAKER_STREAM,
                                    "video").get(0);
                            long mark = video.packets();
                            await("ann's video still flowing to a viewer", Duration.ofSeconds(10),
                                    () -> video.packets() > mark + 50);
                            assertEquals(List.of(), streams(v.received(), bob.id(), "video"), "no renegotiation");
                        }
                    } finally {
                        bobPump.close();
                    }
                    bob.close();
                    await("bob gone", Duration.ofSeconds(5),
                            () -> j.signaling().rooms().roomSize("w2").getAsInt() == 3);
                    assertEquals(200, one.delete().statusCode());
                    assertEquals(200, rule.delete().statusCode());
                    await("both viewers gone", Duration.ofSeconds(5),
                            () -> j.signaling().rooms().roomSize("w2").getAsInt() == 1);
                    assertNotNull(event(pub, "bye", null));
                }
            } finally {
                pump.close();
            }
        }
    }
}
