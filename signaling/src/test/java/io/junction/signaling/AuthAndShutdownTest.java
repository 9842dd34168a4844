package io.junction.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.junction.sfu.signal.MediaRights;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The authenticator's decision before a join, error counting, and shutdown's {@code bye}. */
class AuthAndShutdownTest {
    private final WsClients clients = new WsClients();
    private final FakeMediaEngine engine = new FakeMediaEngine();
    private final List<Authenticator.JoinRequest> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
    private SignalingServer server;

    private void start(Authenticator auth) throws Exception {
        server = new SignalingServer(engine, SignalingOptions.defaults().withAuthenticator(r -> {
            requests.add(r);
            return auth.authenticate(r);
        }));
        server.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        clients.close();
        server.close();
    }

    private WsClient client() throws Exception {
        return clients.open(server.port());
    }

    @Test
    void deniedJoinIsUnauthorizedAndTouchesNoRoom() throws Exception {
        start(r -> "open".equals(r.token()) ? AuthDecision.grant(MediaRights.ALL) : AuthDecision.deny("no"));
        WsClient a = client();
        a.send("{\"type\":\"join\",\"room\":\"r\",\"name\":\"ann\",\"token\":\"bad\"}");
        JsonNode e = a.next("error");
        assertEquals("unauthorized", e.get("code").asText());
        assertEquals("join", e.get("ref").asText());
        assertTrue(server.rooms().roomSize("r").isEmpty());
        assertEquals(List.of(), engine.joins);
        assertEquals(new Authenticator.JoinRequest("r", "ann", "bad"), requests.get(0));
        assertEquals(1L, server.errorCounts().get("unauthorized"));

        a.send("{\"type\":\"join\",\"room\":\"r\",\"name\":\"ann\",\"token\":\"open\"}");
        assertEquals("r", a.next("joined").get("room").asText());
    }

    @Test
    void restrictedRightsNeedAnEngineThatEnforcesThem() throws Exception {
        // FakeMediaEngine implements only the rights-less join: the default method refuses
        // restricted rights instead of silently granting everything.
        start(r -> AuthDecision.grant(MediaRights.SUBSCRIBE_ONLY));
        WsClient a = client();
        a.join("r", "ann");
        assertEquals("internal", a.next("error").get("code").asText());
        a.next("leaved");
        assertTrue(server.rooms().roomSize("r").isEmpty());
    }

    @Test
    void shutdownSaysByeToEveryoneAndClosesTheSockets() throws Exception {
        start(Authenticator.ALLOW_ALL);
        WsClient a = client();
        WsClient b = client();
        String idA = a.join("r", "ann").get("id").asText();
        String idB = b.join("r", "bob").get("id").asText();
        a.next("otherjoin");
        server.shutdown(Duration.ofSeconds(1));
        JsonNode byeA = a.next("bye");
        assertEquals(idA, byeA.get("id").asText());
        assertEquals(0, byeA.get("userNum").asInt());
        assertEquals(idB, b.next("bye").get("id").asText());
        assertEquals(1001, a.closed().get(5, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(1001, b.closed().get(5, java.util.concurrent.TimeUnit.SECONDS));
        WsClient late = client();
        late.send("{\"type\":\"join\",\"room\":\"r\"}");
        assertEquals("internal", late.next("error").get("code").asText());
    }
}
