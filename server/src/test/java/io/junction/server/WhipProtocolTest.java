package io.junction.server;

import static io.junction.server.Fixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import io.junction.client.ClientSdp;
import io.junction.client.SfuParticipantClient;
import io.junction.client.WhipClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** WHIP/WHEP HTTP errors, CORS, trickle PATCH and session end, against a real Junction. */
class WhipProtocolTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    private static HttpResponse<String> send(Fixture f, String method, String url, String type, String body,
                                             String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (type != null) {
            b.header("Content-Type", type);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return f.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String offer(Fixture f) {
        try (MediaPeer peer = new MediaPeer(f.cert(), f.handshakes())) {
            return ClientSdp.offer(peer.local, null, List.of(MediaPeer.audio("s", 1234)));
        }
    }

    private static String viewOffer(Fixture f) {
        try (MediaPeer peer = new MediaPeer(f.cert(), f.handshakes())) {
            return ClientSdp.recvOffer(peer.local);
        }
    }

    @Test
    void badRequestsGetTheirStatusAndAReason() throws Exception {
        try (Fixture f = new Fixture(); Junction j = Fixture.start(Junction.builder().maxFrameBytes(4096))) {
            String base = "http://127.0.0.1:" + j.httpPort();
            HttpResponse<String> r = send(f, "POST", base + "/whip/e1", "text/plain", "v=0");
            assertEquals(415, r.statusCode(), r.body());
            assertTrue(r.body().contains("application/sdp"), r.body());

            r = send(f, "POST", base + "/whip/e1", "application/sdp", "v=0\r\nthis is not sdp\r\n");
            assertEquals(400, r.statusCode(), r.body());
            assertTrue(r.body().contains("line"), "the reason names the line: " + r.body());
            assertEquals(0, j.signaling().rooms().roomCount(), "a refused offer leaves no member behind");

            r = send(f, "POST", base + "/whip/e1", "application/sdp", "a".repeat(5000));
            assertEquals(413, r.statusCode(), r.body());

            assertEquals(404, send(f, "POST", base + "/whep/nosuchroom", "application/sdp", offer(f)).statusCode());
            assertEquals(404, send(f, "PATCH", base + "/whip/e1/s/0123", "application/trickle-ice-sdpfrag", "")
                    .statusCode());
            assertEquals(404, send(f, "DELETE", base + "/whip/e1/s/0123", null, null).statusCode());
            assertEquals(404, send(f, "POST", base + "/whip/bad%20room", "application/sdp", offer(f)).statusCode());
            assertEquals(404, send(f, "POST", base + "/whip/a/b/c/d", "application/sdp", offer(f)).statusCode());
            r = send(f, "GET", base + "/whip/e1", null, null);
            assertEquals(405, r.statusCode());
            assertEquals("POST, OPTIONS", r.headers().firstValue("Allow").orElse(""));

            SfuParticipantClient ws = f.join(j, "e2", "ann", null, false);
            ws.joined().get(5, TimeUnit.SECONDS);
            r = send(f, "POST", base + "/whep/e2/p999", "application/sdp", viewOffer(f));
            assertEquals(404, r.statusCode(), r.body());
            r = send(f, "POST", base + "/whep/e2/" + ws.id(), "application/sdp", viewOffer(f));
            assertEquals(422, r.statusCode(), "ann publishes nothing: " + r.body());
            r = send(f, "POST", base + "/whep/e2", "application/sdp", offer(f));
            assertEquals(403, r.statusCode(), "a WHEP offer that sends is refused: " + r.body());
            await("the refused viewer gone", Duration.ofSeconds(5),
                    () -> j.signaling().rooms().roomSize("e2").getAsInt() == 1);
        }
    }

    @Test
    void tokensAreCheckedLikeJoinTokens() throws Exception {
        try (Fixture f = new Fixture();
             Junction j = Fixture.start(Junction.builder().authenticator(JwtAuthenticator.hs256(SECRET)))) {
            String url = "http://127.0.0.1:" + j.httpPort() + "/whip/t1";
            HttpResponse<String> r = send(f, "POST", url, "application/sdp", offer(f));
            assertEquals(401, r.statusCode(), r.body());
            assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElse(""));
            assertTrue(r.body().contains("token is required"), r.body());
            String other = JWT.create().withClaim("room", "elsewhere").withExpiresAt(Instant.now().plusSeconds(60))
                    .sign(Algorithm.HMAC256(SECRET));
            assertEquals(401, send(f, "POST", url, "application/sdp", offer(f), "Authorization", "Bearer " + other)
                    .statusCode());
            String viewOnly = JWT.create().withClaim("room", "t1").withClaim("publish", false)
                    .withExpiresAt(Instant.now().plusSeconds(60)).sign(Algorithm.HMAC256(SECRET));
            r = send(f, "POST", url, "application/sdp", offer(f), "Authorization", "Bearer " + viewOnly);
            assertEquals(403, r.statusCode(), r.body());

            String good = JWT.create().withClaim("room", "t1").withClaim("name", "Studio A")
                    .withExpiresAt(Instant.now().plusSeconds(60)).sign(Algorithm.HMAC256(SECRET));
            SfuParticipantClient ws = f.join(j, "t1", "ann", good, false);
            ws.joined().get(5, TimeUnit.SECONDS);
            try (WhipClient whip = WhipClient.publish(f.http, URI.create(url + "?name=ignored"), good, f.cert(),
                    f.handshakes())) {
                assertEquals(201, whip.status(), whip.response().body());
                await("otherjoin", Duration.ofSeconds(5), () -> ws.events().stream()
                        .anyMatch(e -> e.path("type").asText().equals("otherjoin")));
                JsonNode other2 = ws.events().stream().filter(e -> e.path("type").asText().equals("otherjoin"))
                        .findFirst().orElseThrow();
                assertEquals("Studio A", other2.path("name").asText(), "the token's name wins over ?name=");
                HttpResponse<String> anon = send(f, "DELETE", whip.location().toString(), null, null);
                assertEquals(401, anon.statusCode(), "the resource needs the session's token");
                assertEquals(200, whip.delete().statusCode());
                await("bye", Duration.ofSeconds(5), () -> ws.events().stream()
                        .anyMatch(e -> e.path("type").asText().equals("bye")
                                && e.path("id").asText().equals(other2.path("id").asText())));
            }
        }
    }

    @Test
    void corsPreflightAndOriginAllowList() throws Exception {
        try (Fixture f = new Fixture();
             Junction j = Fixture.start(Junction.builder().allowedOrigins(List.of("https://app.example.com")))) {
            String url = "http://127.0.0.1:" + j.httpPort() + "/whip/c1";
            HttpResponse<String> r = send(f, "OPTIONS", url, null, null, "Origin", "https://app.example.com",
                    "Access-Control-Request-Method", "POST");
            assertEquals(204, r.statusCode());
            assertEquals("https://app.example.com", r.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
            assertTrue(r.headers().firstValue("Access-Control-Allow-Headers").orElse("").contains("Authorization"));
            assertTrue(r.headers().firstValue("Access-Control-Expose-Headers").orElse("").contains("Location"));
            assertEquals("application/sdp", r.headers().firstValue("Accept-Post").orElse(""));
            r = send(f, "OPTIONS", url, null, null, "Origin", "https://evil.example.com");
            assertEquals(403, r.statusCode());
            r = send(f, "POST", url, "application/sdp", offer(f), "Origin", "https://evil.example.com");
            assertEquals(403, r.statusCode());
            assertEquals(0, j.signaling().rooms().roomCount());
        }
    }

    @Test
    void patchTricklesCandidatesAndRefusesIceRestart() throws Exception {
        try (Fixture f = new Fixture(); Junction j = Fixture.start(Junction.builder())) {
            String url = "http://127.0.0.1:" + j.httpPort() + "/whip/p1";
            try (WhipClient whip = WhipClient.publish(f.http, URI.create(url), null, f.cert(), f.handshakes())) {
                assertEquals(201, whip.status(), whip.response().body());
                String etag = whip.response().headers().firstValue("ETag").orElseThrow();
                String frag = "a=ice-ufrag:" + whip.iceUfrag() + "\r\na=ice-pwd:0123456789012345678901\r\n"
                        + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:c0\r\n"
                        + "a=candidate:1 1 udp 2122260223 127.0.0.1 40000 typ host\r\na=end-of-candidates\r\n";
                assertEquals(204, whip.patch("application/trickle-ice-sdpfrag", frag, etag).statusCode());
                assertEquals(204, whip.patch("application/trickle-ice-sdpfrag", frag, null).statusCode());
                assertEquals(415, whip.patch("application/sdp", frag, null).statusCode());
                assertEquals(412, whip.patch("application/trickle-ice-sdpfrag", frag, "\"other\"").statusCode());
                HttpResponse<String> bad = whip.patch("application/trickle-ice-sdpfrag", "garbage", null);
                assertEquals(400, bad.statusCode());
                assertTrue(bad.body().contains("line 1"), bad.body());
                HttpResponse<String> restart = whip.patch("application/trickle-ice-sdpfrag",
                        "a=ice-ufrag:NEWU\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\n", "*");
                assertEquals(422, restart.statusCode());
                assertTrue(restart.body().contains("ICE restart is not supported"), restart.body());
                assertEquals(422, whip.patch("application/trickle-ice-sdpfrag",
                        "a=ice-ufrag:NEWU\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\n", null).statusCode(),
                        "new credentials without If-Match: * are an ICE restart too");
                HttpResponse<String> opts = send(f, "OPTIONS", whip.location().toString(), null, null);
                assertEquals(204, opts.statusCode());
                assertEquals("application/trickle-ice-sdpfrag", opts.headers().firstValue("Accept-Patch").orElse(""));
                assertEquals(200, whip.delete().statusCode());
                assertEquals(404, whip.patch("application/trickle-ice-sdpfrag", frag, null).statusCode());
            }
        }
    }

    @Test
    void aSessionWhoseClientNeverConnectsEndsAndTheOthersGetBye() throws Exception {
        try (Fixture f = new Fixture();
             Junction j = Fixture.start(Junction.builder().handshakeTimeout(Duration.ofSeconds(1)))) {
            SfuParticipantClient ws = f.join(j, "d1", "ann", null, false);
            ws.joined().get(5, TimeUnit.SECONDS);
            String url = "http://127.0.0.1:" + j.httpPort() + "/whip/d1";
            HttpResponse<String> r = send(f, "POST", url, "application/sdp", offer(f)); // its peer is already closed
            assertEquals(201, r.statusCode(), r.body());
            String location = r.headers().firstValue("Location").orElseThrow();
            await("otherjoin", Duration.ofSeconds(5), () -> ws.events().stream()
                    .anyMatch(e -> e.path("type").asText().equals("otherjoin")));
            String id = ws.events().stream().filter(e -> e.path("type").asText().equals("otherjoin"))
                    .findFirst().orElseThrow().path("id").asText();
            await("bye for the silent WHIP session", Duration.ofSeconds(15), () -> ws.events().stream()
                    .anyMatch(e -> e.path("type").asText().equals("bye") && e.path("id").asText().equals(id)));
            assertEquals(1, j.signaling().rooms().roomSize("d1").getAsInt());
            assertEquals(404, send(f, "DELETE", "http://127.0.0.1:" + j.httpPort() + location, null, null)
                    .statusCode());
        }
    }

    @Test
    void aFullRoomIsAConflict() throws Exception {
        try (Fixture f = new Fixture(); Junction j = Fixture.start(Junction.builder().roomCapacity(1))) {
            SfuParticipantClient ws = f.join(j, "full1", "ann", null, false);
            ws.joined().get(5, TimeUnit.SECONDS);
            HttpResponse<String> r = send(f, "POST", "http://127.0.0.1:" + j.httpPort() + "/whip/full1",
                    "application/sdp", offer(f));
            assertEquals(409, r.statusCode(), r.body());
            assertTrue(r.body().contains("full"), r.body());
        }
    }
}
