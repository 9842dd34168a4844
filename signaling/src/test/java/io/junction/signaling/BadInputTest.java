package io.junction.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad input gets the right error code; the offender stays usable (a follow-up succeeds) and
 * the other participant of the room sees nothing but that follow-up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
    private final WsClients clients = new WsClients();
    private final FakeMediaEngine engine = new FakeMediaEngine();
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicInteger rooms = new AtomicInteger();
    private SignalingServer server;

    @BeforeAll
    void start() throws Exception {
        server = new SignalingServer(engine, SignalingOptions.defaults()
                .withRoomPolicy(SignalingServerTest.POLICY)
                .withRateLimit(1, 6)
                .withNanoClock(nanos::get),
                SignalingLimits.defaults().withConnectionCaps(1000, 10_000)); // ~70 clients from one address
        server.start("127.0.0.1", 0);
    }

    @AfterAll
    void stop() {
        clients.close();
        server.close();
    }

    private WsClient client() throws Exception {
        return clients.open(server.port());
    }

    /** A fresh room of {@code kind} (sfu or p2p) with an offender and a bystander already joined. */
    private WsClient[] pair(String kind) throws Exception {
        String room = (kind.equals("p2p") ? "p2p-" : "sfu-") + rooms.incrementAndGet();
        WsClient offender = client();
        WsClient bystander = client();
        offender.join(room, "o");
        bystander.join(room, "b");
        offender.next("otherjoin");
        return new WsClient[] {offender, bystander};
    }

    private static String chat(String room, String text) {
        return "{\"type\":\"message\",\"room\":\"" + room + "\",\"data\":{\"type\":\"chat\",\"text\":\"" + text + "\"}}";
    }

    /** The follow-up chat reaches the bystander as its very next frame. */
    private static void assertStillUsableAndNothingLeaked(WsClient offender, WsClient bystander, String room)
            throws Exception {
        offender.send(chat(room, "follow-up"));
        JsonNode next = bystander.next();
        assertEquals("message", next.get("type").asText(), "bystander saw " + next);
        assertEquals("follow-up", next.get("data").get("text").asText());
        assertEquals(0, offender.backlog(), "offender got an extra frame");
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "sfu | {                                                         | bad-json        | ",
        "sfu | not json                                                  | bad-json        | ",
        "sfu | {\"type\":\"join\",\"room\":\"x\"} trailing                 | bad-json        | ",
        "sfu | {\"type\":\"leave\",\"type\":\"join\",\"room\":\"x\"}     | bad-json        | ",
        "sfu | [1,2]                                                     | bad-message     | ",
        "sfu | {\"room\":\"x\"}                                          | bad-message     | ",
        "sfu | {\"type\":7}                                              | bad-message     | ",
        "sfu | {\"type\":\"dance\"}                                      | bad-message     | dance",
        "sfu | {\"type\":\"join\"}                                       | bad-message     | join",
        "sfu | {\"type\":\"join\",\"room\":\"\"}                         | bad-message     | join",
        "sfu | {\"type\":\"join\",\"room\":\"bad room!\"}                | bad-message     | join",
        "sfu | {\"type\":\"join\",\"room\":5}                            | bad-message     | join",
        "sfu | {\"type\":\"join\",\"room\":\"x\",\"name\":[]}            | bad-message     | join",
        "sfu | {\"type\":\"leave\"}                                      | bad-message     | leave",
        "sfu | {\"type\":\"message\",\"room\":\"ROOM\"}                  | bad-message     | message",
        "sfu | {\"type\":\"message\",\"room\":\"ROOM\",\"data\":\"x\"}   | bad-message     | message",
        "sfu | {\"type\":\"message\",\"room\":\"ROOM\",\"data\":{}}      | bad-message     | message",
        "sfu | {\"type\":\"message\",\"room\":\"ROOM\",\"data\":{\"type\":\"chat\"}}               | bad-message | message",
        "sfu | {\"type\":\"message\",\"room\":\"ROOM\",\"to\":5,\"data\":{\"type\":\"chat\",\"text\":\"x\"}}  | bad-message | message",
        "p2p | {\"type\":\"message\",\"room\":\"ROOM\",\"to\":\"nobody\",\"data\":{\"type\":\"chat\",\"text\":\"x\"}} | bad-message | message",
        "p2p | {\"type\":\"message\",\"room\":\"other\",\"data\":{\"type\":\"chat\",\"text\":\"x\"}} | not-in-room | message",
        "p2p | {\"type\":\"leave\",\"room\":\"other\"}                    | not-in-room     | leave",
        "p2p | {\"type\":\"join\",\"room\":\"ROOM\"}                      | already-in-room | join",
        "sfu | {\"type\":\"join\",\"room\":\"elsewhere\"}                 | already-in-room | join",
        "sfu | {\"type\":\"message\",\"room\":\"ROOM\",\"data\":{\"type\":\"offer\"}}               | bad-message | message",
        "sfu | {\"type\":\"message\",\"room\":\"ROOM\",\"data\":{\"type\":\"offer\",\"sdp\":1}}     | bad-message | message",
        "sfu | {\"type\":\"message\",\"room\":\"ROOM\",\"to\":\"p1\",\"data\":{\"type\":\"offer\",\"sdp\":\"v=0\"}} | bad-message | message",
        "sfu | {\"type\":\"message\",\"room\":\"ROOM\",\"data\":{\"type\":\"candidate\",\"sdpMid\":\"0\"}} | bad-message | message",
        "sfu | {\"type\":\"message\",\"room\":\"ROOM\",\"data\":{\"type\":\"candidate\",\"candidate\":\"c\",\"sdpMLineIndex\":\"x\"}} | bad-message | message",
        "sfu | {\"type\":\"message\",\"room\":\"ROOM\",\"data\":{\"type\":\"offer\",\"sdp\":\"refuse\"}}  | bad-sdp  | message",
        "sfu | {\"type\":\"message\",\"room\":\"ROOM\",\"data\":{\"type\":\"offer\",\"sdp\":\"explode\"}} | internal | message",
        "sfu | {\"type\":\"message\",\"room\":\"ROOM\",\"data\":{\"type\":\"preference\"}} | bad-message | message",
        "sfu | {\"type\":\"message\",\"room\":\"ROOM\",\"data\":{\"type\":\"preference\",\"publisher\":5}} | bad-message | message",
        "sfu | {\"type\":\"message\",\"room\":\"ROOM\",\"data\":{\"type\":\"preference\",\"publisher\":\"\"}} | bad-message | message",
        "sfu | {\"type\":\"message\",\"room\":\"ROOM\",\"data\":{\"type\":\"preference\",\"publisher\":\"a\",\"maxHeight\":\"x\"}} | bad-message | message",
        "sfu | {\"type\":\"message\",\"room\":\"ROOM\",\"data\":{\"type\":\"preference\",\"publisher\":\"a\",\"maxHeight\":0}} | bad-message | message",
        "sfu | {\"type\":\"message\",\"room\":\"ROOM\",\"data\":{\"type\":\"preference\",\"publisher\":\"a\",\"maxHeight\":9000}} | bad-message | message",
        "sfu | {\"type\":\"message\",\"room\":\"ROOM\",\"data\":{\"type\":\"preference\",\"publisher\":\"a\",\"maxHeight\":360.5}} | bad-message | message",
        "sfu | {\"type\":\"message\",\"room\":\"ROOM\",\"data\":{\"type\":\"preference\",\"publisher\":\"a\",\"paused\":\"yes\"}} | bad-message | message",
        "sfu | {\"type\":\"message\",\"room\":\"ROOM\",\"to\":\"p1\",\"data\":{\"type\":\"preference\",\"publisher\":\"a\"}} | bad-message | message",
        "sfu | {\"type\":\"message\",\"room\":\"ROOM\",\"data\":{\"type\":\"preference\",\"publisher\":\"nobody\"}} | bad-message | message",
    })
    void badInputGetsItsCode(String kind, String frame, String code, String ref) throws Exception {
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(10)); // refill every connection's bucket
        WsClient[] p = pair(kind);
        String room = (kind.equals("p2p") ? "p2p-" : "sfu-") + rooms.get();
        p[0].send(frame.replace("ROOM", room));
        JsonNode error = p[0].next("error");
        assertEquals(code, error.get("code").asText(), error.toString());
        assertTrue(error.get("message").asText().length() > 0);
        if (ref == null) {
            assertFalse(error.has("ref"), "no ref at all, not ref:null: " + error);
        } else {
            assertEquals(ref, error.get("ref").asText());
        }
        assertStillUsableAndNothingLeaked(p[0], p[1], room);
    }

    @Test
    void longNameAndLongChatAreRefused() throws Exception {
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(10));
        WsClient[] p = pair("sfu");
        String room = "sfu-" + rooms.get();
        p[0].send("{\"type\":\"join\",\"room\":\"x\",\"name\":\"" + "n".repeat(65) + "\"}");
        assertEquals("bad-message", p[0].next("error").get("code").asText());
        p[0].send("{\"type\":\"join\",\"room\":\"" + "r".repeat(65) + "\"}");
        assertEquals("bad-message", p[0].next("error").get("code").asText());
        p[0].send(chat(room, "é".repeat(2049)));
        assertEquals("bad-message", p[0].next("error").get("code").asText());
        assertStillUsableAndNothingLeaked(p[0], p[1], room);
    }

    @Test
    void frameOverTheLimitIsTooLarge() throws Exception {
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(10));
        WsClient[] p = pair("p2p");
        String room = "p2p-" + rooms.get();
        p[0].send(chat(room, "x".repeat(64 * 1024)));
        assertEquals("too-large", p[0].next("error").get("code").asText());
        assertStillUsableAndNothingLeaked(p[0], p[1], room);
    }

    @Test
    void binaryFrameIsBadMessage() throws Exception {
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(10));
        WsClient[] p = pair("sfu");
        String room = "sfu-" + rooms.get();
        p[0].sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertEquals("bad-message", p[0].next("error").get("code").asText());
        assertStillUsableAndNothingLeaked(p[0], p[1], room);
    }

    @Test
    void floodingBeyondTheRateLimitIsRateLimited() throws Exception {
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(10));
        WsClient[] p = pair("p2p"); // the join took 1 of 6 tokens
        String room = "p2p-" + rooms.get();
        for (int i = 0; i < 5; i++) {
            p[0].send(chat(room, "m" + i));
        }
        p[0].send(chat(room, "dropped"));
        JsonNode error = p[0].next("error");
        assertEquals("rate-limited", error.get("code").asText());
        for (int i = 0; i < 5; i++) {
            assertEquals("m" + i, p[1].next("message").get("data").get("text").asText());
        }
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(1)); // one token back
        assertStillUsableAndNothingLeaked(p[0], p[1], room);
    }

    @Test
    void messageBeforeJoinIsNotInRoomThenJoinWorks() throws Exception {
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(10));
        WsClient c = client();
        c.send(chat("lonely", "hi"));
        JsonNode error = c.next("error");
        assertEquals("not-in-room", error.get("code").asText());
        assertEquals("message", error.get("ref").asText());
        c.send("{\"type\":\"leave\",\"room\":\"lonely\"}");
        assertEquals("not-in-room", c.next("error").get("code").asText());
        assertEquals(1, c.join("lonely", "c").get("userNum").asInt());
    }
}
