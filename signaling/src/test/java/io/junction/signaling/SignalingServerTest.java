package io.junction.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.junction.sfu.signal.Negotiation;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Join/leave flows, capacity, p2p relay, chat and sfu negotiation over loopback WebSockets. */
class SignalingServerTest {
    private final WsClients clients = new WsClients();
    private final FakeMediaEngine engine = new FakeMediaEngine();
    private SignalingServer server;

    /**
     * Rooms named p2p-big* are p2p rooms of capacity 3, other p2p* rooms are default p2p rooms;
     * "duo" is an sfu room of capacity 2; the rest are default sfu rooms.
     */
    static final RoomPolicy POLICY = room -> room.startsWith("p2p-big") ? new RoomSettings(RoomMode.P2P, 3)
            : room.startsWith("p2p") ? RoomSettings.defaultsFor(RoomMode.P2P)
            : room.equals("duo") ? new RoomSettings(RoomMode.SFU, 2) : RoomSettings.defaultsFor(RoomMode.SFU);

    @BeforeEach
    void start() throws Exception {
        server = new SignalingServer(engine, SignalingOptions.defaults().withRoomPolicy(POLICY));
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
    void joinLeaveAndDisconnectFlows() throws Exception {
        WsClient a = client();
        WsClient b = client();
        JsonNode joinedA = a.join("r1", "ann");
        assertEquals("r1", joinedA.get("room").asText());
        assertEquals(1, joinedA.get("userNum").asInt());
        assertEquals(0, joinedA.get("peers").size());
        assertEquals("sfu", joinedA.get("mode").asText());
        assertTrue(joinedA.get("iceServers").isArray());
        String idA = joinedA.get("id").asText();

        JsonNode joinedB = b.join("r1", "bob");
        String idB = joinedB.get("id").asText();
        assertFalse(idA.equals(idB));
        assertEquals(2, joinedB.get("userNum").asInt());
        assertEquals(idA, joinedB.get("peers").get(0).get("id").asText());
        assertEquals("ann", joinedB.get("peers").get(0).get("name").asText());
        JsonNode other = a.next("otherjoin");
        assertEquals(idB, other.get("id").asText());
        assertEquals("bob", other.get("name").asText());
        assertEquals(2, other.get("userNum").asInt());

        b.send("{\"type\":\"leave\",\"room\":\"r1\"}");
        assertEquals("r1", b.next("leaved").get("room").asText());
        JsonNode bye = a.next("bye");
        assertEquals(idB, bye.get("id").asText());
        assertEquals(1, bye.get("userNum").asInt());
        engine.session(idB).left.get(5, TimeUnit.SECONDS);

        String idB2 = b.join("r1", "bob").get("id").asText();
        a.next("otherjoin");
        a.close();
        JsonNode bye2 = b.next("bye");
        assertEquals(idA, bye2.get("id").asText());
        assertEquals(1, bye2.get("userNum").asInt());
        engine.session(idA).left.get(5, TimeUnit.SECONDS);
        assertEquals(1, server.rooms().roomCount());

        b.closeGracefully();
        engine.session(idB2).left.get(5, TimeUnit.SECONDS);
        assertEquals(0, server.rooms().roomCount());
        assertTrue(server.rooms().roomSize("r1").isEmpty());
    }

    @Test
    void joinBeyondCapacityGetsFullAndStaysOutside() throws Exception {
        WsClient a = client();
        WsClient b = client();
        WsClient c = client();
        a.join("p2p-x", "a");
        b.join("p2p-x", "b");
        a.next("otherjoin");
        c.send("{\"type\":\"join\",\"room\":\"p2p-x\"}");
        JsonNode full = c.next("full");
        assertEquals("p2p-x", full.get("room").asText());
        assertEquals(2, full.get("userNum").asInt());
        c.send("{\"type\":\"message\",\"room\":\"p2p-x\",\"data\":{\"type\":\"chat\",\"text\":\"hi\"}}");
        assertEquals("not-in-room", c.next("error").get("code").asText());
        assertEquals(2, server.rooms().roomSize("p2p-x").getAsInt());

        b.send("{\"type\":\"leave\",\"room\":\"p2p-x\"}");
        b.next("leaved");
        a.next("bye");
        assertEquals(2, c.join("p2p-x", "c").get("userNum").asInt());

        WsClient d = client();
        d.join("duo", "d");
        client().join("duo", "e");
        WsClient f = client();
        f.send("{\"type\":\"join\",\"room\":\"duo\"}");
        assertEquals(2, f.next("full").get("userNum").asInt());
    }

    @Test
    void classicP2pSequence() throws Exception {
        WsClient a = client();
        WsClient b = client();
        JsonNode joinedA = a.join("p2p-call", "a");
        assertEquals("p2p", joinedA.get("mode").asText());
        String idA = joinedA.get("id").asText();
        String idB = b.join("p2p-call", "b").get("id").asText();
        a.next("otherjoin");

        a.send("{\"type\":\"message\",\"room\":\"p2p-call\",\"data\":{\"type\":\"offer\",\"sdp\":\"v=0 offer\"}}");
        JsonNode offer = b.next("message");
        assertEquals(idA, offer.get("from").asText());
        assertEquals("p2p-call", offer.get("room").asText());
        assertEquals("v=0 offer", offer.get("data").get("sdp").asText());

        b.send("{\"type\":\"message\",\"room\":\"p2p-call\",\"to\":\"" + idA
                + "\",\"data\":{\"type\":\"answer\",\"sdp\":\"v=0 answer\"}}");
        JsonNode answer = a.next("message");
        assertEquals(idB, answer.get("from").asText());
        assertEquals("answer", answer.get("data").get("type").asText());

        a.send("{\"type\":\"message\",\"room\":\"p2p-call\",\"data\":{\"type\":\"candidate\",\"label\":0,"
                + "\"id\":\"0\",\"candidate\":\"candidate:1 1 udp 1 127.0.0.1 5000 typ host\",\"x\":1}}");
        JsonNode cand = b.next("message");
        assertEquals(0, cand.get("data").get("label").asInt());
        assertEquals(1, cand.get("data").get("x").asInt(), "relayed unchanged, unknown fields kept");
        b.send("{\"type\":\"message\",\"room\":\"p2p-call\",\"data\":{\"type\":\"candidate\","
                + "\"candidate\":\"candidate:2 1 udp 1 127.0.0.1 5001 typ host\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}}");
        assertEquals("0", a.next("message").get("data").get("sdpMid").asText());

        b.close();
        JsonNode bye = a.next("bye");
        assertEquals(idB, bye.get("id").asText());
        assertTrue(engine.joins.isEmpty(), "p2p rooms never touch the engine");
    }

    @Test
    void chatIsRelayedWithFromInBothModes() throws Exception {
        for (String room : List.of("p2p-big-chat", "sfu-chat")) {
            WsClient a = client();
            WsClient b = client();
            WsClient c = client();
            String idA = a.join(room, "a").get("id").asText();
            String idB = b.join(room, "b").get("id").asText();
            c.join(room, "c");
            a.next("otherjoin");
            a.next("otherjoin");
            b.next("otherjoin");
            a.send("{\"type\":\"message\",\"room\":\"" + room + "\",\"data\":{\"type\":\"chat\",\"text\":\"hello\"}}");
            for (WsClient other : List.of(b, c)) {
                JsonNode chat = other.next("message");
                assertEquals(idA, chat.get("from").asText());
                assertEquals("hello", chat.get("data").get("text").asText());
            }
            a.send("{\"type\":\"message\",\"room\":\"" + room + "\",\"to\":\"" + idB
                    + "\",\"data\":{\"type\":\"chat\",\"text\":\"just b\"}}");
            assertEquals("just b", b.next("message").get("data").get("text").asText());
            b.send("{\"type\":\"message\",\"room\":\"" + room + "\",\"data\":{\"type\":\"chat\",\"text\":\"mark\"}}");
            assertEquals("mark", a.next("message").get("data").get("text").asText());
            assertEquals("mark", c.next("message").get("data").get("text").asText(), "c did not get the direct chat");
        }
    }

    @Test
    void sfuPreferenceGoesToTheEngine() throws Exception {
        WsClient a = client();
        String id = a.join("prefs", "ann").get("id").asText();
        FakeMediaEngine.Session session = engine.session(id);
        a.send("{\"type\":\"message\",\"room\":\"prefs\",\"data\":{\"type\":\"preference\",\"publisher\":\"p9\","
                + "\"maxHeight\":360}}");
        assertEquals("p9/360/false", session.preferences.poll(5, TimeUnit.SECONDS));
        a.send("{\"type\":\"message\",\"room\":\"prefs\",\"data\":{\"type\":\"preference\",\"publisher\":\"p9\","
                + "\"maxHeight\":null,\"paused\":true}}");
        assertEquals("p9/0/true", session.preferences.poll(5, TimeUnit.SECONDS));
        assertEquals(0, a.backlog(), "no reply to a valid preference");
    }

    @Test
    void sfuNegotiationGoesToTheEngineAndBack() throws Exception {
        WsClient a = client();
        String id = a.join("conf", "ann").get("id").asText();
        FakeMediaEngine.Session session = engine.session(id);
        assertEquals(List.of("conf/" + id + "/ann"), engine.joins);

        a.send("{\"type\":\"message\",\"room\":\"conf\",\"data\":{\"type\":\"offer\",\"sdp\":\"v=0 o\"}}");
        assertEquals(new Negotiation.Offer("v=0 o"), session.next());
        a.send("{\"type\":\"message\",\"room\":\"conf\",\"data\":{\"type\":\"answer\",\"sdp\":\"v=0 a\"}}");
        assertEquals(new Negotiation.Answer("v=0 a"), session.next());
        a.send("{\"type\":\"message\",\"room\":\"conf\",\"data\":{\"type\":\"candidate\",\"candidate\":\"candidate:1\","
                + "\"sdpMid\":\"0\",\"sdpMLineIndex\":0}}");
        assertEquals(new Negotiation.Candidate("candidate:1", "0", 0), session.next());
        a.send("{\"type\":\"message\",\"room\":\"conf\",\"data\":{\"type\":\"candidate\",\"label\":1,\"id\":\"1\","
                + "\"candidate\":\"candidate:2\"}}");
        assertEquals(new Negotiation.Candidate("candidate:2", "1", 1), session.next());
        a.send("{\"type\":\"message\",\"room\":\"conf\",\"data\":{\"type\":\"candidate\",\"sdpMLineIndex\":2,"
                + "\"sdpMid\":\"2\",\"sdp\":\"candidate:3\"}}");
        assertEquals(new Negotiation.Candidate("candidate:3", "2", 2), session.next());
        a.send("{\"type\":\"message\",\"room\":\"conf\",\"data\":{\"type\":\"candidate\",\"candidate\":\"\"}}");
        Negotiation.Candidate end = (Negotiation.Candidate) session.next();
        assertTrue(end.isEndOfCandidates());
        assertEquals(-1, end.sdpMLineIndex());

        session.sink.send(new Negotiation.Answer("v=0 server answer"));
        JsonNode answer = a.next("message");
        assertEquals("sfu", answer.get("from").asText());
        assertEquals("conf", answer.get("room").asText());
        assertEquals("answer", answer.get("data").get("type").asText());
        assertEquals("v=0 server answer", answer.get("data").get("sdp").asText());
        session.sink.send(new Negotiation.Candidate("candidate:9 1 udp 1 127.0.0.1 10000 typ host", "0", 0));
        JsonNode cand = a.next("message").get("data");
        assertEquals("candidate", cand.get("type").asText());
        assertEquals("candidate:9 1 udp 1 127.0.0.1 10000 typ host", cand.get("candidate").asText());
        assertEquals("0", cand.get("sdpMid").asText());
        assertEquals(0, cand.get("sdpMLineIndex").asInt());
        session.sink.send(new Negotiation.Offer("v=0 server offer"));
        assertEquals("offer", a.next("message").get("data").get("type").asText());
        session.sink.dominantSpeaker("p-loud");
        JsonNode speaker = a.next("speaker");
        assertEquals("conf", speaker.get("room").asText());
        assertEquals("p-loud", speaker.get("id").asText());
        session.sink.dominantSpeaker(null);
        assertTrue(a.next("speaker").get("id").isNull(), "nobody speaks: id null");

        a.send("{\"type\":\"leave\",\"room\":\"conf\"}");
        a.next("leaved");
        session.left.get(5, TimeUnit.SECONDS);
        session.sink.send(new Negotiation.Offer("late"));
        a.send("{\"type\":\"join\",\"room\":\"conf2\"}");
        assertEquals("joined", a.next().get("type").asText(), "late engine output after leave was dropped");
    }
}
